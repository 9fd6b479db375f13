// `cordon answer --calls N` as a user running a long-lived agent runs it:
// TLS, SRTP and Opus in the sandbox, N sequential calls from a caller in
// this process. After every call the answering process prints what its
// agent holds, which must be what it held before the first call; its
// resident memory, its sandbox child's and its descriptors, read from /proc
// after every call, must not grow once warmed up.
//
// CORDON_SOAK_CALLS and CORDON_SOAK_TALK_MS set the number of calls and how
// long each lasts once audio flows; with CORDON_SOAK_CALLS set, every
// call's figures are printed (the measurement: 80 calls of 1000 ms).
// CORDON_SOAK_LONG_CALL_S sets the length of the one long call.
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/growth.hpp"
#include "tests/integration/proc_figures.hpp"
#include "tests/integration/recent_lines_logger.hpp"
#include "tests/integration/soak_limits.hpp"
#include "tests/support/process/spawned_process.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::size_t default_calls = 24;
constexpr std::size_t default_talk_ms = 100;
constexpr std::size_t default_long_call_s = 6;
constexpr std::uint64_t packets_heard = 5;
// The figures of "counters" that are zero whenever no call is up.
constexpr const char *call_figures[] = {"calls", "call_objects", "dialogs", "media_streams"};

std::vector<nlohmann::json> counters_lines(const std::string &output)
{
    std::vector<nlohmann::json> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        auto parsed = nlohmann::json::parse(line, nullptr, false);
        if (!parsed.is_discarded() && parsed.value("event", "") == "counters") {
            lines.push_back(std::move(parsed));
        }
    }
    return lines;
}

std::size_t codec_instances(const nlohmann::json &counters)
{
    std::size_t instances = 0;
    for (const auto &codec : counters["codec_instances"]) {
        instances += codec["instances"].get<std::size_t>();
    }
    return instances;
}

class SoakAnsweringProcess : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto started = Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        directory_ = kamailio_->runtime_directory() / "soak";
        fs::create_directories(directory_);
        plugins_ = builtin_plugins(logger_);
        UserAgentOptions options;
        options.codecs = {"opus"};
        auto created =
            UserAgent::create(loop_, *plugins_, fixture_profile(*kamailio_, "alice", "tls"), options, logger_);
        ASSERT_TRUE(created.ok()) << created.error().message;
        alice_ = std::move(created.value());
    }

    // bob as `cordon config explain` documents it, with Opus in the sandbox.
    std::string bob_settings() const
    {
        const fs::path file = directory_ / "bob.toml";
        std::ofstream out(file);
        out << "[profile]\n"
            << "identity = \"sip:bob@cordon.test\"\n"
            << "password = \"bob-password\"\n"
            << "transport = \"tls\"\n"
            << "outbound_proxy = \"127.0.0.1:" << kamailio_->ports().tls << "\"\n"
            << "local_address = \"127.0.0.1\"\n"
            << "[tls]\n"
            << "ca_file = \"" << kamailio_->ca_file().string() << "\"\n"
            << "[plugins]\n"
            << "sandboxed = [\"org.cordon.codec.opus\"]\n"
            << "[media]\n"
            << "codecs = [\"opus\"]\n";
        return file.string();
    }

    bool until(const std::function<bool()> &done, std::chrono::milliseconds limit = 10s)
    {
        run_until(loop_, done, limit);
        return done();
    }

    // One call to bob that lasts talk once audio flows, hung up by alice;
    // sample runs every sample_every meanwhile.
    ::testing::AssertionResult call_bob(std::chrono::milliseconds talk,
                                        std::chrono::milliseconds sample_every = std::chrono::milliseconds::max(),
                                        const std::function<void()> &sample = {})
    {
        CallAudio audio;
        audio.source = CallAudio::Source::tone;
        auto placed = alice_->call("sip:bob@cordon.test", audio);
        if (!placed) {
            return ::testing::AssertionFailure() << placed.error().message;
        }
        std::shared_ptr<Call> call = placed.value();
        bool ended = false;
        call->on_event([&ended](const CallEvent &event) { ended = ended || event.kind == CallEvent::Kind::ended; });
        if (!until([&] {
                const auto stats = call->media_stats();
                return ended || (stats && stats->packets_received >= packets_heard);
            }) ||
            ended) {
            return ::testing::AssertionFailure() << "no audio from bob";
        }
        const auto hang_up_at = std::chrono::steady_clock::now() + talk;
        while (!ended && std::chrono::steady_clock::now() < hang_up_at) {
            const auto next = std::min(hang_up_at, std::chrono::steady_clock::now() + std::min(sample_every, talk));
            until([&] { return ended || std::chrono::steady_clock::now() >= next; }, talk + 1s);
            if (sample && next < hang_up_at) {
                sample();
            }
        }
        if (ended) {
            return ::testing::AssertionFailure() << "the call ended before alice hung up";
        }
        call->hang_up();
        if (!until([&] { return ended; })) {
            return ::testing::AssertionFailure() << "the call did not end";
        }
        return ::testing::AssertionSuccess();
    }

    boost::asio::io_context loop_;
    RecentLinesLogger logger_;
    std::unique_ptr<Kamailio> kamailio_;
    fs::path directory_;
    std::unique_ptr<PluginRegistry> plugins_;
    std::unique_ptr<UserAgent> alice_;
};

