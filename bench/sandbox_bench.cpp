// cordon-bench-sandbox: what running a codec in the sandbox costs, measured
// against running it in process in the same loop (so the ratio is taken
// between two figures timed seconds apart), and the sandbox's own figures:
// round-trip latency against a raw shared-memory ping-pong floor measured by
// this same binary, spawn-to-ready, crash-to-serving, and the child's peak RSS.
//
// Every sandbox benchmark times itself with a wall clock (the work happens
// in another process) and reports the sandboxed time; counters give the
// in-process time and the ratio.
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/baseline_ratio_reporter.hpp"
#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "media/speech_signal.hpp"
#include "sandbox/supervisor/sandboxed_codec.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using cordon::CodecCall;
using cordon::CodecConfig;
using cordon::CodecInstance;
using cordon::CodecPlugin;

constexpr const char *baseline_name = "BM_Baseline_CopyFrame";
constexpr size_t batch = 16;
constexpr size_t speech_frames = 200; // four seconds of 20 ms frames
// A G.711 frame's round trip: 20 ms of 8 kHz PCM in, its packet out.
constexpr size_t ping_bytes_in = 320;
constexpr size_t ping_bytes_out = 160;
constexpr double percentile99 = 0.99;
constexpr std::chrono::milliseconds outside_failure_window{1100};

class DiscardingLogger final : public cordon::Logger {
public:
    void write(cordon::LogLevel, std::string_view, std::string_view) override {}
};

DiscardingLogger g_logger;
std::unique_ptr<cordon::PluginRegistry> g_in_process;
std::unique_ptr<cordon::PluginRegistry> g_sandboxed;

double seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

CodecConfig g711_config()
{
    CodecConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = 8000;
    config.sample_rate = 8000;
    config.frame_duration_us = 20000;
    return config;
}

// Opus at 48 kHz mono, complexity 10 (the default), 32 kbit/s.
CodecConfig opus_config()
{
    CodecConfig config;
    config.encoding_name = "opus";
    config.clock_rate = 48000;
    config.sample_rate = 48000;
    config.frame_duration_us = 20000;
    config.bitrate_bps = 32000;
    return config;
}

struct Codec {
    const char *id;
    CodecConfig (*config)();
};
const Codec g711_codec{"org.cordon.codec.g711", g711_config};
const Codec opus_codec{"org.cordon.codec.opus", opus_config};

// An encoder and a decoder of one codec, and speech to feed them.
class Pair {
public:
    Pair(const CodecPlugin &plugin, const CodecConfig &config)
    {
        auto encoder = plugin.create(config);
        auto decoder = plugin.create(config);
        if (!encoder || !decoder) {
            problem_ = "create failed";
            return;
        }
        encoder_ = std::move(encoder.value());
        decoder_ = std::move(decoder.value());
        speech_ = cordon::media::generate_speech_like(config.sample_rate, 1, speech_frames * 0.02 + 0.1, 5).samples;
        packet_.resize(encoder_->info().max_packet_bytes);
        pcm_.resize(decoder_->info().max_decoded_samples);
        // The packet the first tick decodes.
        auto first = encoder_->encode(frame(speech_frames - 1), packet_);
        if (!first) {
            problem_ = "encode failed";
            return;
        }
        incoming_.assign(packet_.begin(), packet_.begin() + static_cast<std::ptrdiff_t>(*first));
    }

    const std::string &problem() const { return problem_; }
    CodecInstance &encoder() { return *encoder_; }
    CodecInstance &decoder() { return *decoder_; }
    std::span<const int16_t> frame(size_t index) const
    {
        const size_t samples = encoder_->info().frame_samples();
        return std::span<const int16_t>(speech_).subspan((index % speech_frames) * samples, samples);
    }
    std::span<uint8_t> packet() { return packet_; }
    std::span<int16_t> pcm() { return pcm_; }

