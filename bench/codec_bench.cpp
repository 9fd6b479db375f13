// cordon-bench-codecs: the cost of one 20 ms frame through each codec mode,
// encode and decode (and concealment where a codec has it), called the way the
// host calls codecs: through CodecInstance of plugins loaded by the registry
// from the built-in plugin directory, contract checks included.
//
// Encoders get a few seconds of the speech-like signal frame after frame, in a
// cycle, so they see voiced, unvoiced and silent stretches rather than one
// frame again and again. Decoders get the packets of that same cycle, in
// order; decoders keep state, so that is what a call looks like.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/baseline_ratio_reporter.hpp"
#include "bench/codec_modes.hpp"
#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/settings.hpp"
#include "media/speech_signal.hpp"

namespace {

using cordon::CodecInstance;
using cordon::CodecInstanceInfo;
using cordon::bench::CodecMode;
using cordon::bench::Concealment;

constexpr const char *baseline_name = "BM_Baseline_CopyFrame";

// Four seconds: several syllables, pauses and fricatives; an even number of
// 20 ms frames, which the concealment benchmark's decode-then-lose pairs need.
constexpr double speech_cycle_seconds = 4.0;
constexpr uint32_t speech_seed = 1;
constexpr double microseconds_per_second = 1e6;
constexpr double nanoseconds_per_second = 1e9;

// The baseline copies the largest frame any mode here handles: 20 ms of
// 48 kHz stereo.
constexpr size_t baseline_sample_rate = 48000;
constexpr size_t baseline_channels = 2;
constexpr size_t frames_per_second = 50;
constexpr size_t baseline_frame_samples = baseline_sample_rate / frames_per_second * baseline_channels;

// Everything a mode's benchmarks need, prepared before any of them runs.
struct CodecFixture {
    const CodecMode *mode = nullptr;
    const cordon::CodecPlugin *plugin = nullptr;
    CodecInstanceInfo info;
    std::vector<int16_t> speech;               // whole frames, one cycle
    std::vector<std::vector<uint8_t>> packets; // one per frame of speech

    size_t frame_count() const { return packets.size(); }
    std::span<const int16_t> frame(size_t index) const
    {
        return std::span<const int16_t>(speech).subspan(index * info.frame_samples(), info.frame_samples());
    }
    double frame_seconds() const
    {
        return static_cast<double>(mode->config.frame_duration_us) / microseconds_per_second;
    }
};

// The clock the library times these benchmarks with (unless they time
// themselves): CPU time of the running thread.
double thread_cpu_seconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / nanoseconds_per_second;
}

// items/s counts frames. realtime_x is how many times faster than real time
// the codec runs: frame duration over time per frame. It is computed here from
// the time the benchmark measured over its loop, as a plain number: a rate
// counter would print with a "/s" it does not have.
void report_frames(benchmark::State &state, double frame_seconds, double measured_seconds)
{
    state.SetItemsProcessed(state.iterations());
    const double audio_seconds = static_cast<double>(state.iterations()) * frame_seconds;
    state.counters["realtime_x"] = measured_seconds > 0.0 ? audio_seconds / measured_seconds : 0.0;
}

std::unique_ptr<CodecInstance> create_instance(benchmark::State &state, const CodecFixture &fixture)
{
    auto instance = fixture.plugin->create(fixture.mode->config);
    if (!instance) {
        state.SkipWithError(("create failed: " + instance.error().message).c_str());
        return nullptr;
    }
    return std::move(instance.value());
}