TEST_F(SoakAnsweringProcess, MemoryDescriptorsAndCountersStayFlatOverSequentialCalls)
{
    const bool measuring = std::getenv("CORDON_SOAK_CALLS") != nullptr;
    const std::size_t calls = soak_setting("CORDON_SOAK_CALLS", default_calls / sanitizer_slowdown);
    const std::chrono::milliseconds talk(soak_setting("CORDON_SOAK_TALK_MS", default_talk_ms));
    // One call more than measured: the last lets bob finish, so every
    // measured figure is of an agent waiting for its next call.
    auto bob = SpawnedProcess::start(
        CORDON_BINARY,
        {"--config", bob_settings(), "answer", "--calls", std::to_string(calls + 1), "--wait", "60", "--json"},
        directory_);
    ASSERT_TRUE(bob);
    // bob prints its first counters once registered: then he can be called.
    ASSERT_TRUE(until([&] { return !counters_lines(bob->out()).empty(); }, 15s)) << bob->out() << bob->err();
    const auto sandbox = child_named(bob->pid(), "cordon-sandbox");
    ASSERT_TRUE(sandbox) << "bob's Opus runs in a cordon-sandbox child";

    std::vector<double> host_kib, sandbox_kib, descriptors;
    for (std::size_t number = 1; number <= calls; ++number) {
        ASSERT_TRUE(call_bob(talk)) << "call " << number << "\n" << bob->out() << bob->err();
        // One counters line per call, printed once bob has let it go.
        ASSERT_TRUE(until([&] { return counters_lines(bob->out()).size() > number; })) << bob->out();
        host_kib.push_back(static_cast<double>(resident_kib(bob->pid()).value_or(0)));
        sandbox_kib.push_back(static_cast<double>(resident_kib(*sandbox).value_or(0)));
        descriptors.push_back(static_cast<double>(open_descriptors(bob->pid()).value_or(0)));
        if (measuring) {
            std::printf("call %3zu: cordon answer %6.0f KiB, cordon-sandbox %6.0f KiB, %2.0f descriptors\n", number,
                        host_kib.back(), sandbox_kib.back(), descriptors.back());
        }
    }
    ASSERT_TRUE(call_bob(0ms)) << "the last call\n" << bob->out() << bob->err();
    const auto exit_code = bob->wait(15s);
    ASSERT_EQ(exit_code, 0) << bob->out() << bob->err();

    const auto lines = counters_lines(bob->out());
    ASSERT_EQ(lines.size(), calls + 3) << "once registered, once per call, once at the end: " << bob->out();
    EXPECT_TRUE(lines.back()["final"].get<bool>());
    for (const auto &line : lines) {
        for (const char *figure : call_figures) {
            EXPECT_EQ(line[figure], 0) << figure << " in " << line;
        }
        EXPECT_EQ(codec_instances(line), 0u) << line;
    }

    const SoakWindows windows = soak_windows(calls);
    const Growth host = growth_of(host_kib, windows.warm_up, windows.window);
    const Growth child = growth_of(sandbox_kib, windows.warm_up, windows.window);
    const Growth fds = growth_of(descriptors, windows.warm_up, windows.window);
    const double first = host_kib.front(), last = host_kib.back();
    const double child_first = sandbox_kib.front(), child_last = sandbox_kib.back();
    std::printf("%zu calls: cordon answer %.0f -> %.0f KiB (%+.1f KiB per call), cordon-sandbox %.0f -> %.0f KiB "
                "(%+.1f KiB per call); after warm-up: host %s, sandbox %s, descriptors %s\n",
                calls, first, last, (last - first) / static_cast<double>(calls - 1), child_first, child_last,
                (child_last - child_first) / static_cast<double>(calls - 1), test::describe(host).c_str(),
                test::describe(child).c_str(), test::describe(fds).c_str());
    const auto measured_calls = static_cast<double>(windows.measured_cycles);
    if (memory_figures_meaningful) {
        EXPECT_LE(host.by(), allowed_growth_kib(measured_calls)) << "cordon answer grew: " << test::describe(host);
        EXPECT_LE(child.by(), allowed_growth_kib(measured_calls)) << "its sandbox grew: " << test::describe(child);
    }
    EXPECT_LE(fds.by(), 0.0) << "its descriptors grew: " << test::describe(fds);
}

