// The sandboxed codec is the in-process codec, moved: for a deterministic
// codec and the same input, settings and state, every packet and every
// decoded sample is byte-identical (G.711 and Opus, with loss and FEC), and
// batching many instances' frames into shared round trips changes nothing
// but the number of round trips.
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "media/speech_signal.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

constexpr size_t frame_count = 100; // two seconds of 20 ms frames
constexpr size_t batched_instances = 16;

// The built-in plugins, in process or (sandboxed = {"*"}) all in the sandbox.
std::unique_ptr<PluginRegistry> load_builtin(Isolation isolation, Logger &logger)
{
    const fs::path builtin = CORDON_BUILTIN_PLUGIN_DIR;
    PluginSearch search{{builtin}, {builtin}, {}, {}};
    if (isolation == Isolation::sandbox) {
        search.sandboxed = {"*"};
    }
    return PluginRegistry::load(search, logger);
}

struct Stream {
    std::vector<std::vector<uint8_t>> packets;
    std::vector<std::vector<int16_t>> decoded; // per frame: decoded, or concealed when lost
};

bool lost(size_t frame) { return frame % 7 == 3; }

// Encodes frame_count of speech, then decodes them with every seventh packet
// lost and concealed (with the next packet for FEC).
Stream run_stream(const CodecPlugin &codec, const CodecConfig &config)
{
    Stream stream;
    auto encoder = codec.create(config);
    auto decoder = codec.create(config);
    if (!encoder || !decoder) {
        ADD_FAILURE() << "create failed";
        return stream;
    }
    const CodecInstanceInfo &info = (*encoder)->info();
    const media::Pcm speech =
        media::generate_speech_like(config.sample_rate, config.channels, frame_count * 0.02 + 0.1, 7);
    for (size_t frame = 0; frame < frame_count; ++frame) {
        const std::span<const int16_t> pcm(speech.samples.data() + frame * info.frame_samples(), info.frame_samples());
        std::vector<uint8_t> packet(info.max_packet_bytes);
        auto encoded = (*encoder)->encode(pcm, packet);
        EXPECT_TRUE(encoded) << encoded.error().message;
        packet.resize(encoded ? *encoded : 0);
        stream.packets.push_back(std::move(packet));
    }
    for (size_t frame = 0; frame < frame_count; ++frame) {
        std::vector<int16_t> pcm(info.max_decoded_samples);
        Result<size_t> samples = Error{ErrorCode::invalid_argument, "not run"};
        if (lost(frame)) {
            const auto &next = frame + 1 < frame_count ? stream.packets[frame + 1] : std::vector<uint8_t>{};
            samples = (*decoder)->conceal(next, pcm);
        } else {
            samples = (*decoder)->decode(stream.packets[frame], pcm);
        }
        EXPECT_TRUE(samples) << samples.error().message;
        pcm.resize(samples ? *samples : 0);
        stream.decoded.push_back(std::move(pcm));
    }
    return stream;
}

CodecConfig config(const char *encoding, uint32_t clock_rate, uint32_t sample_rate, uint32_t channels)
{
    CodecConfig made;
    made.encoding_name = encoding;
    made.clock_rate = clock_rate;
    made.sample_rate = sample_rate;
    made.channels = channels;
    made.frame_duration_us = 20000;
    return made;
}

struct IdentityCase {
    const char *plugin;
    CodecConfig config;
};

void PrintTo(const IdentityCase &identity, std::ostream *out)
{
    *out << identity.config.encoding_name << "/" << identity.config.sample_rate << "/" << identity.config.channels;
}

class SandboxedOutput : public testing::TestWithParam<IdentityCase> {};

TEST_P(SandboxedOutput, IsByteIdenticalToInProcess)
{
    StderrLogger logger{LogLevel::warning};
    const auto in_process = load_builtin(Isolation::in_process, logger);
    const auto sandboxed = load_builtin(Isolation::sandbox, logger);
    const CodecPlugin *local = in_process->find_codec(GetParam().plugin);
    const CodecPlugin *remote = sandboxed->find_codec(GetParam().plugin);
    ASSERT_NE(local, nullptr);
    ASSERT_NE(remote, nullptr);
    ASSERT_EQ(local->isolation(), Isolation::in_process);
    ASSERT_EQ(remote->isolation(), Isolation::sandbox);

    const Stream expected = run_stream(*local, GetParam().config);
    const Stream actual = run_stream(*remote, GetParam().config);
    ASSERT_EQ(actual.packets.size(), frame_count);
    for (size_t frame = 0; frame < frame_count; ++frame) {
        EXPECT_EQ(actual.packets[frame], expected.packets[frame]) << "packet " << frame;
        EXPECT_EQ(actual.decoded[frame], expected.decoded[frame]) << "frame " << frame;
    }
    EXPECT_EQ(remote->sandbox_stats()->total_faults(), 0u) << remote->sandbox_stats()->last_fault;
}

