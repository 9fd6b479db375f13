// cordon-bench-srtp: SRTP protect and unprotect of one RTP packet through
// encryption-srtp as the media code will call it (MediaProtection from the
// registry: the ABI call, the host's argument and reply checks, the plugin's
// header check), next to raw libsrtp2 calls with the same suite and the same
// master key, in the same run. Both suites, a 160-byte payload (20 ms of
// G.711) and a 1200-byte one (a large video or Opus FEC packet).
//
// Protect copies the plain packet into the work buffer and bumps its
// sequence number each iteration (libsrtp2 refuses to protect one index
// twice); unprotect works through batches of packets protected beforehand
// with consecutive sequence numbers (the replay window refuses a repeat),
// timed without the batch refills. Both sides do exactly the same around the
// call under test, so the ratio is the plugin's cost over libsrtp2's.
//
// On a shared machine, separate benchmarks for the two sides catch different
// moments of the other processes' load, and their ratio scatters by more
// than the wrapper costs. The BM_Paired_* rows therefore time both sides in
// the same iteration, in alternating blocks of a few dozen packets, and
// report the ratio of their summed times as the counter plugin_over_raw.
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <srtp2/srtp.h>

#include "bench/baseline_ratio_reporter.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/media_encryption.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/settings.hpp"

namespace {

constexpr const char *baseline_name = "BM_Raw_Protect/aes_cm/160";
constexpr const char *plugin_id = "org.cordon.encryption.srtp";
constexpr size_t rtp_header_bytes = 12;
constexpr size_t room = 64;              // after each packet: more than any tag
constexpr size_t unprotect_batch = 1024; // packets protected ahead of timing

struct SuiteCase {
    const char *label;     // in benchmark names
    const char *sdes_name; // in a=crypto
    size_t key_salt_bytes;
    void (*set_policy)(srtp_crypto_policy_t *);
};

const SuiteCase aes_cm_suite{"aes_cm", "AES_CM_128_HMAC_SHA1_80", 30, srtp_crypto_policy_set_rtp_default};
const SuiteCase gcm_suite{"gcm", "AEAD_AES_128_GCM", 28, srtp_crypto_policy_set_aes_gcm_128_16_auth};

// The registry, loaded once: its plugin init starts libsrtp2 for the raw
// side too (one libsrtp2 per process).
const cordon::MediaEncryptionPlugin *srtp_plugin()
{
    static cordon::StderrLogger logger(cordon::LogLevel::warning);
    static const auto registry =
        cordon::PluginRegistry::load(cordon::plugin_search_from_settings(cordon::Settings{}), logger);
    return registry->find_media_encryption(plugin_id);
}

// One call negotiated through the plugin, and the offerer's master key taken
// from its offer, so that raw libsrtp2 can use the very same key.
struct Call {
    std::unique_ptr<cordon::MediaKeyExchange> offerer;
    std::unique_ptr<cordon::MediaKeyExchange> answerer;
    std::shared_ptr<cordon::MediaProtection> sender;   // the offerer's
    std::shared_ptr<cordon::MediaProtection> receiver; // the answerer's
    std::vector<unsigned char> sender_key;
    std::string error;
};

Call negotiate(const SuiteCase &suite)
{
    Call call;
    const auto *plugin = srtp_plugin();
    if (plugin == nullptr) {
        call.error = "encryption-srtp is not loaded (build cordon_builtin_plugins)";
        return call;
    }
    call.offerer = std::move(plugin->start(cordon::SignallingSecurity::tls).value());
    call.answerer = std::move(plugin->start(cordon::SignallingSecurity::tls).value());
    auto offer = call.offerer->offer();
    std::string chosen;
    for (const std::string &value : offer.value()) {
        if (value.find(std::string(" ") + suite.sdes_name + " ") != std::string::npos) {
            chosen = value;
        }
    }
    auto answer = call.answerer->answer({chosen});
    auto accepted = call.offerer->accept_answer(answer.value().attributes);
    if (!answer.ok() || !accepted.ok()) {
        call.error = "negotiation failed";
        return call;
    }
    call.sender = accepted.value();
    call.receiver = answer.value().protection;
    const std::string base64 = chosen.substr(chosen.find("inline:") + 7);
    std::vector<unsigned char> decoded(base64.size());
    EVP_DecodeBlock(decoded.data(), reinterpret_cast<const unsigned char *>(base64.data()),
                    static_cast<int>(base64.size()));
    decoded.resize(suite.key_salt_bytes); // EVP_DecodeBlock counts padding as zero bytes
    call.sender_key = std::move(decoded);
    return call;
}

srtp_t raw_context(const SuiteCase &suite, std::vector<unsigned char> &key, srtp_ssrc_type_t direction)
{
    srtp_policy_t policy{};
    suite.set_policy(&policy.rtp);
    suite.set_policy(&policy.rtcp);
    policy.ssrc.type = direction;
    policy.key = key.data();
    srtp_t context = nullptr;
    return srtp_create(&context, &policy) == srtp_err_status_ok ? context : nullptr;
}

std::vector<uint8_t> plain_packet(size_t payload)
{
    std::vector<uint8_t> packet(rtp_header_bytes + payload + room, 0);
    packet[0] = 0x80;
    packet[11] = 0x42; // SSRC
    for (size_t i = 0; i < payload; ++i) {
        packet[rtp_header_bytes + i] = static_cast<uint8_t>(i * 13 + 1);
    }
    return packet;
}

void set_sequence(uint8_t *packet, uint16_t sequence)
{
    packet[2] = static_cast<uint8_t>(sequence >> 8);
    packet[3] = static_cast<uint8_t>(sequence);
}

void BM_Protect(benchmark::State &state, const SuiteCase *suite, bool through_plugin, size_t payload)
{
    Call call = negotiate(*suite);
    if (!call.error.empty()) {
        state.SkipWithError(call.error.c_str());
        return;
    }
    srtp_t raw = raw_context(*suite, call.sender_key, ssrc_any_outbound);
    const std::vector<uint8_t> plain = plain_packet(payload);
    const size_t length = rtp_header_bytes + payload;
    std::vector<uint8_t> work(plain.size());
    uint16_t sequence = 0;
    for (auto _ : state) {
        std::memcpy(work.data(), plain.data(), length);
        set_sequence(work.data(), ++sequence);
        if (through_plugin) {
            auto protected_length = call.sender->protect_rtp(work, length);
            if (!protected_length) {
                state.SkipWithError(protected_length.error().message.c_str());
                break;
            }
            benchmark::DoNotOptimize(*protected_length);
        } else {
            int raw_length = static_cast<int>(length);
            if (srtp_protect(raw, work.data(), &raw_length) != srtp_err_status_ok) {
                state.SkipWithError("srtp_protect failed");
                break;
            }
            benchmark::DoNotOptimize(raw_length);
        }
    }
    srtp_dealloc(raw);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * length));
}

