// The hostile codec suite: for each malicious plugin, the host survives, the
// fault is detected and classified, nothing escapes (no file read or written,
// no connection made, no signal delivered), and every other codec — the
// built-in G.711 in process and an honest plugin in another sandbox — keeps
// working. Run under the asan preset too.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "core/display_text.hpp"
#include "tests/plugins/capturing_logger.hpp"
#include "tests/sandbox/hostile/tcp_listener.hpp"

namespace cordon::sandbox::test {
namespace {

namespace fs = std::filesystem;

const fs::path hostile_root = HOSTILE_PLUGIN_DIR;
const fs::path marker_root = HOSTILE_MARKER_DIR;
constexpr const char *hostile_id = "org.cordon.test.hostile";
constexpr const char *honest_id = "org.cordon.test.honest";
constexpr const char *g711_id = "org.cordon.codec.g711";
constexpr uint32_t rate_hz = 8000;
constexpr uint32_t frame_us = 20000;
constexpr size_t frame_samples = 160;
constexpr uint64_t test_memory_limit = uint64_t{64} << 20;
constexpr std::chrono::milliseconds short_startup{500};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool sanitizer_build = true;
#else
constexpr bool sanitizer_build = false;
#endif

SandboxLimits test_limits()
{
    SandboxLimits limits;
    limits.memory_limit_bytes = test_memory_limit;
    return limits;
}

CodecConfig config_for(const std::string &encoding)
{
    CodecConfig config;
    config.encoding_name = encoding;
    config.clock_rate = rate_hz;
    config.sample_rate = rate_hz;
    config.channels = 1;
    config.frame_duration_us = frame_us;
    return config;
}

std::vector<int16_t> test_frame()
{
    std::vector<int16_t> frame(frame_samples);
    for (size_t i = 0; i < frame.size(); ++i) {
        frame[i] = static_cast<int16_t>((static_cast<int>(i) * 397) % 8000 - 4000);
    }
    return frame;
}

// An application's host: the built-in plugins trusted and in process, the
// honest test codec and one hostile case untrusted, so in the sandbox.
struct Host {
    explicit Host(const std::string &hostile_case, SandboxLimits limits = test_limits())
    {
        const fs::path builtin = CORDON_BUILTIN_PLUGIN_DIR;
        PluginSearch search{{builtin, hostile_root / "honest", hostile_root / hostile_case}, {builtin}, {}, limits};
        registry = PluginRegistry::load(search, logger);
    }

    const PluginRecord *record_of(const std::string &file_stem) const
    {
        for (const PluginRecord &record : registry->records()) {
            if (record.path.stem() == file_stem) {
                return &record;
            }
        }
        return nullptr;
    }

    bool log_mentions(const std::string &text) const
    {
        for (const auto &line : logger.lines()) {
            if (line.message.find(text) != std::string::npos) {
                return true;
            }
        }
        return false;
    }

    size_t log_lines_from(const std::string &source) const
    {
        size_t count = 0;
        for (const auto &line : logger.lines()) {
            count += line.source == source ? 1 : 0;
        }
        return count;
    }