// One call that goes on: the answering process and its sandbox child must
// hold what they held once the call was under way, however long it lasts
// (jitter buffer, RTCP state and statistics are bounded in time, not
// growing with it). CORDON_SOAK_LONG_CALL_S sets its length (tens of
// minutes for a benchmark run); by default a few seconds.
TEST_F(SoakAnsweringProcess, OneLongCallStaysFlat)
{
    const std::chrono::seconds length(soak_setting("CORDON_SOAK_LONG_CALL_S", default_long_call_s));
    const std::chrono::milliseconds sample_every = length > 60s ? 10000ms : 250ms;
    auto bob = SpawnedProcess::start(
        CORDON_BINARY, {"--config", bob_settings(), "answer", "--calls", "1", "--wait", "60", "--json"}, directory_);
    ASSERT_TRUE(bob);
    ASSERT_TRUE(until([&] { return !counters_lines(bob->out()).empty(); }, 15s)) << bob->out() << bob->err();
    const auto sandbox = child_named(bob->pid(), "cordon-sandbox");
    ASSERT_TRUE(sandbox);
    std::vector<double> host_kib, sandbox_kib;
    ASSERT_TRUE(call_bob(length, sample_every,
                         [&] {
                             host_kib.push_back(static_cast<double>(resident_kib(bob->pid()).value_or(0)));
                             sandbox_kib.push_back(static_cast<double>(resident_kib(*sandbox).value_or(0)));
                         }))
        << bob->out() << bob->err();
    ASSERT_EQ(bob->wait(15s), 0) << bob->out() << bob->err();
    ASSERT_GE(host_kib.size(), 8u);
    const SoakWindows windows = soak_windows(host_kib.size());
    const Growth host = growth_of(host_kib, windows.warm_up, windows.window);
    const Growth child = growth_of(sandbox_kib, windows.warm_up, windows.window);
    std::printf("a call of %lld s, %zu samples: cordon answer %s KiB, cordon-sandbox %s KiB\n",
                static_cast<long long>(length.count()), host_kib.size(), test::describe(host).c_str(),
                test::describe(child).c_str());
    if (memory_figures_meaningful) {
        EXPECT_LE(host.by(), growth_floor_kib) << "cordon answer grew during the call: " << test::describe(host);
        EXPECT_LE(child.by(), growth_floor_kib) << "its sandbox grew during the call: " << test::describe(child);
    }
}

} // namespace
} // namespace cordon::test
