// cordon-bench-receive-path: what one received packet costs a call, from the
// datagram to the PCM frame: SRTP unprotect (encryption-srtp), RTP parse,
// jitter buffer and decode (Playout), with Opus in process and in the sandbox,
// in the same run. The baseline copies the datagram, as the socket layer does.
//
// Packets are 20 ms Opus frames of a speech-like signal at 48 kHz, protected
// with AES_CM_128_HMAC_SHA1_80 ahead of time; each iteration takes the next
// one through the whole path. All times are wall-clock (the sandboxed decode
// runs in another process), the baseline's too. SRTP's replay protection
// refuses a packet seen twice, so when the prepared packets run out, a fresh
// call is negotiated and the packets protected again, outside the timed part.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/baseline_ratio_reporter.hpp"
#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/media_encryption.hpp"
#include "cordon/host/plugins.hpp"
#include "media/playout.hpp"
#include "media/rtp_packet.hpp"
#include "media/speech_signal.hpp"

namespace {

constexpr const char *baseline_name = "BM_Baseline_CopyDatagram";
constexpr const char *opus_id = "org.cordon.codec.opus";
constexpr const char *srtp_id = "org.cordon.encryption.srtp";
constexpr uint32_t rate_hz = 48000;
constexpr uint32_t frame_samples = 960; // 20 ms
constexpr size_t packet_count = 500;    // 10 s of speech
constexpr size_t datagram_bytes = 1500;
constexpr uint8_t opus_payload_type = 111;

class DiscardingLogger final : public cordon::Logger {
public:
    void write(cordon::LogLevel, std::string_view, std::string_view) override {}
};

DiscardingLogger logger;

const cordon::PluginRegistry &registry(bool sandboxed)
{
    static const auto in_process = [] {
        cordon::PluginSearch search;
        search.directories = {cordon::builtin_plugin_directory()};
        search.trusted = {cordon::builtin_plugin_directory()};
        return cordon::PluginRegistry::load(search, logger);
    }();
    static const auto in_sandbox = [] {
        cordon::PluginSearch search;
        search.directories = {cordon::builtin_plugin_directory()};
        search.trusted = {cordon::builtin_plugin_directory()};
        search.sandboxed = {opus_id};
        return cordon::PluginRegistry::load(search, logger);
    }();
    return sandboxed ? *in_sandbox : *in_process;
}

cordon::CodecConfig opus_config()
{
    cordon::CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = rate_hz;
    config.sample_rate = rate_hz;
    config.channels = 1;
    config.frame_duration_us = 20000;
    return config;
}

// The Opus packets of packet_count frames of speech, as RTP packets in clear.
std::vector<std::vector<uint8_t>> plain_packets()
{
    auto encoder = registry(false).find_codec(opus_id)->create(opus_config()).value();
    const auto speech = cordon::media::generate_speech_like(rate_hz, 1, packet_count * 0.02, 7);
    std::vector<std::vector<uint8_t>> packets;
    std::vector<uint8_t> payload(encoder->info().max_packet_bytes);
    for (size_t i = 0; i < packet_count; ++i) {
        const std::span<const int16_t> frame(speech.samples.data() + i * frame_samples, frame_samples);
        const size_t length = encoder->encode(frame, payload).value();
        cordon::media::RtpHeader header;
        header.payload_type = opus_payload_type;
        header.sequence = static_cast<uint16_t>(i);
        header.timestamp = static_cast<uint32_t>(i * frame_samples);
        header.ssrc = 0x1234;
        std::vector<uint8_t> packet(datagram_bytes);
        packet.resize(cordon::media::write_rtp(header, std::span(payload.data(), length), packet).value());
        packets.push_back(std::move(packet));
    }
    return packets;
}

// One negotiated call: the packets protected by the offerer, the answerer's
// contexts to take them off.
struct ProtectedCall {
    std::unique_ptr<cordon::MediaKeyExchange> offerer;
    std::unique_ptr<cordon::MediaKeyExchange> answerer;
    std::shared_ptr<cordon::MediaProtection> receiver;
    std::vector<std::vector<uint8_t>> datagrams;
};

ProtectedCall protect_all(const std::vector<std::vector<uint8_t>> &plain)
{
    const auto *plugin = registry(false).find_media_encryption(srtp_id);
    ProtectedCall call;
    call.offerer = std::move(plugin->start(cordon::SignallingSecurity::tls).value());
    call.answerer = std::move(plugin->start(cordon::SignallingSecurity::tls).value());
    auto answer = call.answerer->answer({call.offerer->offer().value().front()}).value();
    auto sender = call.offerer->accept_answer(answer.attributes).value();
    call.receiver = answer.protection;
    for (const auto &packet : plain) {
        std::vector<uint8_t> datagram(datagram_bytes);
        std::memcpy(datagram.data(), packet.data(), packet.size());
        datagram.resize(sender->protect_rtp(datagram, packet.size()).value());
        call.datagrams.push_back(std::move(datagram));
    }
    return call;
}

void BM_ReceivePath(benchmark::State &state, bool sandboxed)
{
    const cordon::CodecPlugin *opus = registry(sandboxed).find_codec(opus_id);
    if (opus == nullptr || registry(false).find_media_encryption(srtp_id) == nullptr) {
        state.SkipWithError("the built-in plugins are not built (cordon_builtin_plugins, cordon-sandbox)");
        return;
    }
    auto decoder = opus->create(opus_config());
    if (!decoder) {
        state.SkipWithError(decoder.error().message.c_str());
        return;
    }
    cordon::media::PlayoutConfig config;
    config.encoding_name = "opus";
    config.clock_rate = rate_hz;
    auto playout = cordon::media::Playout::create(**decoder, config).value();
    const auto plain = plain_packets();
    ProtectedCall call = protect_all(plain);
    std::vector<uint8_t> buffer(datagram_bytes);
    size_t next = 0;
    uint64_t decoded = 0;
    for (auto _ : state) {
        if (next == call.datagrams.size()) {
            state.PauseTiming();
            call = protect_all(plain);
            playout.reset();
            next = 0;
            state.ResumeTiming();
        }
        const auto &datagram = call.datagrams[next++];
        std::memcpy(buffer.data(), datagram.data(), datagram.size());
        auto length = call.receiver->unprotect_rtp(buffer, datagram.size());
        auto packet = length ? cordon::media::parse_rtp(std::span<const uint8_t>(buffer.data(), *length))
                             : cordon::Result<cordon::media::RtpPacketView>(length.error());
        if (!packet) {
            state.SkipWithError(packet.error().message.c_str());
            break;
        }
        playout.put(packet->payload, packet->header.timestamp, packet->header.sequence);
        const auto frame = playout.next_frame();
        decoded += frame.kind == cordon::media::Playout::FrameKind::decoded ? 1 : 0;
        benchmark::DoNotOptimize(frame.pcm.data());
    }
    state.counters["decoded_share"] =
        state.iterations() == 0 ? 0.0 : static_cast<double>(decoded) / static_cast<double>(state.iterations());
}

void BM_Baseline_CopyDatagram(benchmark::State &state)
{
    const auto plain = plain_packets();
    std::vector<uint8_t> buffer(datagram_bytes);
    size_t next = 0;
    for (auto _ : state) {
        const auto &packet = plain[next++ % plain.size()];
        std::memcpy(buffer.data(), packet.data(), packet.size());
        benchmark::DoNotOptimize(buffer.data());
    }
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_CopyDatagram)->UseRealTime();
    benchmark::RegisterBenchmark("BM_ReceivePath/in-process", BM_ReceivePath, false)->UseRealTime();
    benchmark::RegisterBenchmark("BM_ReceivePath/sandbox", BM_ReceivePath, true)->UseRealTime();
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_CopyDatagram)->UseRealTime();
    return cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
}