    // One frame encoded and its packet decoded; false on any error.
    bool step(size_t index)
    {
        auto encoded = encoder_->encode(frame(index), packet_);
        if (!encoded) {
            return false;
        }
        auto decoded = decoder_->decode(std::span(packet_).first(*encoded), pcm_);
        return decoded.ok();
    }

    // A call's 20 ms tick: this frame encoded and the packet that arrived
    // (here, the one encoded a tick before) decoded, both in one
    // run_codec_calls, so one round trip in the sandbox.
    bool tick(size_t index)
    {
        std::array<CodecCall, 2> calls;
        calls[0].instance = encoder_.get();
        calls[0].kind = CodecCall::Kind::encode;
        calls[0].pcm_in = frame(index);
        calls[0].packet_out = packet_;
        calls[1].instance = decoder_.get();
        calls[1].kind = CodecCall::Kind::decode;
        calls[1].packet_in = incoming_;
        calls[1].pcm_out = pcm_;
        cordon::run_codec_calls(calls);
        if (!calls[0].result || !calls[1].result) {
            return false;
        }
        incoming_.assign(packet_.begin(), packet_.begin() + static_cast<std::ptrdiff_t>(*calls[0].result));
        return true;
    }

private:
    std::string problem_;
    std::vector<uint8_t> incoming_;
    std::unique_ptr<CodecInstance> encoder_;
    std::unique_ptr<CodecInstance> decoder_;
    std::vector<int16_t> speech_;
    std::vector<uint8_t> packet_;
    std::vector<int16_t> pcm_;
};

const CodecPlugin *find(const cordon::PluginRegistry &registry, const char *id)
{
    const CodecPlugin *plugin = registry.find_codec(id);
    return plugin;
}

void BM_Baseline_CopyFrame(benchmark::State &state)
{
    const std::vector<int16_t> frame(1920, int16_t{1});
    std::vector<int16_t> copy(frame.size());
    state.SetLabel("baseline: copy one 20 ms 48k stereo frame");
    for (auto _ : state) {
        std::memcpy(copy.data(), frame.data(), frame.size() * sizeof(int16_t));
        benchmark::DoNotOptimize(copy.data());
        benchmark::ClobberMemory();
    }
}

// Runs the in-process step and then the sandboxed one, frame after frame,
// so both are timed in the same minutes; the sandboxed time is the
// benchmark's, the in-process time and the ratio are counters.
template <class LocalStep, class RemoteStep>
void time_alternately(benchmark::State &state, LocalStep local_step, RemoteStep remote_step)
{
    Clock::duration local_time{};
    Clock::duration remote_time{};
    size_t frame = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        const bool local_ok = local_step(frame);
        const auto middle = Clock::now();
        const bool remote_ok = remote_step(frame);
        const auto end = Clock::now();
        if (!local_ok || !remote_ok) {
            state.SkipWithError("a frame failed");
            break;
        }
        local_time += middle - start;
        remote_time += end - middle;
        state.SetIterationTime(seconds(end - middle));
        ++frame;
    }
    const double iterations = static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["in_process_us"] = seconds(local_time) / iterations * 1e6;
    state.counters["x_in_process"] = seconds(remote_time) / std::max(seconds(local_time), 1e-12);
}

// One instance pair each way, frame after frame: in process then sandboxed,
// alternately, so both are timed in the same minutes.
void BM_Frame(benchmark::State &state, const Codec *codec)
{
    Pair local(*find(*g_in_process, codec->id), codec->config());
    Pair remote(*find(*g_sandboxed, codec->id), codec->config());
    if (!local.problem().empty() || !remote.problem().empty()) {
        state.SkipWithError("create failed");
        return;
    }
    state.SetLabel(std::string(codec->id) + " encode+decode, one instance, sandboxed");
    time_alternately(
        state, [&](size_t frame) { return local.step(frame); }, [&](size_t frame) { return remote.step(frame); });
}

