// A peer NOTIFYs the presence of hundreds of contacts as fast as TCP carries
// them while the application takes updates slowly: the agent's queue stays
// within its bound, every counter is exact, each contact's newest state
// reaches the application, and the agent still answers other requests.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include "cordon/host/user_agent.hpp"
#include "demo/process_memory.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/presence_notifier.hpp"

namespace cordon::test {
namespace {

constexpr std::size_t contacts = 300;
constexpr unsigned rounds = 20;
// The application's pace: 10 updates every 20 ms, far below the flood's.
constexpr std::size_t taken_per_tick = 10;
constexpr std::chrono::milliseconds tick{20};

class PresenceFlood : public ::testing::Test {
protected:
    std::unique_ptr<UserAgent> watcher(std::uint16_t port, PresenceLimits limits)
    {
        Profile profile;
        profile.identity = "sip:watcher@cordon.test";
        profile.password = "unused";
        profile.transport = "tcp";
        profile.outbound_proxy = "127.0.0.1:" + std::to_string(port);
        profile.local_address = "127.0.0.1";
        UserAgentOptions options;
        options.keep_alive_interval = std::chrono::seconds(0);
        options.presence = limits;
        auto agent = UserAgent::create(loop_, *plugins_, profile, options, logger_);
        EXPECT_TRUE(agent) << (agent ? "" : agent.error().message);
        return agent ? std::move(agent.value()) : nullptr;
    }

    // Takes updates at the application's pace until `done`, remembering the
    // last one seen of each contact.
    void consume_slowly(UserAgent &agent, const std::function<bool()> &done)
    {
        boost::asio::steady_timer timer(loop_);
        std::function<void()> take = [&] {
            for (auto &update : agent.take_presence_updates(taken_per_tick)) {
                ++taken_;
                last_seen_[update.contact] = update;
            }
            timer.expires_after(tick);
            timer.async_wait([&](const boost::system::error_code &error) {
                if (!error) {
                    take();
                }
            });
        };
        take();
        run_until(loop_, done, std::chrono::seconds(120));
        timer.cancel();
        loop_.poll();
    }

    boost::asio::io_context loop_;
    CapturingLogger logger_;
    std::unique_ptr<PluginRegistry> plugins_ = builtin_plugins(logger_);
    void TearDown() override
    {
        if (HasFailure()) {
            for (const auto &line : logger_.lines()) {
                std::printf("  log: %s\n", line.c_str());
            }
        }
    }