void BM_Baseline_CopyFrame(benchmark::State &state)
{
    const std::vector<int16_t> frame(baseline_frame_samples, int16_t{1});
    std::vector<uint8_t> packet(frame.size() * sizeof(int16_t));
    state.SetLabel("baseline: copy one 20 ms 48k stereo frame");
    for (auto _ : state) {
        std::memcpy(packet.data(), frame.data(), packet.size());
        benchmark::DoNotOptimize(packet.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(packet.size()));
}

void BM_Encode(benchmark::State &state, const CodecFixture *fixture)
{
    const auto encoder = create_instance(state, *fixture);
    if (!encoder) {
        return;
    }
    std::vector<uint8_t> packet(fixture->info.max_packet_bytes);
    state.SetLabel(fixture->mode->label + " encode");
    size_t index = 0;
    const double cpu_start = thread_cpu_seconds();
    for (auto _ : state) {
        auto encoded = encoder->encode(fixture->frame(index), packet);
        if (!encoded) {
            state.SkipWithError(encoded.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(encoded.value());
        benchmark::ClobberMemory();
        index = (index + 1) % fixture->frame_count();
    }
    report_frames(state, fixture->frame_seconds(), thread_cpu_seconds() - cpu_start);
}

void BM_Decode(benchmark::State &state, const CodecFixture *fixture)
{
    const auto decoder = create_instance(state, *fixture);
    if (!decoder) {
        return;
    }
    std::vector<int16_t> pcm(fixture->info.max_decoded_samples);
    state.SetLabel(fixture->mode->label + " decode");
    size_t index = 0;
    const double cpu_start = thread_cpu_seconds();
    for (auto _ : state) {
        auto decoded = decoder->decode(fixture->packets[index], pcm);
        if (!decoded) {
            state.SkipWithError(decoded.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(decoded.value());
        benchmark::ClobberMemory();
        index = (index + 1) % fixture->frame_count();
    }
    report_frames(state, fixture->frame_seconds(), thread_cpu_seconds() - cpu_start);
}

// One lost frame between two received ones: decode packet i, lose frame
// i + 1, then go on with packet i + 2 (whose FEC copy rebuilds frame i + 1 in
// fec_recovery mode). Only the concealment is timed, by hand with a steady
// clock (UseManualTime): pausing the library's timer around the decode would
// add two reads of the CPU-time clock, a system call each, per iteration: a
// noticeable part of a 3 us Speex concealment. So this time is wall time.
void BM_Conceal(benchmark::State &state, const CodecFixture *fixture)
{
    const auto decoder = create_instance(state, *fixture);
    if (!decoder) {
        return;
    }
    const bool use_next_packet = fixture->mode->concealment == Concealment::fec_recovery;
    std::vector<int16_t> pcm(fixture->info.max_decoded_samples);
    const size_t count = fixture->frame_count();
    state.SetLabel(fixture->mode->label + (use_next_packet ? " FEC recovery" : " concealment"));
    size_t index = 0;
    double concealing_seconds = 0.0;
    for (auto _ : state) {
        if (auto decoded = decoder->decode(fixture->packets[index], pcm); !decoded) {
            state.SkipWithError(decoded.error().message.c_str());
            break;
        }
        const std::span<const uint8_t> next_packet =
            use_next_packet ? std::span<const uint8_t>(fixture->packets[(index + 2) % count])
                            : std::span<const uint8_t>();
        const auto start = std::chrono::steady_clock::now();
        auto concealed = decoder->conceal(next_packet, pcm);
        benchmark::DoNotOptimize(pcm.data());
        benchmark::ClobberMemory();
        const auto stop = std::chrono::steady_clock::now();
        if (!concealed) {
            state.SkipWithError(concealed.error().message.c_str());
            break;
        }
        const double seconds = std::chrono::duration<double>(stop - start).count();
        state.SetIterationTime(seconds);
        concealing_seconds += seconds;
        index = (index + 2) % count;
    }
    report_frames(state, fixture->frame_seconds(), concealing_seconds);
}

// Opens the mode's codec once to learn its frame size, generates the speech
// cycle at its rate and channel count, and encodes the cycle into packets for
// the decode benchmarks. Returns an empty message on success.
std::string prepare_fixture(const cordon::PluginRegistry &registry, const CodecMode &mode, CodecFixture &fixture)
{
    fixture.mode = &mode;
    fixture.plugin = registry.find_codec(mode.plugin_id);
    if (fixture.plugin == nullptr) {
        return "plugin " + mode.plugin_id + " is not loaded (run `cordon plugins` to see why)";
    }
    auto instance = fixture.plugin->create(mode.config);
    if (!instance) {
        return mode.name + ": " + instance.error().message;
    }
    CodecInstance &encoder = *instance.value();
    fixture.info = encoder.info();
    const size_t frame_count =
        static_cast<size_t>(speech_cycle_seconds * microseconds_per_second) / mode.config.frame_duration_us;
    fixture.speech = cordon::media::generate_speech_like(fixture.info.sample_rate, fixture.info.channels,
                                                         speech_cycle_seconds, speech_seed)
                         .samples;
    // The generator may round the length; the cycle is whole frames exactly.
    fixture.speech.resize(frame_count * fixture.info.frame_samples());

    std::vector<uint8_t> packet(fixture.info.max_packet_bytes);
    for (size_t index = 0; index < frame_count; ++index) {
        auto encoded = encoder.encode(fixture.frame(index), packet);
        if (!encoded) {
            return mode.name + ": encoding the speech cycle failed: " + encoded.error().message;
        }
        if (encoded.value() == 0) {
            // Decoding an empty packet means concealment, not decoding.
            return mode.name + ": the encoder sent nothing (DTX) for frame " + std::to_string(index) +
                   "; decode benchmarks need a packet for every frame";
        }
        fixture.packets.emplace_back(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(encoded.value()));
    }
    return {};
}

// The baseline runs first and again last, so that the ratio table can show
// how far the machine drifted during the run.
void register_benchmarks(const std::vector<CodecFixture> &fixtures)
{
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_CopyFrame)->Unit(benchmark::kNanosecond);
    for (const CodecFixture &fixture : fixtures) {
        const CodecMode &mode = *fixture.mode;
        benchmark::RegisterBenchmark(("BM_Encode/" + mode.name).c_str(), BM_Encode, &fixture)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("BM_Decode/" + mode.name).c_str(), BM_Decode, &fixture)
            ->Unit(benchmark::kMicrosecond);
    }
    for (const CodecFixture &fixture : fixtures) {
        if (fixture.mode->concealment) {
            benchmark::RegisterBenchmark(("BM_Conceal/" + fixture.mode->name).c_str(), BM_Conceal, &fixture)
                ->UseManualTime()
                ->Unit(benchmark::kMicrosecond);
        }
    }
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_CopyFrame)->Unit(benchmark::kNanosecond);
}

} // namespace

int main(int argc, char **argv)
{
    cordon::StderrLogger logger(cordon::LogLevel::warning);
    const auto registry = cordon::PluginRegistry::load(cordon::plugin_search_from_settings(cordon::Settings{}), logger);

    const std::vector<CodecMode> modes = cordon::bench::codec_modes();
    std::vector<CodecFixture> fixtures(modes.size());
    for (size_t i = 0; i < modes.size(); ++i) {
        if (const std::string problem = prepare_fixture(*registry, modes[i], fixtures[i]); !problem.empty()) {
            (void)std::fprintf(stderr, "cordon-bench-codecs: %s (plugins from %s)\n", problem.c_str(),
                               cordon::builtin_plugin_directory().c_str());
            return 1;
        }
    }
    register_benchmarks(fixtures);
    return cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
}