// The same work as a media engine does it each 20 ms: encode and decode of
// one call in one run_codec_calls, one round trip.
void BM_Tick(benchmark::State &state, const Codec *codec)
{
    Pair local(*find(*g_in_process, codec->id), codec->config());
    Pair remote(*find(*g_sandboxed, codec->id), codec->config());
    if (!local.problem().empty() || !remote.problem().empty()) {
        state.SkipWithError("create failed");
        return;
    }
    state.SetLabel(std::string(codec->id) + " encode+decode in one tick, one instance each, sandboxed");
    time_alternately(
        state, [&](size_t frame) { return local.tick(frame); }, [&](size_t frame) { return remote.tick(frame); });
}

// Sixteen pairs, each tick's sixteen encodes in one run_codec_calls and the
// sixteen decodes in another: two round trips per tick in the sandbox.
void BM_Batched(benchmark::State &state, const Codec *codec)
{
    std::vector<std::unique_ptr<Pair>> local;
    std::vector<std::unique_ptr<Pair>> remote;
    for (size_t index = 0; index < batch; ++index) {
        local.push_back(std::make_unique<Pair>(*find(*g_in_process, codec->id), codec->config()));
        remote.push_back(std::make_unique<Pair>(*find(*g_sandboxed, codec->id), codec->config()));
        if (!local.back()->problem().empty() || !remote.back()->problem().empty()) {
            state.SkipWithError("create failed");
            return;
        }
    }
    state.SetLabel(std::string(codec->id) + " encode+decode, 16 instances batched, sandboxed");
    const auto tick = [](std::vector<std::unique_ptr<Pair>> &pairs, size_t frame) {
        std::vector<CodecCall> calls(batch);
        for (size_t index = 0; index < batch; ++index) {
            calls[index].instance = &pairs[index]->encoder();
            calls[index].kind = CodecCall::Kind::encode;
            calls[index].pcm_in = pairs[index]->frame(frame + index);
            calls[index].packet_out = pairs[index]->packet();
        }
        cordon::run_codec_calls(calls);
        std::vector<CodecCall> decodes(batch);
        for (size_t index = 0; index < batch; ++index) {
            if (!calls[index].result) {
                return false;
            }
            decodes[index].instance = &pairs[index]->decoder();
            decodes[index].kind = CodecCall::Kind::decode;
            decodes[index].packet_in = pairs[index]->packet().first(*calls[index].result);
            decodes[index].pcm_out = pairs[index]->pcm();
        }
        cordon::run_codec_calls(decodes);
        return std::all_of(decodes.begin(), decodes.end(), [](const CodecCall &call) { return call.result.ok(); });
    };
    time_alternately(
        state, [&](size_t frame) { return tick(local, frame); }, [&](size_t frame) { return tick(remote, frame); });
}

void report_latencies(benchmark::State &state, std::vector<double> &microseconds)
{
    if (microseconds.empty()) {
        return;
    }
    std::sort(microseconds.begin(), microseconds.end());
    state.counters["median_us"] = microseconds[microseconds.size() / 2];
    state.counters["p99_us"] =
        microseconds[static_cast<size_t>(static_cast<double>(microseconds.size() - 1) * percentile99)];
}

