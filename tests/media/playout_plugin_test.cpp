// Playout with the built-in codec plugins as the host loads them: Opus with
// its concealment and in-band FEC, G.711 without concealment, and packets
// carrying several frames.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "media/playout.hpp"
#include "media/speech_signal.hpp"

namespace cordon::media {
namespace {

using FrameKind = Playout::FrameKind;

const CodecPlugin &builtin_codec(const std::string &id)
{
    static StderrLogger logger(LogLevel::error);
    static const std::unique_ptr<PluginRegistry> registry = [] {
        const std::filesystem::path directory = CORDON_BUILTIN_PLUGIN_DIR;
        return PluginRegistry::load({{directory}, {directory}, {}, {}}, logger);
    }();
    for (const CodecPlugin *plugin : registry->codecs()) {
        if (plugin->id() == id) {
            return *plugin;
        }
    }
    ADD_FAILURE() << "no built-in codec " << id;
    std::abort();
}

std::unique_ptr<CodecInstance> make_instance(const std::string &id, CodecConfig config)
{
    auto created = builtin_codec(id).create(config);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? std::move(created).value() : nullptr;
}

CodecConfig opus_config(uint32_t frame_us)
{
    CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = 48000;
    config.sample_rate = 48000;
    config.frame_duration_us = frame_us;
    config.expected_loss_percent = 20;
    config.params = {{"useinbandfec", "1"}};
    return config;
}

CodecConfig pcmu_config()
{
    CodecConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = 8000;
    config.sample_rate = 8000;
    return config;
}

std::vector<std::vector<uint8_t>> encode_all(CodecInstance &encoder, const Pcm &input)
{
    std::vector<std::vector<uint8_t>> packets;
    const size_t frame = encoder.info().frame_samples();
    std::vector<uint8_t> packet(encoder.info().max_packet_bytes);
    for (size_t offset = 0; offset + frame <= input.samples.size(); offset += frame) {
        const auto bytes = encoder.encode(std::span<const int16_t>(input.samples).subspan(offset, frame), packet);
        EXPECT_TRUE(bytes.ok()) << bytes.error().message;
        packets.emplace_back(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(bytes.ok() ? *bytes : 0));
    }
    return packets;
}

Playout make_playout(CodecInstance &codec, const std::string &encoding, uint32_t clock_rate)
{
    auto created = Playout::create(codec, {encoding, clock_rate, {}});
    EXPECT_TRUE(created.ok()) << created.error().message;
    return std::move(created).value();
}

double frame_rms(std::span<const int16_t> pcm)
{
    double sum = 0.0;
    for (int16_t sample : pcm) {
        sum += static_cast<double>(sample) * sample;
    }
    return std::sqrt(sum / static_cast<double>(pcm.size()));
}

TEST(PlayoutWithPlugins, OpusConcealsALossFromTheNextPacketsFec)
{
    auto encoder = make_instance("org.cordon.codec.opus", opus_config(20000));
    auto decoder = make_instance("org.cordon.codec.opus", opus_config(20000));
    ASSERT_TRUE(encoder && decoder);
    const auto packets = encode_all(*encoder, generate_speech_like(48000, 1, 1.0, 11));
    Playout playout = make_playout(*decoder, "opus", 48000);
    constexpr size_t lost = 25;
    std::vector<FrameKind> kinds;
    double lost_frame_rms = 0.0;
    for (size_t i = 0; i < packets.size(); ++i) {
        if (i != lost) {
            playout.put(packets[i], static_cast<uint32_t>(i * 960), static_cast<uint16_t>(i));
        }
        if (i >= 1) { // one packet of head start, so the one after the loss is there
            const auto frame = playout.next_frame();
            kinds.push_back(frame.kind);
            if (i - 1 == lost) {
                lost_frame_rms = frame_rms(frame.pcm);
            }
        }
    }
    EXPECT_EQ(kinds[lost], FrameKind::concealed);
    EXPECT_GT(lost_frame_rms, 100.0) << "the concealed frame carries the voice on, not silence";
    const auto counters = playout.counters();
    EXPECT_EQ(counters.frames_concealed, 1u);
    EXPECT_EQ(counters.frames_with_next_packet, 1u);
    EXPECT_EQ(counters.frames_decoded, packets.size() - 2);
    EXPECT_EQ(counters.decode_errors, 0u);
}

TEST(PlayoutWithPlugins, Opus40MsPacketsPlayAsTwo20MsFrames)
{
    auto encoder = make_instance("org.cordon.codec.opus", opus_config(40000));
    auto decoder = make_instance("org.cordon.codec.opus", opus_config(20000));
    auto reference = make_instance("org.cordon.codec.opus", opus_config(20000));
    ASSERT_TRUE(encoder && decoder && reference);
    const auto packets = encode_all(*encoder, generate_speech_like(48000, 1, 0.4, 4));
    ASSERT_EQ(packets.size(), 10u);
    Playout playout = make_playout(*decoder, "opus", 48000);
    for (size_t i = 0; i < packets.size(); ++i) {
        playout.put(packets[i], static_cast<uint32_t>(i * 1920), static_cast<uint16_t>(i));
    }
    std::vector<int16_t> played;
    for (size_t tick = 0; tick < 2 * packets.size(); ++tick) {
        const auto frame = playout.next_frame();
        ASSERT_EQ(frame.kind, FrameKind::decoded) << "tick " << tick;
        played.insert(played.end(), frame.pcm.begin(), frame.pcm.end());
    }
    std::vector<int16_t> expected;
    std::vector<int16_t> pcm(reference->info().max_decoded_samples);
    for (const auto &packet : packets) {
        const auto decoded = reference->decode(packet, pcm);
        ASSERT_TRUE(decoded.ok());
        expected.insert(expected.end(), pcm.begin(), pcm.begin() + static_cast<std::ptrdiff_t>(*decoded));
    }
    EXPECT_EQ(played, expected);
    EXPECT_EQ(playout.counters().jitter.missing, 0u);
}

TEST(PlayoutWithPlugins, G711PlaysSilenceForALossAndTakes60MsPackets)
{
    auto codec = make_instance("org.cordon.codec.g711", pcmu_config());
    ASSERT_TRUE(codec);
    ASSERT_FALSE(codec->has_native_concealment());
    const auto frames = encode_all(*codec, generate_speech_like(8000, 1, 0.36, 2)); // 18 frames
    // Three 20 ms frames per packet: a G.711 packet is its samples in a row.
    std::vector<std::vector<uint8_t>> packets(6);
    for (size_t i = 0; i < frames.size(); ++i) {
        packets[i / 3].insert(packets[i / 3].end(), frames[i].begin(), frames[i].end());
    }
    Playout playout = make_playout(*codec, "PCMU", 8000);
    for (size_t i = 0; i < packets.size(); ++i) {
        if (i != 2) {
            playout.put(packets[i], static_cast<uint32_t>(i * 480), static_cast<uint16_t>(i));
        }
    }
    std::vector<FrameKind> kinds;
    std::vector<int16_t> pcm(codec->info().max_decoded_samples);
    for (size_t tick = 0; tick < frames.size(); ++tick) {
        const auto frame = playout.next_frame();
        kinds.push_back(frame.kind);
        if (frame.kind == FrameKind::decoded) {
            const auto decoded = codec->decode(frames[tick], pcm);
            ASSERT_TRUE(decoded.ok());
            EXPECT_TRUE(std::equal(frame.pcm.begin(), frame.pcm.end(), pcm.begin())) << "tick " << tick;
        } else {
            EXPECT_EQ(frame_rms(frame.pcm), 0.0);
        }
    }
    std::vector<FrameKind> expected(frames.size(), FrameKind::decoded);
    std::fill_n(expected.begin() + 6, 3, FrameKind::silence);
    EXPECT_EQ(kinds, expected);
    EXPECT_EQ(playout.counters().frames_silence, 3u);
}

} // namespace
} // namespace cordon::media