CodecConfig opus_with_fec()
{
    CodecConfig made = config("opus", 48000, 48000, 2);
    made.bitrate_bps = 32000;
    made.expected_loss_percent = 15;
    made.params = {{"useinbandfec", "1"}};
    return made;
}

INSTANTIATE_TEST_SUITE_P(Codecs, SandboxedOutput,
                         testing::Values(IdentityCase{"org.cordon.codec.g711", config("PCMU", 8000, 8000, 1)},
                                         IdentityCase{"org.cordon.codec.g711", config("PCMA", 8000, 8000, 1)},
                                         IdentityCase{"org.cordon.codec.opus", config("opus", 48000, 16000, 1)},
                                         IdentityCase{"org.cordon.codec.opus", opus_with_fec()}),
                         [](const testing::TestParamInfo<IdentityCase> &param) {
                             const CodecConfig &made = param.param.config;
                             return made.encoding_name + "_" + std::to_string(made.sample_rate) + "_" +
                                    std::to_string(made.channels) + (made.params.empty() ? "" : "_fec");
                         });

TEST(SandboxedBatch, CarriesSixteenInstancesInOneRoundTripWithTheSameResults)
{
    StderrLogger logger{LogLevel::warning};
    const auto in_process = load_builtin(Isolation::in_process, logger);
    const auto sandboxed = load_builtin(Isolation::sandbox, logger);
    const CodecConfig opus = config("opus", 48000, 48000, 1);
    std::vector<std::unique_ptr<CodecInstance>> local;
    std::vector<std::unique_ptr<CodecInstance>> remote;
    for (size_t index = 0; index < batched_instances; ++index) {
        auto a = in_process->find_codec("org.cordon.codec.opus")->create(opus);
        auto b = sandboxed->find_codec("org.cordon.codec.opus")->create(opus);
        ASSERT_TRUE(a && b);
        local.push_back(std::move(a.value()));
        remote.push_back(std::move(b.value()));
    }
    const CodecPlugin &remote_codec = *sandboxed->find_codec("org.cordon.codec.opus");
    const size_t frame_samples = local.front()->info().frame_samples();
    const media::Pcm speech = media::generate_speech_like(48000, 1, 1.0, 3);

    const uint64_t round_trips_before = remote_codec.sandbox_stats()->round_trips;
    constexpr size_t ticks = 10;
    for (size_t tick = 0; tick < ticks; ++tick) {
        std::vector<std::vector<uint8_t>> local_packets(batched_instances);
        std::vector<std::vector<uint8_t>> remote_packets(batched_instances);
        std::vector<CodecCall> calls(batched_instances);
        for (size_t index = 0; index < batched_instances; ++index) {
            // Each instance its own slice of the signal, so a mix-up shows.
            const std::span<const int16_t> pcm(speech.samples.data() + ((tick + index) % 40) * frame_samples,
                                               frame_samples);
            local_packets[index].resize(local[index]->info().max_packet_bytes);
            auto encoded = local[index]->encode(pcm, local_packets[index]);
            ASSERT_TRUE(encoded);
            local_packets[index].resize(*encoded);
            remote_packets[index].resize(remote[index]->info().max_packet_bytes);
            calls[index].instance = remote[index].get();
            calls[index].kind = CodecCall::Kind::encode;
            calls[index].pcm_in = pcm;
            calls[index].packet_out = remote_packets[index];
        }
        run_codec_calls(calls);
        for (size_t index = 0; index < batched_instances; ++index) {
            ASSERT_TRUE(calls[index].result) << calls[index].result.error().message;
            remote_packets[index].resize(*calls[index].result);
            EXPECT_EQ(remote_packets[index], local_packets[index]) << "tick " << tick << " instance " << index;
        }
    }
    // One round trip per tick for all sixteen frames.
    EXPECT_EQ(remote_codec.sandbox_stats()->round_trips - round_trips_before, ticks);
}

