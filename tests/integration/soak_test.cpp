// Every call gives back what it took: two agents in this process, alice and
// bob, through a real Kamailio over TLS with SRTP and Opus in the sandbox,
// go through cycles of calls ended in every way, a presence subscription
// that comes and goes and a re-registration. After each cycle, once both
// agents are quiet, what they hold (UserAgent::alive) must be what it was
// before the first; and over the cycles after a warm-up, this process's
// memory, its descriptors, its transactions and the sandbox child's memory
// must not grow.
//
// CORDON_SOAK_CYCLES sets the number of cycles (a longer run for
// benchmarks); the default keeps the test to well under a minute.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/alive_figures.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/growth.hpp"
#include "tests/integration/proc_figures.hpp"
#include "tests/integration/recent_lines_logger.hpp"
#include "tests/integration/soak_limits.hpp"

namespace cordon::test {
namespace {

using namespace std::chrono_literals;

constexpr const char *opus_plugin = "org.cordon.codec.opus";
constexpr const char *bob_uri = "sip:bob@cordon.test";
constexpr std::size_t default_cycles = 40;
// A call counts as carrying audio once this many packets came back.
constexpr std::uint64_t packets_heard = 5;

// How each call of a cycle ends.
enum class Ending {
    caller_hangs_up,     // BYE from alice
    callee_hangs_up,     // BYE from bob
    caller_cancels,      // CANCEL while bob's phone rings
    callee_declines,     // 486 from bob
    no_such_user,        // 404 from Kamailio
    applications_let_go, // bob's handler holds its own call, alice drops hers mid-call; bob hangs up
    nobody_answers,      // bob's application never answers: his ring timeout refuses it (480)
};
constexpr Ending every_ending[] = {Ending::caller_hangs_up, Ending::callee_hangs_up, Ending::caller_cancels,
                                   Ending::callee_declines, Ending::no_such_user,    Ending::applications_let_go};
// A call nobody answers lasts bob's whole ring timeout, so it comes once in
// this many cycles, keeping the test's run time about what it was.
constexpr std::size_t unanswered_call_every = 4;
constexpr auto bob_ring_timeout = std::chrono::milliseconds(300);

class Soak : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto started = Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        PluginSearch search;
        search.directories = {builtin_plugin_directory()};
        search.trusted = {builtin_plugin_directory()};
        search.sandboxed = {opus_plugin};
        plugins_ = PluginRegistry::load(search, logger_);
        alice_ = agent("alice", {});
        bob_ = agent("bob", {"sip:alice@cordon.test"});
        ASSERT_TRUE(alice_ && bob_);
        bob_->on_incoming_call([this](std::shared_ptr<Call> call) { on_bob_called(std::move(call)); });
        alice_->register_account();
        bob_->register_account();
        ASSERT_TRUE(until([&] { return both_registered(); })) << "alice and bob did not register";
    }

    void TearDown() override
    {
        if (HasFailure()) {
            for (const auto &line : logger_.lines()) {
                std::printf("  log: %s\n", line.c_str());
            }
        }
    }