// Packets protected with consecutive sequence numbers under the sender's key.
struct Batch {
    std::vector<std::vector<uint8_t>> packets;
    std::vector<size_t> lengths;
    size_t next = 0;
};

bool refill(Batch &batch, srtp_t sender, const std::vector<uint8_t> &plain, size_t length, uint16_t &sequence)
{
    batch.packets.assign(unprotect_batch, plain);
    batch.lengths.assign(unprotect_batch, 0);
    for (size_t i = 0; i < unprotect_batch; ++i) {
        set_sequence(batch.packets[i].data(), ++sequence);
        int protected_length = static_cast<int>(length);
        if (srtp_protect(sender, batch.packets[i].data(), &protected_length) != srtp_err_status_ok) {
            return false;
        }
        batch.lengths[i] = static_cast<size_t>(protected_length);
    }
    batch.next = 0;
    return true;
}

void BM_Unprotect(benchmark::State &state, const SuiteCase *suite, bool through_plugin, size_t payload)
{
    Call call = negotiate(*suite);
    if (!call.error.empty()) {
        state.SkipWithError(call.error.c_str());
        return;
    }
    srtp_t sender = raw_context(*suite, call.sender_key, ssrc_any_outbound);
    srtp_t raw_receiver = raw_context(*suite, call.sender_key, ssrc_any_inbound);
    const std::vector<uint8_t> plain = plain_packet(payload);
    const size_t length = rtp_header_bytes + payload;
    Batch batch;
    uint16_t sequence = 0;
    if (!refill(batch, sender, plain, length, sequence)) {
        state.SkipWithError("srtp_protect failed");
    }
    for (auto _ : state) {
        if (batch.next == unprotect_batch) {
            state.PauseTiming();
            const bool refilled = refill(batch, sender, plain, length, sequence);
            state.ResumeTiming();
            if (!refilled) {
                state.SkipWithError("srtp_protect failed");
                break;
            }
        }
        std::vector<uint8_t> &packet = batch.packets[batch.next];
        const size_t protected_length = batch.lengths[batch.next++];
        if (through_plugin) {
            auto plain_length = call.receiver->unprotect_rtp(packet, protected_length);
            if (!plain_length) {
                state.SkipWithError(plain_length.error().message.c_str());
                break;
            }
            benchmark::DoNotOptimize(*plain_length);
        } else {
            int raw_length = static_cast<int>(protected_length);
            if (srtp_unprotect(raw_receiver, packet.data(), &raw_length) != srtp_err_status_ok) {
                state.SkipWithError("srtp_unprotect failed");
                break;
            }
            benchmark::DoNotOptimize(raw_length);
        }
    }
    srtp_dealloc(sender);
    srtp_dealloc(raw_receiver);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * length));
}