// reset travels too: after it, both paths give the same packets again.
TEST(SandboxedReset, ResetsTheInstanceInTheChildAsInProcess)
{
    StderrLogger logger{LogLevel::warning};
    const auto in_process = load_builtin(Isolation::in_process, logger);
    const auto sandboxed = load_builtin(Isolation::sandbox, logger);
    const CodecConfig opus = config("opus", 48000, 48000, 1);
    auto local = in_process->find_codec("org.cordon.codec.opus")->create(opus);
    auto remote = sandboxed->find_codec("org.cordon.codec.opus")->create(opus);
    ASSERT_TRUE(local && remote);
    const media::Pcm speech = media::generate_speech_like(48000, 1, 0.5, 11);
    const size_t frame_samples = (*local)->info().frame_samples();
    const auto encode = [&](CodecInstance &instance, size_t frame) {
        std::vector<uint8_t> packet(instance.info().max_packet_bytes);
        auto encoded = instance.encode(std::span(speech.samples).subspan(frame * frame_samples, frame_samples), packet);
        EXPECT_TRUE(encoded);
        packet.resize(encoded ? *encoded : 0);
        return packet;
    };
    // Only the local instance has seen these frames: the states differ.
    for (size_t frame = 0; frame < 5; ++frame) {
        encode(**local, frame);
    }
    EXPECT_NE(encode(**local, 5), encode(**remote, 5));
    ASSERT_TRUE((*local)->reset());
    ASSERT_TRUE((*remote)->reset());
    for (size_t frame = 6; frame < 12; ++frame) {
        EXPECT_EQ(encode(**local, frame), encode(**remote, frame)) << "frame " << frame;
    }
}

// What a call's end gives back is visible: each plugin counts the instances
// that exist, in process and in the sandbox alike, and the count returns to
// where it started once they are destroyed.
TEST(CodecInstancesAlive, CountWhatExistsAndReturnToZero)
{
    StderrLogger logger{LogLevel::warning};
    for (const Isolation isolation : {Isolation::in_process, Isolation::sandbox}) {
        const auto plugins = load_builtin(isolation, logger);
        const CodecPlugin *opus = plugins->find_codec("org.cordon.codec.opus");
        ASSERT_NE(opus, nullptr);
        EXPECT_EQ(opus->instances_alive(), 0u) << to_string(isolation);
        std::vector<std::unique_ptr<CodecInstance>> instances;
        for (int made = 0; made < 3; ++made) {
            auto created = opus->create(config("opus", 48000, 48000, 1));
            ASSERT_TRUE(created) << created.error().message;
            instances.push_back(std::move(*created));
        }
        EXPECT_EQ(opus->instances_alive(), 3u) << to_string(isolation);
        EXPECT_FALSE(opus->create(config("opus", 48000, 7, 1))) << "a refused create counts nothing";
        instances.erase(instances.begin());
        EXPECT_EQ(opus->instances_alive(), 2u) << to_string(isolation);
        instances.clear();
        EXPECT_EQ(opus->instances_alive(), 0u) << to_string(isolation);
    }
}

// A caller's mistake is the caller's error, as in process, not a fault of
// the child: an output buffer too small (even empty) gets the plugin's answer.
TEST(SandboxedOutput, ATooSmallOutputBufferIsAnErrorNotAFault)
{
    StderrLogger logger{LogLevel::warning};
    const auto in_process = load_builtin(Isolation::in_process, logger);
    const auto sandboxed = load_builtin(Isolation::sandbox, logger);
    const CodecConfig opus = config("opus", 48000, 48000, 1);
    auto local = in_process->find_codec("org.cordon.codec.opus")->create(opus);
    auto remote = sandboxed->find_codec("org.cordon.codec.opus")->create(opus);
    ASSERT_TRUE(local && remote);
    const std::vector<int16_t> frame((*local)->info().frame_samples(), 100);
    for (const size_t capacity : {size_t{0}, size_t{1}}) {
        std::vector<uint8_t> packet(capacity);
        auto expected = (*local)->encode(frame, packet);
        auto actual = (*remote)->encode(frame, packet);
        ASSERT_FALSE(expected);
        ASSERT_FALSE(actual);
        // An empty buffer reaches an in-process plugin as a null pointer
        // (invalid argument) and a sandboxed one as a slot of capacity 0
        // (too small): both refused; from one byte on, the same answer.
        if (capacity > 0) {
            EXPECT_EQ(actual.error().code, expected.error().code) << actual.error().message;
        }
        std::vector<int16_t> pcm(capacity);
        auto decoded = (*remote)->decode(std::vector<uint8_t>{0xfc, 0xff, 0xfe}, pcm);
        EXPECT_FALSE(decoded);
    }
    const CodecPlugin &codec = *sandboxed->find_codec("org.cordon.codec.opus");
    EXPECT_EQ(codec.sandbox_stats()->total_faults(), 0u) << codec.sandbox_stats()->last_fault;
}