// The floor: a forked child and this thread bounce a G.711-sized frame
// through shared memory with an eventfd wake-up each way, nothing else.
void BM_PingPongFloor(benchmark::State &state)
{
    auto *shared = static_cast<uint8_t *>(
        mmap(nullptr, ping_bytes_in + ping_bytes_out, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    const int request = eventfd(0, EFD_CLOEXEC);
    const int reply = eventfd(0, EFD_CLOEXEC);
    const pid_t child = fork();
    if (child == 0) {
        std::vector<uint8_t> work(ping_bytes_in);
        uint64_t wake = 0;
        while (read(request, &wake, sizeof(wake)) == static_cast<ssize_t>(sizeof(wake)) && wake == 1) {
            std::memcpy(work.data(), shared, ping_bytes_in);
            std::memcpy(shared + ping_bytes_in, work.data(), ping_bytes_out);
            if (write(reply, &wake, sizeof(wake)) != static_cast<ssize_t>(sizeof(wake))) {
                break;
            }
        }
        _exit(0);
    }
    state.SetLabel("raw shared memory + eventfd ping-pong on one CPU, 320 bytes in, 160 out");
    int pinned = -1;
    std::vector<uint8_t> frame(ping_bytes_in, 7);
    std::vector<uint8_t> back(ping_bytes_out);
    std::vector<double> latencies;
    for (auto _ : state) {
        const auto start = Clock::now();
        // The child on this thread's CPU, as the sandbox keeps its child.
        if (const int cpu = sched_getcpu(); cpu != pinned) {
            cpu_set_t only_this_cpu;
            CPU_ZERO(&only_this_cpu);
            CPU_SET(cpu, &only_this_cpu);
            sched_setaffinity(child, sizeof(only_this_cpu), &only_this_cpu);
            pinned = cpu;
        }
        std::memcpy(shared, frame.data(), frame.size());
        const uint64_t one = 1;
        uint64_t wakes = 0;
        if (write(request, &one, sizeof(one)) != static_cast<ssize_t>(sizeof(one)) ||
            read(reply, &wakes, sizeof(wakes)) != static_cast<ssize_t>(sizeof(wakes))) {
            state.SkipWithError("the ping-pong child stopped");
            break;
        }
        std::memcpy(back.data(), shared + ping_bytes_in, back.size());
        const auto end = Clock::now();
        state.SetIterationTime(seconds(end - start));
        latencies.push_back(seconds(end - start) * 1e6);
    }
    const uint64_t stop = 2;
    [[maybe_unused]] const ssize_t written = write(request, &stop, sizeof(stop));
    waitpid(child, nullptr, 0);
    close(request);
    close(reply);
    munmap(shared, ping_bytes_in + ping_bytes_out);
    report_latencies(state, latencies);
}

// The same frame through a sandboxed G.711 encode: one whole round trip with
// the protocol, its validation and a (tiny) codec call.
void BM_SandboxRoundTrip(benchmark::State &state)
{
    Pair local(*find(*g_in_process, g711_codec.id), g711_config());
    Pair remote(*find(*g_sandboxed, g711_codec.id), g711_config());
    if (!local.problem().empty() || !remote.problem().empty()) {
        state.SkipWithError("create failed");
        return;
    }
    state.SetLabel("sandboxed G.711 encode: one round trip, 320 bytes in, 160 out");
    std::vector<double> latencies;
    std::vector<double> codec_only; // the same encode in process: the codec's share
    size_t index = 0;
    for (auto _ : state) {
        const auto start = Clock::now();
        auto encoded = remote.encoder().encode(remote.frame(index), remote.packet());
        const auto end = Clock::now();
        auto local_encoded = local.encoder().encode(local.frame(index++), local.packet());
        const auto local_end = Clock::now();
        if (!encoded || !local_encoded) {
            state.SkipWithError("encode failed");
            break;
        }
        state.SetIterationTime(seconds(end - start));
        latencies.push_back(seconds(end - start) * 1e6);
        codec_only.push_back(seconds(local_end - end) * 1e6);
    }
    report_latencies(state, latencies);
    if (!codec_only.empty()) {
        std::sort(codec_only.begin(), codec_only.end());
        state.counters["codec_median_us"] = codec_only[codec_only.size() / 2];
    }
}

fs::path opus_plugin() { return cordon::builtin_plugin_directory() / "cordon-codec-opus.so"; }

// Spawn, lockdown, loading Opus, the serving filter and DESCRIBE.
void BM_SpawnToReady(benchmark::State &state)
{
    cordon::SandboxLimits limits;
    limits.executable = cordon::builtin_sandbox_executable();
    state.SetLabel("start a sandbox child serving Opus");
    for (auto _ : state) {
        const auto start = Clock::now();
        auto plugin = cordon::sandbox::SandboxedCodecPlugin::start(opus_plugin(), limits, g_logger);
        const auto end = Clock::now();
        if (!plugin) {
            state.SkipWithError(plugin.error().message.c_str());
            break;
        }
        state.SetIterationTime(seconds(end - start));
    }
}

long peak_rss_kib(int64_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return -1;
}

// The child is killed behind the host's back; the time from the kill to the
// first frame served again: detection (the pidfd), the frame reported lost,
// the restart and the recreated instance. Each kill waits until the last
// one has left the failure window, so every restart is an immediate one.
void BM_CrashToServing(benchmark::State &state)
{
    cordon::SandboxLimits limits;
    limits.executable = cordon::builtin_sandbox_executable();
    limits.failure_window = std::chrono::seconds(1);
    auto plugin = cordon::sandbox::SandboxedCodecPlugin::start(opus_plugin(), limits, g_logger);
    if (!plugin) {
        state.SkipWithError(plugin.error().message.c_str());
        return;
    }
    Pair pair(**plugin, opus_config());
    if (!pair.problem().empty() || !pair.step(0)) {
        state.SkipWithError("the first frame failed");
        return;
    }
    state.SetLabel("kill the Opus child, then encode+decode until a frame is served");
    long peak = 0;
    for (auto _ : state) {
        const int64_t pid = (*plugin)->sandbox_stats()->pid;
        peak = std::max(peak, peak_rss_kib(pid));
        kill(static_cast<pid_t>(pid), SIGKILL);
        const auto start = Clock::now();
        size_t index = 1;
        while (!pair.step(index++) && Clock::now() - start < std::chrono::seconds(2)) {
        }
        const auto end = Clock::now();
        state.SetIterationTime(seconds(end - start));
        std::this_thread::sleep_for(outside_failure_window);
    }
    const auto stats = *(*plugin)->sandbox_stats();
    state.counters["restarts"] = static_cast<double>(stats.restarts);
    state.counters["quarantined"] = stats.quarantined ? 1 : 0;
    state.counters["peak_rss_kib"] = static_cast<double>(peak);
}

} // namespace

int main(int argc, char **argv)
{
    cordon::PluginSearch search{{cordon::builtin_plugin_directory()}, {cordon::builtin_plugin_directory()}, {}, {}};
    g_in_process = cordon::PluginRegistry::load(search, g_logger);
    search.sandboxed = {"*"};
    g_sandboxed = cordon::PluginRegistry::load(search, g_logger);
    for (const Codec *codec : {&g711_codec, &opus_codec}) {
        if (find(*g_in_process, codec->id) == nullptr || find(*g_sandboxed, codec->id) == nullptr) {
            (void)std::fprintf(stderr,
                               "cordon-bench-sandbox: %s not loaded; build cordon_builtin_plugins and "
                               "cordon-sandbox\n",
                               codec->id);
            return 1;
        }
    }
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_CopyFrame);
    benchmark::RegisterBenchmark("BM_Frame/g711", BM_Frame, &g711_codec)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_Frame/opus", BM_Frame, &opus_codec)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_Tick/g711", BM_Tick, &g711_codec)->UseManualTime()->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_Tick/opus", BM_Tick, &opus_codec)->UseManualTime()->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_Batched16/g711", BM_Batched, &g711_codec)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_Batched16/opus", BM_Batched, &opus_codec)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_PingPongFloor", BM_PingPongFloor)->UseManualTime()->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_SandboxRoundTrip", BM_SandboxRoundTrip)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("BM_SpawnToReady", BM_SpawnToReady)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(20);
    benchmark::RegisterBenchmark("BM_CrashToServing", BM_CrashToServing)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(5);
    benchmark::RegisterBenchmark(baseline_name, BM_Baseline_CopyFrame);
    return cordon::bench::run_benchmarks_with_baseline(argc, argv, baseline_name);
}