    cordon::test::CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
};

// A frame through encode and decode of a codec that must be unharmed.
void expect_round_trip_works(const PluginRegistry &registry, const char *id, const std::string &encoding,
                             Isolation isolation)
{
    const CodecPlugin *codec = registry.find_codec(id);
    ASSERT_NE(codec, nullptr) << id;
    EXPECT_EQ(codec->isolation(), isolation) << id;
    auto instance = codec->create(config_for(encoding));
    ASSERT_TRUE(instance) << id << ": " << instance.error().message;
    const std::vector<int16_t> frame = test_frame();
    std::vector<uint8_t> packet((*instance)->info().max_packet_bytes);
    auto encoded = (*instance)->encode(frame, packet);
    ASSERT_TRUE(encoded) << id << ": " << encoded.error().message;
    packet.resize(*encoded);
    std::vector<int16_t> decoded((*instance)->info().max_decoded_samples);
    auto samples = (*instance)->decode(packet, decoded);
    ASSERT_TRUE(samples) << id << ": " << samples.error().message;
    EXPECT_EQ(*samples, frame_samples) << id;
}

void expect_other_codecs_work(const Host &host)
{
    expect_round_trip_works(*host.registry, g711_id, "PCMU", Isolation::in_process);
    expect_round_trip_works(*host.registry, honest_id, "L16", Isolation::sandbox);
}

void expect_nothing_escaped(const Host &host, const std::string &hostile_case)
{
    EXPECT_FALSE(fs::exists(marker_root / hostile_case)) << "the plugin wrote " << (marker_root / hostile_case);
    EXPECT_FALSE(host.log_mentions(HOSTILE_SECRET_TEXT)) << "the plugin read the secret file";
}

struct ServingCase {
    const char *name;
    SandboxFault fault;
    bool at_create = false;
    // Sanitizer builds set no memory limit (their runtime reserves terabytes
    // of address space), so a runaway allocation ends otherwise there.
    std::optional<SandboxFault> sanitizer_fault = std::nullopt;
    // Zero: the default (two frame durations).
    std::chrono::milliseconds call_deadline{0};
    // A forbidden_syscall fault names the syscall the filter stopped.
    const char *syscall = nullptr;
};

void PrintTo(const ServingCase &serving, std::ostream *out) { *out << serving.name; }

class HostileServing : public testing::TestWithParam<ServingCase> {};

TEST_P(HostileServing, IsKilledClassifiedAndRestartedWhileTheRestCarriesOn)
{
    const ServingCase &serving = GetParam();
    fs::remove(marker_root / serving.name);
    std::optional<TcpListener> listener;
    if (std::string(serving.name) == "connect_encode") {
        listener.emplace(HOSTILE_PORT_SERVING);
    }
    SandboxLimits limits = test_limits();
    limits.call_deadline = serving.call_deadline;
    Host host(serving.name, limits);
    const CodecPlugin *hostile = host.registry->find_codec(hostile_id);
    ASSERT_NE(hostile, nullptr) << host.record_of(serving.name)->reason;
    ASSERT_EQ(hostile->isolation(), Isolation::sandbox);

    auto instance = hostile->create(config_for("L16"));
    if (serving.at_create) {
        ASSERT_FALSE(instance);
        EXPECT_EQ(instance.error().code, ErrorCode::sandbox_fault) << instance.error().message;
    } else {
        ASSERT_TRUE(instance) << instance.error().message;
        const std::vector<int16_t> frame = test_frame();
        std::vector<uint8_t> packet((*instance)->info().max_packet_bytes);
        auto encoded = (*instance)->encode(frame, packet);
        ASSERT_FALSE(encoded) << "the hostile encode succeeded";
        EXPECT_EQ(encoded.error().code, ErrorCode::sandbox_fault) << encoded.error().message;
        EXPECT_NE(encoded.error().message.find("frame lost"), std::string::npos) << encoded.error().message;
    }

    const SandboxStats stats = *hostile->sandbox_stats();
    const SandboxFault expected = sanitizer_build && serving.sanitizer_fault ? *serving.sanitizer_fault : serving.fault;
    EXPECT_EQ(stats.total_faults(), 1u) << stats.last_fault;
    EXPECT_EQ(stats.faults[static_cast<size_t>(expected)], 1u) << stats.last_fault;
    EXPECT_EQ(stats.last_fault.rfind(to_string(expected), 0), 0u) << stats.last_fault;
    if (serving.syscall != nullptr) {
        EXPECT_NE(stats.last_fault.find(std::string("system call ") + serving.syscall + " ("), std::string::npos)
            << stats.last_fault;
    }
    EXPECT_EQ(stats.frames_lost, serving.at_create ? 0u : 1u);
    EXPECT_TRUE(host.log_mentions(stats.last_fault)) << "the fault was not logged";
    expect_nothing_escaped(host, serving.name);
    if (listener) {
        EXPECT_FALSE(listener->has_connection()) << "the plugin connected to 127.0.0.1";
    }
    expect_other_codecs_work(host);

    if (!serving.at_create) {
        // Restarted, the instance recreated: what does not trigger the deed works.
        std::vector<uint8_t> silence(frame_samples * sizeof(int16_t), 0);
        std::vector<int16_t> decoded(frame_samples);
        auto samples = (*instance)->decode(silence, decoded);
        ASSERT_TRUE(samples) << samples.error().message;
        EXPECT_EQ(*samples, frame_samples);
        EXPECT_EQ(hostile->sandbox_stats()->restarts, 1u);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Deeds, HostileServing,
    testing::Values(
        ServingCase{"segfault_encode", SandboxFault::crash}, ServingCase{"abort_create", SandboxFault::crash, true},
        ServingCase{"overwrite_encode", SandboxFault::crash},
        ServingCase{"overwrite_a_little_encode", SandboxFault::contract_violation},
        ServingCase{"lie_length_encode", SandboxFault::contract_violation},
        ServingCase{"unknown_status_encode", SandboxFault::contract_violation},
        ServingCase{"loop_encode", SandboxFault::hang}, ServingCase{"sleep_encode", SandboxFault::hang},
        // Touching 64 MiB takes longer than 40 ms on a small VM;
        // without a limit (sanitizers) the deadline ends it.
        ServingCase{"allocate_encode", SandboxFault::exhaustion, false, SandboxFault::hang,
                    std::chrono::milliseconds(sanitizer_build ? 200 : 5000)},
        ServingCase{"fork_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "clone"},
        ServingCase{"clone_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "clone3"},
        ServingCase{"exec_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "execve"},
        ServingCase{"read_file_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "openat"},
        ServingCase{"create_file_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "openat"},
        ServingCase{"connect_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "socket"},
        ServingCase{"signal_parent_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "getppid"},
        ServingCase{"stack_filter_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "seccomp"},
        ServingCase{"map_exec_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "mmap"},
        // raise() is tgkill: the plugin's own line naming execve is not the verdict.
        ServingCase{"forge_verdict_encode", SandboxFault::forbidden_syscall, false, std::nullopt, {}, "tgkill"},
        ServingCase{"forge_reply_encode", SandboxFault::protocol_violation}),
    [](const testing::TestParamInfo<ServingCase> &param) { return std::string(param.param.name); });

struct LoadingCase {
    const char *name;
    SandboxFault fault;
    std::optional<SandboxFault> sanitizer_fault = std::nullopt;
    const char *syscall = nullptr; // named in a forbidden_syscall refusal
};

void PrintTo(const LoadingCase &loading, std::ostream *out) { *out << loading.name; }

class HostileLoading : public testing::TestWithParam<LoadingCase> {};

TEST_P(HostileLoading, IsRefusedWithTheFaultNamedWhileTheRestLoads)
{
    const LoadingCase &loading = GetParam();
    fs::remove(marker_root / loading.name);
    std::optional<TcpListener> listener;
    if (std::string(loading.name) == "connect_load") {
        listener.emplace(HOSTILE_PORT_LOADING);
    }
    SandboxLimits limits = test_limits();
    limits.startup_deadline = short_startup;
    Host host(loading.name, limits);
    const PluginRecord *record = host.record_of(loading.name);
    ASSERT_NE(record, nullptr);
    EXPECT_FALSE(record->loaded);
    EXPECT_EQ(host.registry->find_codec(hostile_id), nullptr);
    const SandboxFault expected = sanitizer_build && loading.sanitizer_fault ? *loading.sanitizer_fault : loading.fault;
    EXPECT_NE(record->reason.find(std::string("sandbox ") + to_string(expected) + ":"), std::string::npos)
        << record->reason;
    if (loading.syscall != nullptr) {
        EXPECT_NE(record->reason.find(std::string("system call ") + loading.syscall + " ("), std::string::npos)
            << record->reason;
    }
    expect_nothing_escaped(host, loading.name);
    if (listener) {
        EXPECT_FALSE(listener->has_connection()) << "the plugin connected to 127.0.0.1";
    }
    expect_other_codecs_work(host);
}

INSTANTIATE_TEST_SUITE_P(
    StaticConstructors, HostileLoading,
    testing::Values(LoadingCase{"segfault_load", SandboxFault::crash}, LoadingCase{"loop_load", SandboxFault::hang},
                    LoadingCase{"allocate_load", SandboxFault::exhaustion, SandboxFault::hang},
                    LoadingCase{"fork_load", SandboxFault::forbidden_syscall, std::nullopt, "clone"},
                    LoadingCase{"exec_load", SandboxFault::forbidden_syscall, std::nullopt, "execve"},
                    LoadingCase{"create_file_load", SandboxFault::forbidden_syscall, std::nullopt, "openat"},
                    LoadingCase{"connect_load", SandboxFault::forbidden_syscall, std::nullopt, "socket"},
                    LoadingCase{"signal_parent_load", SandboxFault::forbidden_syscall, std::nullopt, "getppid"},
                    LoadingCase{"stack_filter_load", SandboxFault::forbidden_syscall, std::nullopt, "seccomp"},
                    LoadingCase{"stack_filter_prctl_load", SandboxFault::forbidden_syscall, std::nullopt, "prctl"}),
    [](const testing::TestParamInfo<LoadingCase> &param) { return std::string(param.param.name); });

// Reading a file at load time is not a fault (loading reads libraries), but
// Landlock confines it to where libraries live: the secret stays unread.
TEST(HostileLoading, ReadsNoFileOutsideTheLibraryDirectories)
{
    Host host("read_file_load");
    const PluginRecord *record = host.record_of("read_file_load");
    ASSERT_NE(record, nullptr);
    EXPECT_TRUE(record->loaded) << record->reason;
    EXPECT_TRUE(host.log_mentions("read: ")) << "the constructor did not run";
    expect_nothing_escaped(host, "read_file_load");
    expect_other_codecs_work(host);
}

// A flood of output is read, cut to the rate limit and counted; the plugin
// itself keeps working.
TEST(HostileOutput, AFloodIsBoundedAndCountedWithoutAFault)
{
    SandboxLimits limits = test_limits();
    limits.call_deadline = std::chrono::milliseconds(5000); // the flood itself is slow under sanitizers
    for (const char *name : {"flood_load", "flood_encode"}) {
        const auto started = std::chrono::steady_clock::now();
        Host host(name, limits);
        const CodecPlugin *hostile = host.registry->find_codec(hostile_id);
        ASSERT_NE(hostile, nullptr) << host.record_of(name)->reason;
        {
            auto instance = hostile->create(config_for("L16"));
            ASSERT_TRUE(instance) << instance.error().message;
            std::vector<uint8_t> packet(320);
            auto encoded = (*instance)->encode(test_frame(), packet);
            ASSERT_TRUE(encoded) << name << ": " << encoded.error().message;
        }
        const SandboxStats stats = *hostile->sandbox_stats();
        EXPECT_EQ(stats.total_faults(), 0u) << stats.last_fault;
        // 20000 lines were written; a second's worth passes per second the
        // flood lasted (two windows at most when it is quick, more on a
        // loaded machine under sanitizers), the rest is counted (a few may
        // be counted as one where stdout and stderr met).
        const auto lasted = std::chrono::ceil<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
        const uint64_t windows = std::max<uint64_t>(2, static_cast<uint64_t>(lasted.count()) + 1);
        EXPECT_LE(stats.log_lines, windows * 50u) << name;
        EXPECT_GE(stats.log_lines + stats.log_lines_dropped, 19000u) << name;
        EXPECT_LE(host.log_lines_from(std::string("sandbox ") + name + ".so"), windows * 50u + 2u) << name;
        expect_other_codecs_work(host);
        // When the child's output ends, the host says how much it dropped.
        host.registry.reset();
        EXPECT_TRUE(host.log_mentions("more lines from the plugin dropped")) << name;
    }
}

TEST(HostileQuarantine, APluginThatCrashesOnEveryCallIsQuarantined)
{
    SandboxLimits limits = test_limits();
    limits.max_failures = 3;
    Host host("segfault_encode", limits);
    const CodecPlugin *hostile = host.registry->find_codec(hostile_id);
    ASSERT_NE(hostile, nullptr);
    auto instance = hostile->create(config_for("L16"));
    ASSERT_TRUE(instance) << instance.error().message;
    std::vector<uint8_t> packet(320);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    Result<size_t> encoded = Error{ErrorCode::invalid_argument, "not run"};
    while (std::chrono::steady_clock::now() < give_up) {
        encoded = (*instance)->encode(test_frame(), packet);
        ASSERT_FALSE(encoded);
        if (hostile->sandbox_stats()->quarantined) {
            break;
        }
        // Between faults the plugin waits out its backoff: calls fail fast.
        if (encoded.error().code == ErrorCode::unavailable) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    const SandboxStats stats = *hostile->sandbox_stats();
    ASSERT_TRUE(stats.quarantined);
    EXPECT_EQ(stats.faults[static_cast<size_t>(SandboxFault::crash)], 3u);
    EXPECT_EQ(stats.restarts, 2u);
    EXPECT_EQ(stats.pid, -1);

    auto after = (*instance)->encode(test_frame(), packet);
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().code, ErrorCode::unavailable);
    EXPECT_NE(after.error().message.find("quarantined"), std::string::npos) << after.error().message;
    auto created = hostile->create(config_for("L16"));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::unavailable);
    EXPECT_TRUE(host.log_mentions("quarantined after 3 faults"));
    expect_other_codecs_work(host);
}

// A name and a vendor that read other than they are stored are refused with
// the code point named, and what the plugin wrote while loading reaches the
// log escaped: no line the host logs holds a control, an override or a byte
// that is not UTF-8.
TEST(HostileText, IsRefusedByNameAndItsOutputIsEscaped)
{
    Host host("deceptive_text");
    const PluginRecord *record = host.record_of("deceptive_text");
    ASSERT_NE(record, nullptr);
    EXPECT_FALSE(record->loaded);
    EXPECT_NE(record->reason.find("name contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)"),
              std::string::npos)
        << record->reason;
    EXPECT_EQ(undisplayable_text_problem(record->reason), std::nullopt) << record->reason;
    EXPECT_TRUE(host.log_mentions("deceptive: \\u202Ecba \\u009B31m \\x9B31m zero\\u200Bwidth"));
    for (const auto &line : host.logger.lines()) {
        EXPECT_EQ(undisplayable_text_problem(line.message), std::nullopt) << line.message;
    }
    expect_other_codecs_work(host);
}

// A filter of the plugin's own, at load or while serving, is a violation named
// as such (the filter in force when plugin code first runs is the final one).
TEST(HostileSandboxAttack, AFilterOfItsOwnIsNamedAsSuch)
{
    for (const char *name : {"stack_filter_load", "stack_filter_prctl_load"}) {
        SandboxLimits limits = test_limits();
        limits.startup_deadline = short_startup;
        Host host(name, limits);
        const PluginRecord *record = host.record_of(name);
        ASSERT_NE(record, nullptr);
        EXPECT_FALSE(record->loaded) << name;
        EXPECT_NE(record->reason.find("tried to install a seccomp filter of its own"), std::string::npos)
            << record->reason;
        EXPECT_FALSE(host.log_mentions("own filter stacked")) << "the plugin went on after its filter: " << name;
    }
}

// What the plugin writes in the sandbox's voice is quoted as unverified,
// never taken as the verdict.
TEST(HostileSandboxAttack, AnInventedRefusalIsQuotedNotBelieved)
{
    SandboxLimits limits = test_limits();
    limits.startup_deadline = short_startup;
    Host host("forge_refusal_load", limits);
    const PluginRecord *record = host.record_of("forge_refusal_load");
    ASSERT_NE(record, nullptr);
    EXPECT_FALSE(record->loaded);
    const std::string &reason = record->reason;
    EXPECT_NE(reason.find("sandbox start failure: exited with status 5 before describing the plugin"),
              std::string::npos)
        << reason;
    const size_t invented = reason.find("the host approved this plugin");
    const size_t attribution = reason.find("its last log line (unverified): \"");
    ASSERT_NE(invented, std::string::npos) << reason;
    ASSERT_NE(attribution, std::string::npos) << reason;
    EXPECT_LT(attribution, invented) << "the plugin's text must come only inside the quotation: " << reason;
}

// Loading may read the plugin's own file and the system's libraries, not the
// rest of its directory.
TEST(HostileSandboxAttack, ReadsNothingBesideItsOwnFile)
{
    Host host("read_neighbour_load");
    const PluginRecord *record = host.record_of("read_neighbour_load");
    ASSERT_NE(record, nullptr);
    EXPECT_TRUE(record->loaded) << record->reason;
    EXPECT_TRUE(host.log_mentions("neighbour read: ")) << "the constructor did not run";
    EXPECT_FALSE(host.log_mentions(HOSTILE_NEIGHBOUR_TEXT)) << "the plugin read a file in its directory";
}

// Under the per-call deadline every time, yet slower than real time: a fault
// of its own kind once a window of audio shows it, and the child restarts.
TEST(HostileSandboxAttack, SustainedSlownessIsAFault)
{
    Host host("slow_encode");
    const CodecPlugin *slow = host.registry->find_codec(hostile_id);
    ASSERT_NE(slow, nullptr) << host.record_of("slow_encode")->reason;
    auto instance = slow->create(config_for("L16"));
    ASSERT_TRUE(instance) << instance.error().message;
    const std::vector<int16_t> frame = test_frame();
    std::vector<uint8_t> packet((*instance)->info().max_packet_bytes);
    // A second of audio is the window: about 50 frames, each delivered.
    constexpr int most_frames = 120;
    int delivered = 0;
    for (int index = 0; index < most_frames && slow->sandbox_stats()->total_faults() == 0; ++index) {
        delivered += (*instance)->encode(frame, packet) ? 1 : 0;
    }
    const SandboxStats stats = *slow->sandbox_stats();
    ASSERT_EQ(stats.faults[static_cast<size_t>(SandboxFault::too_slow)], 1u) << stats.last_fault;
    EXPECT_EQ(stats.total_faults(), 1u) << stats.last_fault;
    EXPECT_NE(stats.last_fault.find("too slow for real time: took "), std::string::npos) << stats.last_fault;
    EXPECT_NE(stats.last_fault.find("(limit 100 %)"), std::string::npos) << stats.last_fault;
    EXPECT_GE(delivered, 45) << "every frame before the verdict arrives";
    EXPECT_EQ(stats.frames_lost, 0u);
    // The next call starts a new child, which serves.
    EXPECT_TRUE((*instance)->encode(frame, packet));
    EXPECT_EQ(slow->sandbox_stats()->restarts, 1u);
}

// A child that hangs up its reply pipe and keeps the call going is waited
// out asleep: a hung-up pipe polls ready at once, and a host that kept
// polling it would spin through the whole deadline on the CPU the child
// (which follows the host's CPU) needs.
TEST(HostileSandboxAttack, AHungUpReplyPipeIsWaitedOutAsleep)
{
    Host host("hang_up_encode");
    const CodecPlugin *hostile = host.registry->find_codec(hostile_id);
    ASSERT_NE(hostile, nullptr) << host.record_of("hang_up_encode")->reason;
    auto instance = hostile->create(config_for("L16"));
    ASSERT_TRUE(instance) << instance.error().message;
    const std::vector<int16_t> frame = test_frame();
    std::vector<uint8_t> packet((*instance)->info().max_packet_bytes);

    timespec cpu_before{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_before);
    const auto wall_before = std::chrono::steady_clock::now();
    EXPECT_FALSE((*instance)->encode(frame, packet));
    const auto wall = std::chrono::steady_clock::now() - wall_before;
    timespec cpu_after{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_after);
    const auto cpu = std::chrono::seconds(cpu_after.tv_sec - cpu_before.tv_sec) +
                     std::chrono::nanoseconds(cpu_after.tv_nsec - cpu_before.tv_nsec);

    const SandboxStats stats = *hostile->sandbox_stats();
    ASSERT_EQ(stats.faults[static_cast<size_t>(SandboxFault::hang)], 1u) << stats.last_fault;
    ASSERT_GE(wall, std::chrono::milliseconds(40)) << "the deadline was not waited out";
    // Asleep, the host spends a few milliseconds of CPU on the whole call
    // (polls, /proc reads, the kill and the reap); spinning, all of it.
    EXPECT_LT(cpu * 2, wall) << "the host used " << std::chrono::duration_cast<std::chrono::milliseconds>(cpu).count()
                             << " ms of CPU in a "
                             << std::chrono::duration_cast<std::chrono::milliseconds>(wall).count() << " ms wait";
}

} // namespace
} // namespace cordon::sandbox::test