    std::unique_ptr<UserAgent> agent(const std::string &user, std::vector<std::string> watchers)
    {
        UserAgentOptions options;
        options.codecs = {"opus"};
        options.presence_watchers = std::move(watchers);
        if (user == "bob") {
            options.ring_timeout = bob_ring_timeout; // alice's stays long: bob's must be what ends it
        }
        auto created = UserAgent::create(loop_, *plugins_, fixture_profile(*kamailio_, user, "tls"), options, logger_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return created ? std::move(created.value()) : nullptr;
    }

    bool until(const std::function<bool()> &done, std::chrono::milliseconds limit = 10s)
    {
        run_until(loop_, done, limit);
        return done();
    }

    bool both_registered() const
    {
        return alice_->registration().state == RegistrationState::registered &&
               bob_->registration().state == RegistrationState::registered;
    }

    static CallAudio tone()
    {
        CallAudio audio;
        audio.source = CallAudio::Source::tone;
        return audio;
    }

    // What bob's application does with each incoming call, as the ending asks.
    void on_bob_called(std::shared_ptr<Call> call)
    {
        switch (ending_) {
        case Ending::callee_declines:
            (void)call->decline(486);
            return;
        case Ending::caller_cancels:
        case Ending::nobody_answers:
            bob_call_ = call;
            call->on_event([this](const CallEvent &event) { bob_events_.push_back(event.kind); });
            return;
        case Ending::applications_let_go:
            // The handler keeps its own call alive and bob keeps nothing else:
            // only the call's end may break that cycle.
            call->on_event([this, call](const CallEvent &event) {
                bob_events_.push_back(event.kind);
                if (event.kind == CallEvent::Kind::answered) {
                    bob_hang_up_ = [call] { call->hang_up(); };
                }
            });
            (void)call->answer(tone());
            return;
        default:
            bob_call_ = call;
            call->on_event([this](const CallEvent &event) { bob_events_.push_back(event.kind); });
            (void)call->answer(tone());
        }
    }

    static bool has(const std::vector<CallEvent::Kind> &events, CallEvent::Kind kind)
    {
        return std::find(events.begin(), events.end(), kind) != events.end();
    }

    bool alice_heard_bob() const
    {
        const auto stats = alice_call_ ? alice_call_->media_stats() : std::nullopt;
        return stats && stats->packets_received >= packets_heard;
    }

    // One call, ended as `ending` says; a failure says where it stopped.
    ::testing::AssertionResult call(Ending ending)
    {
        ending_ = ending;
        alice_events_.clear();
        bob_events_.clear();
        bob_hang_up_ = nullptr;
        auto placed = alice_->call(ending == Ending::no_such_user ? "sip:nobody@cordon.test" : bob_uri, tone());
        if (!placed) {
            return ::testing::AssertionFailure() << "call() failed: " << placed.error().message;
        }
        alice_call_ = placed.value();
        alice_call_->on_event([this](const CallEvent &event) { alice_events_.push_back(event.kind); });
        const bool answered_call = ending == Ending::caller_hangs_up || ending == Ending::callee_hangs_up ||
                                   ending == Ending::applications_let_go;
        if (answered_call) {
            if (!until([&] { return alice_heard_bob(); })) {
                return ::testing::AssertionFailure() << "no audio from bob";
            }
        }
        switch (ending) {
        case Ending::caller_hangs_up:
            alice_call_->hang_up();
            break;
        case Ending::callee_hangs_up:
            bob_call_->hang_up();
            break;
        case Ending::caller_cancels:
            if (!until([&] { return has(alice_events_, CallEvent::Kind::ringing); })) {
                return ::testing::AssertionFailure() << "bob's phone did not ring";
            }
            alice_call_->hang_up();
            break;
        case Ending::applications_let_go:
            alice_call_.reset();
            if (!bob_hang_up_) {
                return ::testing::AssertionFailure() << "bob did not see the answer";
            }
            bob_hang_up_();
            bob_hang_up_ = nullptr;
            break;
        case Ending::callee_declines:
        case Ending::no_such_user:
        case Ending::nobody_answers:
            break;
        }
        const bool bob_involved = ending != Ending::no_such_user && ending != Ending::callee_declines;
        if (!until([&] {
                return (ending == Ending::applications_let_go || has(alice_events_, CallEvent::Kind::ended)) &&
                       (!bob_involved || has(bob_events_, CallEvent::Kind::ended));
            })) {
            return ::testing::AssertionFailure() << "the call did not end on both sides";
        }
        alice_call_.reset();
        bob_call_.reset();
        return ::testing::AssertionSuccess();
    }

    ::testing::AssertionResult watch_bob_and_stop()
    {
        if (auto subscribed = alice_->subscribe_presence(bob_uri); !subscribed) {
            return ::testing::AssertionFailure() << subscribed.error().message;
        }
        if (!until([&] {
                const auto seen = alice_->presence_of(bob_uri);
                return seen && seen->state == SubscriptionState::active && bob_->alive().watchers == 1;
            })) {
            return ::testing::AssertionFailure() << "alice's subscription to bob did not become active";
        }
        (void)alice_->take_presence_updates(16);
        if (auto stopped = alice_->unsubscribe_presence(bob_uri); !stopped) {
            return ::testing::AssertionFailure() << stopped.error().message;
        }
        if (!until([&] { return alice_->alive().subscriptions == 0 && bob_->alive().watchers == 0; })) {
            const auto seen = alice_->presence_of(bob_uri);
            return ::testing::AssertionFailure()
                   << "alice's subscription to bob did not end: alice watches " << alice_->alive().subscriptions
                   << ", bob has " << bob_->alive().watchers << " watchers, alice sees "
                   << (seen ? to_string(seen->state) + std::string(" ") + seen->reason : "nothing");
        }
        (void)alice_->take_presence_updates(16);
        return ::testing::AssertionSuccess();
    }

    ::testing::AssertionResult register_alice_again()
    {
        alice_->unregister();
        if (!until([&] { return alice_->registration().state == RegistrationState::unregistered; })) {
            return ::testing::AssertionFailure() << "alice did not un-register";
        }
        alice_->register_account();
        if (!until([&] { return alice_->registration().state == RegistrationState::registered; })) {
            return ::testing::AssertionFailure() << "alice did not register again";
        }
        return ::testing::AssertionSuccess();
    }

    double sandbox_resident_kib() const
    {
        const auto stats = plugins_->find_codec(opus_plugin)->sandbox_stats();
        const auto resident = stats && stats->pid > 0 ? resident_kib(static_cast<pid_t>(stats->pid)) : std::nullopt;
        return resident ? static_cast<double>(*resident) : 0.0;
    }

    boost::asio::io_context loop_;
    RecentLinesLogger logger_;
    std::unique_ptr<Kamailio> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
    std::unique_ptr<UserAgent> alice_;
    std::unique_ptr<UserAgent> bob_;
    Ending ending_ = Ending::caller_hangs_up;
    std::shared_ptr<Call> alice_call_;
    std::shared_ptr<Call> bob_call_;
    std::vector<CallEvent::Kind> alice_events_;
    std::vector<CallEvent::Kind> bob_events_;
    std::function<void()> bob_hang_up_;
};

TEST_F(Soak, CallsEndedEveryWaySubscriptionsAndRegistrationsLeaveNothingBehind)
{
    const std::size_t cycles = soak_setting("CORDON_SOAK_CYCLES", default_cycles / sanitizer_slowdown);
    const Settled alice_before = settled(alice_->alive());
    const Settled bob_before = settled(bob_->alive());
    std::vector<double> host_kib, heap_kib, sandbox_kib, descriptors, transactions;
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t cycle = 0; cycle < cycles; ++cycle) {
        for (const Ending ending : every_ending) {
            ASSERT_TRUE(call(ending)) << "cycle " << cycle << ", ending " << static_cast<int>(ending);
        }
        if (cycle % unanswered_call_every == 0) {
            ASSERT_TRUE(call(Ending::nobody_answers)) << "cycle " << cycle << ", a call nobody answers";
        }
        ASSERT_TRUE(watch_bob_and_stop()) << "cycle " << cycle;
        ASSERT_TRUE(register_alice_again()) << "cycle " << cycle;
        // Quiet: what the cycle started has ended once these are back.
        until([&] { return settled(alice_->alive()) == alice_before && settled(bob_->alive()) == bob_before; }, 5s);
        ASSERT_TRUE(settled(alice_->alive()) == alice_before)
            << "cycle " << cycle << ": alice holds " << describe(settled(alice_->alive())) << "; before, "
            << describe(alice_before);
        ASSERT_TRUE(settled(bob_->alive()) == bob_before)
            << "cycle " << cycle << ": bob holds " << describe(settled(bob_->alive())) << "; before, "
            << describe(bob_before);
        host_kib.push_back(static_cast<double>(resident_kib(getpid()).value_or(0)));
        heap_kib.push_back(static_cast<double>(heap_in_use_kib()));
        sandbox_kib.push_back(sandbox_resident_kib());
        descriptors.push_back(static_cast<double>(open_descriptors(getpid()).value_or(0)));
        transactions.push_back(static_cast<double>(alice_->alive().transactions + bob_->alive().transactions));
    }
    const std::size_t calls =
        cycles * std::size(every_ending) + (cycles + unanswered_call_every - 1) / unanswered_call_every;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const SoakWindows windows = soak_windows(cycles);
    const Growth host = growth_of(host_kib, windows.warm_up, windows.window);
    const Growth heap = growth_of(heap_kib, windows.warm_up, windows.window);
    const Growth sandbox = growth_of(sandbox_kib, windows.warm_up, windows.window);
    const Growth fds = growth_of(descriptors, windows.warm_up, windows.window);
    const Growth open_transactions = growth_of(transactions, windows.warm_up, windows.window);
    std::printf("%zu cycles, %zu calls in %.1f s; host RSS KiB %s, heap in use KiB %s, sandbox RSS KiB %s, "
                "descriptors %s, transactions %s\n",
                cycles, calls, seconds, test::describe(host).c_str(), test::describe(heap).c_str(),
                test::describe(sandbox).c_str(), test::describe(fds).c_str(),
                test::describe(open_transactions).c_str());
    const double measured_calls = static_cast<double>(windows.measured_cycles * std::size(every_ending));
    if (memory_figures_meaningful) {
        EXPECT_LE(host.by(), allowed_growth_kib(measured_calls)) << "this process grew: " << test::describe(host);
        EXPECT_LE(heap.by(), allowed_heap_growth_kib(measured_calls)) << "the heap grew: " << test::describe(heap);
        EXPECT_LE(sandbox.by(), allowed_growth_kib(measured_calls)) << "the sandbox grew: " << test::describe(sandbox);
    }
    EXPECT_LE(fds.by(), 0.0) << "descriptors grew: " << test::describe(fds);
    EXPECT_LE(open_transactions.by(), allowed_transaction_growth)
        << "transactions grew: " << test::describe(open_transactions);
}

} // namespace
} // namespace cordon::test