// The nanoseconds one block of calls takes.
template <typename Calls> double timed_block(Calls &&calls)
{
    const auto start = std::chrono::steady_clock::now();
    calls();
    return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
}

constexpr size_t paired_block = 32; // packets per side per block: long enough for the clock, short for load swings

struct PairedTimes {
    double raw_ns = 0;
    double plugin_ns = 0;
    bool first_raw = true; // which side goes first alternates: neither always finds the cache warm

    template <typename RawBlock, typename PluginBlock> void time_both(RawBlock &raw_block, PluginBlock &plugin_block)
    {
        if (first_raw) {
            raw_ns += timed_block(raw_block);
            plugin_ns += timed_block(plugin_block);
        } else {
            plugin_ns += timed_block(plugin_block);
            raw_ns += timed_block(raw_block);
        }
        first_raw = !first_raw;
    }
};

void report_pair(benchmark::State &state, const PairedTimes &times, size_t length)
{
    const double packets = static_cast<double>(state.iterations() * paired_block);
    state.counters["raw_ns"] = times.raw_ns / packets;
    state.counters["plugin_ns"] = times.plugin_ns / packets;
    state.counters["plugin_over_raw"] = times.raw_ns > 0 ? times.plugin_ns / times.raw_ns : 0;
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 2 * paired_block * length));
}

void BM_Paired_Protect(benchmark::State &state, const SuiteCase *suite, size_t payload)
{
    Call call = negotiate(*suite);
    if (!call.error.empty()) {
        state.SkipWithError(call.error.c_str());
        return;
    }
    srtp_t raw = raw_context(*suite, call.sender_key, ssrc_any_outbound);
    const std::vector<uint8_t> plain = plain_packet(payload);
    const size_t length = rtp_header_bytes + payload;
    std::vector<uint8_t> raw_work(plain.size());
    std::vector<uint8_t> plugin_work(plain.size());
    uint16_t raw_sequence = 0;
    uint16_t plugin_sequence = 0;
    bool failed = false;
    const auto raw_block = [&] {
        for (size_t i = 0; i < paired_block; ++i) {
            std::memcpy(raw_work.data(), plain.data(), length);
            set_sequence(raw_work.data(), ++raw_sequence);
            int raw_length = static_cast<int>(length);
            failed |= srtp_protect(raw, raw_work.data(), &raw_length) != srtp_err_status_ok;
            benchmark::DoNotOptimize(raw_length);
        }
    };
    const auto plugin_block = [&] {
        for (size_t i = 0; i < paired_block; ++i) {
            std::memcpy(plugin_work.data(), plain.data(), length);
            set_sequence(plugin_work.data(), ++plugin_sequence);
            auto protected_length = call.sender->protect_rtp(plugin_work, length);
            failed |= !protected_length;
            benchmark::DoNotOptimize(protected_length);
        }
    };
    PairedTimes times;
    for (auto _ : state) {
        times.time_both(raw_block, plugin_block);
        if (failed) {
            state.SkipWithError("a protect failed");
            break;
        }
    }
    srtp_dealloc(raw);
    report_pair(state, times, length);
}