// A batch larger than the region's slots travels in several round trips;
// a slot count out of range gets the default rather than a broken region.
TEST(SandboxedBatch, SplitsWhatTheSlotsCannotCarryAndRefusesNoSlotCount)
{
    StderrLogger logger{LogLevel::warning};
    const fs::path builtin = CORDON_BUILTIN_PLUGIN_DIR;
    for (const uint32_t slots : {3u, 0u}) {
        PluginSearch search{{builtin}, {builtin}, {"*"}, {}};
        search.sandbox.slot_count = slots;
        const auto sandboxed = PluginRegistry::load(search, logger);
        const CodecPlugin *g711 = sandboxed->find_codec("org.cordon.codec.g711");
        ASSERT_NE(g711, nullptr);
        std::vector<std::unique_ptr<CodecInstance>> instances;
        for (size_t index = 0; index < 8; ++index) {
            auto made = g711->create(config("PCMU", 8000, 8000, 1));
            ASSERT_TRUE(made) << made.error().message;
            instances.push_back(std::move(made.value()));
        }
        const std::vector<int16_t> frame(160, 1000);
        std::vector<std::vector<uint8_t>> packets(instances.size(), std::vector<uint8_t>(160));
        std::vector<CodecCall> calls(instances.size());
        for (size_t index = 0; index < instances.size(); ++index) {
            calls[index].instance = instances[index].get();
            calls[index].pcm_in = frame;
            calls[index].packet_out = packets[index];
        }
        const uint64_t before = g711->sandbox_stats()->round_trips;
        run_codec_calls(calls);
        for (const CodecCall &call : calls) {
            ASSERT_TRUE(call.result) << call.result.error().message;
            EXPECT_EQ(*call.result, 160u);
        }
        // 8 frames in slots of 3: three round trips; with the default 16, one.
        EXPECT_EQ(g711->sandbox_stats()->round_trips - before, slots == 3 ? 3u : 1u) << "slots " << slots;
    }
}

// The child inherits nothing of the application but what the sandbox needs:
// not its environment (which may hold secrets), not its process group.
TEST(SandboxChildProcess, StartsWithoutTheHostsEnvironmentInAProcessGroupOfItsOwn)
{
    ASSERT_EQ(setenv("CORDON_TEST_SECRET", "do-not-inherit-me", 1), 0);
    StderrLogger logger{LogLevel::warning};
    const auto sandboxed = load_builtin(Isolation::sandbox, logger);
    unsetenv("CORDON_TEST_SECRET");
    const CodecPlugin *codec = sandboxed->find_codec("org.cordon.codec.g711");
    ASSERT_NE(codec, nullptr);
    const int64_t pid = codec->sandbox_stats()->pid;
    ASSERT_GT(pid, 0);

    std::ifstream environ_file("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
    const std::string environment((std::istreambuf_iterator<char>(environ_file)), std::istreambuf_iterator<char>());
    EXPECT_EQ(environment.find("CORDON_TEST_SECRET"), std::string::npos);
    EXPECT_EQ(environment.find("PATH="), std::string::npos);
    EXPECT_EQ(getpgid(static_cast<pid_t>(pid)), static_cast<pid_t>(pid));
}

// True once the process has ended (gone, or a zombie nobody reaped yet).
bool has_ended(int64_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) {
        return true;
    }
    const size_t after_name = text.rfind(')');
    return after_name != std::string::npos && after_name + 2 < text.size() && text[after_name + 2] == 'Z';
}

// A host that dies without shutting its children down (SIGKILL, a crash)
// leaves no sandbox behind: the child reads end of file and exits.
TEST(SandboxChildProcess, ExitsWhenItsHostDies)
{
    int report[2];
    ASSERT_EQ(pipe(report), 0);
    const pid_t host = fork();
    ASSERT_GE(host, 0);
    if (host == 0) {
        StderrLogger logger{LogLevel::error};
        const auto sandboxed = load_builtin(Isolation::sandbox, logger);
        const CodecPlugin *codec = sandboxed->find_codec("org.cordon.codec.g711");
        const int64_t pid = codec != nullptr ? codec->sandbox_stats()->pid : -1;
        [[maybe_unused]] const ssize_t written = write(report[1], &pid, sizeof(pid));
        pause();
        _exit(0);
    }
    close(report[1]);
    int64_t child = -1;
    pollfd readable{report[0], POLLIN, 0};
    ASSERT_EQ(poll(&readable, 1, 10000), 1);
    ASSERT_EQ(read(report[0], &child, sizeof(child)), static_cast<ssize_t>(sizeof(child)));
    close(report[0]);
    ASSERT_GT(child, 0);
    EXPECT_FALSE(has_ended(child));

    kill(host, SIGKILL);
    waitpid(host, nullptr, 0);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!has_ended(child) && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_TRUE(has_ended(child)) << "sandbox child " << child << " outlived its host";
    if (!has_ended(child)) {
        kill(static_cast<pid_t>(child), SIGKILL);
    }
}

} // namespace
} // namespace cordon