    std::map<std::string, PresenceUpdate> last_seen_;
    std::size_t taken_ = 0;
};

TEST_F(PresenceFlood, NewestStateOfEveryContactArrivesCountersAreExactAndTheAgentStillAnswers)
{
    auto notifier = PresenceNotifier::start(FloodPlan{contacts, rounds, contacts * rounds / 2});
    ASSERT_TRUE(notifier) << notifier.error().message;
    PresenceLimits limits;
    limits.max_subscriptions = contacts;
    limits.max_queued_updates = contacts;
    auto agent = watcher(notifier.value()->port(), limits);
    ASSERT_TRUE(agent);
    const auto memory_before = demo::own_process_memory();
    for (std::size_t i = 0; i < contacts; ++i) {
        ASSERT_TRUE(agent->subscribe_presence(flood_contact(i)));
    }
    EXPECT_FALSE(agent->subscribe_presence("sip:one-too-many@cordon.test")) << "max_subscriptions is a hard limit";

    const std::uint64_t expected_notifies = contacts * (rounds + 1);
    consume_slowly(*agent, [&] {
        const auto counters = agent->presence_counters();
        return counters.notifies_received + counters.notifies_rejected == expected_notifies &&
               counters.updates_queued == 0;
    });
    const FloodResult flood = notifier.value()->finish();
    ASSERT_EQ(flood.error, "");

    const auto counters = agent->presence_counters();
    EXPECT_EQ(flood.notifies_sent, expected_notifies);
    EXPECT_EQ(flood.notifies_answered_200, expected_notifies) << "every NOTIFY was taken";
    EXPECT_EQ(flood.first_refusal, "");
    EXPECT_EQ(counters.notifies_received, expected_notifies);
    EXPECT_EQ(counters.notifies_rejected, 0u);
    EXPECT_EQ(counters.updates_delivered, taken_);
    EXPECT_EQ(counters.updates_dropped, 0u) << "the queue holds one update per watched contact";
    EXPECT_EQ(counters.updates_delivered + counters.updates_coalesced + counters.updates_dropped, expected_notifies)
        << "each NOTIFY's state was delivered, coalesced or dropped: nothing is unaccounted for";
    EXPECT_GT(counters.updates_coalesced, 0u) << "the application was slower than the flood";
    EXPECT_LE(counters.updates_queued_peak, contacts) << "bounded: one waiting update per contact";
    EXPECT_EQ(counters.subscriptions_active, contacts);
    EXPECT_EQ(counters.subscriptions_refused, 1u);

    ASSERT_EQ(last_seen_.size(), contacts);
    for (std::size_t i = 0; i < contacts; ++i) {
        const auto &update = last_seen_.at(flood_contact(i));
        EXPECT_EQ(update.status.note, flood_note(i, rounds)) << "the newest state of " << flood_contact(i);
        EXPECT_EQ(update.status.basic, PresenceBasic::open);
        EXPECT_EQ(update.state, SubscriptionState::active);
    }
    ASSERT_TRUE(flood.options_answered_in) << "an OPTIONS in the middle of the flood was answered";
    const auto transactions = agent->counters();
    EXPECT_EQ(transactions.transactions_refused, 0u);
    const auto memory_after = demo::own_process_memory();
    if (memory_before && memory_after) {
        std::printf("[ figures  ] resident memory of the test process: %llu KiB before subscribing, %llu KiB after "
                    "the flood\n",
                    static_cast<unsigned long long>(memory_before->resident_kib),
                    static_cast<unsigned long long>(memory_after->resident_kib));
    }
    std::printf(
        "[ figures  ] %zu NOTIFYs; the flood answered in %.0f ms (%.0f per second); OPTIONS answered in %.1f ms; "
        "%zu updates delivered, %llu coalesced; queue peak %zu\n",
        flood.notifies_sent, static_cast<double>(flood.flood_duration.count()) / 1000.0,
        static_cast<double>(contacts * rounds) * 1e6 / static_cast<double>(flood.flood_duration.count()),
        static_cast<double>(flood.options_answered_in->count()) / 1000.0, taken_,
        static_cast<unsigned long long>(counters.updates_coalesced), counters.updates_queued_peak);
}

TEST_F(PresenceFlood, AFullQueueDropsAndCountsButPresenceOfStillHasTheNewest)
{
    constexpr std::size_t few = 60;
    constexpr std::size_t queue = 20;
    auto notifier = PresenceNotifier::start(FloodPlan{few, 5, 0});
    ASSERT_TRUE(notifier) << notifier.error().message;
    PresenceLimits limits;
    limits.max_queued_updates = queue;
    auto agent = watcher(notifier.value()->port(), limits);
    ASSERT_TRUE(agent);
    for (std::size_t i = 0; i < few; ++i) {
        ASSERT_TRUE(agent->subscribe_presence(flood_contact(i)));
    }
    const std::uint64_t expected_notifies = few * 6;
    // Nobody takes anything until every NOTIFY is in.
    run_until(
        loop_, [&] { return agent->presence_counters().notifies_received == expected_notifies; },
        std::chrono::seconds(60));
    const FloodResult flood = notifier.value()->finish();
    ASSERT_EQ(flood.error, "") << flood.subscribes << " SUBSCRIBEs, " << flood.notifies_sent << " NOTIFYs sent";

    const auto counters = agent->presence_counters();
    std::printf("[ figures  ] %zu SUBSCRIBEs, %zu NOTIFYs sent, %zu answered 200, %zu otherwise; %llu received\n",
                flood.subscribes, flood.notifies_sent, flood.notifies_answered_200, flood.notifies_answered_other,
                static_cast<unsigned long long>(counters.notifies_received));
    EXPECT_EQ(counters.notifies_rejected, 0u);
    EXPECT_EQ(flood.first_refusal, "");
    EXPECT_EQ(counters.updates_queued, queue);
    EXPECT_EQ(counters.updates_queued_peak, queue);
    EXPECT_GT(counters.updates_dropped, 0u);
    EXPECT_EQ(counters.updates_queued + counters.updates_coalesced + counters.updates_dropped, expected_notifies);
    for (std::size_t i = 0; i < few; ++i) {
        const auto update = agent->presence_of(flood_contact(i));
        ASSERT_TRUE(update) << flood_contact(i);
        EXPECT_EQ(update->status.note, flood_note(i, 5)) << "dropped from the queue, not from presence_of";
        EXPECT_EQ(update->notifies, 6u);
    }
    EXPECT_EQ(agent->take_presence_updates(1000).size(), queue);
    EXPECT_EQ(agent->presence_counters().updates_delivered, queue);
}

} // namespace
} // namespace cordon::test