void BM_Paired_Unprotect(benchmark::State &state, const SuiteCase *suite, size_t payload)
{
    Call call = negotiate(*suite);
    if (!call.error.empty()) {
        state.SkipWithError(call.error.c_str());
        return;
    }
    srtp_t sender = raw_context(*suite, call.sender_key, ssrc_any_outbound);
    srtp_t raw_receiver = raw_context(*suite, call.sender_key, ssrc_any_inbound);
    const std::vector<uint8_t> plain = plain_packet(payload);
    const size_t length = rtp_header_bytes + payload;
    // The same protected packets for both receivers: each has its own replay window.
    Batch protected_batch;
    Batch raw_batch;
    Batch plugin_batch;
    uint16_t sequence = 0;
    bool failed = false;
    const auto raw_block = [&] {
        for (size_t i = 0; i < paired_block; ++i) {
            const size_t index = raw_batch.next++;
            int raw_length = static_cast<int>(raw_batch.lengths[index]);
            failed |= srtp_unprotect(raw_receiver, raw_batch.packets[index].data(), &raw_length) != srtp_err_status_ok;
            benchmark::DoNotOptimize(raw_length);
        }
    };
    const auto plugin_block = [&] {
        for (size_t i = 0; i < paired_block; ++i) {
            const size_t index = plugin_batch.next++;
            auto plain_length = call.receiver->unprotect_rtp(plugin_batch.packets[index], plugin_batch.lengths[index]);
            failed |= !plain_length;
            benchmark::DoNotOptimize(plain_length);
        }
    };
    static_assert(unprotect_batch % paired_block == 0, "blocks use up a batch exactly");
    PairedTimes times;
    for (auto _ : state) {
        if (raw_batch.next == raw_batch.packets.size()) {
            state.PauseTiming();
            failed |= !refill(protected_batch, sender, plain, length, sequence);
            raw_batch = protected_batch;
            plugin_batch = protected_batch;
            state.ResumeTiming();
        }
        times.time_both(raw_block, plugin_block);
        if (failed) {
            state.SkipWithError("an unprotect failed");
            break;
        }
    }
    srtp_dealloc(sender);
    srtp_dealloc(raw_receiver);
    report_pair(state, times, length);
}

void register_pair(const char *operation, void (*function)(benchmark::State &, const SuiteCase *, bool, size_t),
                   const SuiteCase &suite, size_t payload)
{
    for (const bool through_plugin : {false, true}) {
        const std::string name = std::string(through_plugin ? "BM_Plugin_" : "BM_Raw_") + operation + "/" +
                                 suite.label + "/" + std::to_string(payload);
        benchmark::RegisterBenchmark(name.c_str(), function, &suite, through_plugin, payload);
    }
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::RegisterBenchmark(baseline_name, BM_Protect, &aes_cm_suite, false, size_t{160});
    for (const SuiteCase *suite : {&aes_cm_suite, &gcm_suite}) {
        for (const size_t payload : {size_t{160}, size_t{1200}}) {
            register_pair("Protect", BM_Protect, *suite, payload);
            register_pair("Unprotect", BM_Unprotect, *suite, payload);
        }
    }
    for (const SuiteCase *suite : {&aes_cm_suite, &gcm_suite}) {
        for (const size_t payload : {size_t{160}, size_t{1200}}) {
            const std::string suffix = std::string("/") + suite->label + "/" + std::to_string(payload);
            benchmark::RegisterBenchmark(("BM_Paired_Protect" + suffix).c_str(), BM_Paired_Protect, suite, payload);
            benchmark::RegisterBenchmark(("BM_Paired_Unprotect" + suffix).c_str(), BM_Paired_Unprotect, suite, payload);
        }
    }
    benchmark::RegisterBenchmark(baseline_name, BM_Protect, &aes_cm_suite, false, size_t{160});
    return cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
}
