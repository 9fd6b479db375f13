// Presence between two Cordon agents through a real Kamailio, over TLS:
// with Kamailio as the presence server (PUBLISH, SUBSCRIBE, NOTIFY from its
// presence modules), and with Kamailio relaying, where the watched agent
// itself authorises its watchers and notifies them.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/user_agent.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"

namespace cordon::test {
namespace {

using namespace std::chrono_literals;

class PresenceThroughKamailio : public ::testing::Test {
protected:
    void start(bool presence_server)
    {
        KamailioOptions options;
        options.presence = presence_server;
        auto started = Kamailio::start(options);
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        alice_ = agent("alice");
        bob_ = agent("bob");
        ASSERT_TRUE(alice_ && bob_);
        alice_->register_account();
        bob_->register_account();
        run_until(loop_, [&] {
            return alice_->registration().state == RegistrationState::registered &&
                   bob_->registration().state == RegistrationState::registered;
        });
        ASSERT_EQ(bob_->registration().state, RegistrationState::registered);
        ASSERT_EQ(alice_->registration().state, RegistrationState::registered);
    }

    std::unique_ptr<UserAgent> agent(const std::string &user)
    {
        auto created = UserAgent::create(loop_, *plugins_, fixture_profile(*kamailio_, user, "tls"), {}, logger_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return created ? std::move(created.value()) : nullptr;
    }

    // Takes bob's updates of alice until one passes `wanted`.
    std::optional<PresenceUpdate> bob_sees(const std::function<bool(const PresenceUpdate &)> &wanted)
    {
        std::optional<PresenceUpdate> seen;
        run_until(loop_, [&] {
            for (const auto &update : bob_->take_presence_updates(16)) {
                if (update.contact == alice_uri && wanted(update)) {
                    seen = update;
                }
            }
            return seen.has_value();
        });
        return seen;
    }

    void TearDown() override
    {
        if (HasFailure()) {
            for (const auto &line : logger_.lines()) {
                std::printf("  log: %s\n", line.c_str());
            }
            if (kamailio_) {
                std::printf("%s\n", kamailio_->log_text().c_str());
            }
        }
    }

    static constexpr const char *alice_uri = "sip:alice@cordon.test";
    boost::asio::io_context loop_;
    CapturingLogger logger_;
    std::unique_ptr<PluginRegistry> plugins_ = builtin_plugins(logger_);
    std::unique_ptr<Kamailio> kamailio_;
    std::unique_ptr<UserAgent> alice_;
    std::unique_ptr<UserAgent> bob_;
};

TEST_F(PresenceThroughKamailio, APublishedStatusReachesAWatcherAndEachChangeFollows)
{
    start(true);
    std::vector<RequestOutcome> published;
    const auto record = [&](const RequestOutcome &outcome) { published.push_back(outcome); };
    ASSERT_TRUE(alice_->publish_presence({PresenceBasic::open, "at my desk", ""}, record));
    run_until(loop_, [&] { return !published.empty(); });
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(published[0].status_code, 200) << published[0].reason;

    ASSERT_TRUE(bob_->subscribe_presence(alice_uri));
    const auto first = bob_sees([](const PresenceUpdate &u) { return u.status.note == "at my desk"; });
    ASSERT_TRUE(first);
    EXPECT_EQ(first->state, SubscriptionState::active);
    EXPECT_EQ(first->status.basic, PresenceBasic::open);

    ASSERT_TRUE(alice_->publish_presence({PresenceBasic::closed, "gone home", ""}, record));
    const auto second = bob_sees([](const PresenceUpdate &u) { return u.status.note == "gone home"; });
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status.basic, PresenceBasic::closed);
    EXPECT_EQ(published.back().status_code, 200) << "the modification (SIP-If-Match) was accepted";

    ASSERT_TRUE(bob_->unsubscribe_presence(alice_uri));
    const auto ended = bob_sees([](const PresenceUpdate &u) { return u.state == SubscriptionState::terminated; });
    ASSERT_TRUE(ended);
    EXPECT_FALSE(ended->will_retry);
    run_until(loop_, [&] { return bob_->presence_counters().subscriptions_active == 0; });
    const auto counters = bob_->presence_counters();
    EXPECT_EQ(counters.subscriptions_active, 0u);
    EXPECT_EQ(counters.notifies_rejected, 0u);
    EXPECT_GE(counters.notifies_received, 3u);
}

TEST_F(PresenceThroughKamailio, RelayedTheWatchedAgentAuthorisesAndNotifiesItself)
{
    start(false);
    std::vector<std::string> asked;
    alice_->on_watcher([&](const std::string &watcher) {
        asked.push_back(watcher);
        return watcher == "sip:bob@cordon.test" ? WatcherDecision::allow : WatcherDecision::deny;
    });
    ASSERT_TRUE(alice_->publish_presence({PresenceBasic::open, "on a call", ""}, nullptr));
    ASSERT_TRUE(bob_->subscribe_presence(alice_uri));
    const auto first = bob_sees([](const PresenceUpdate &u) { return u.status.note == "on a call"; });
    ASSERT_TRUE(first);
    EXPECT_EQ(first->state, SubscriptionState::active);
    ASSERT_EQ(asked.size(), 1u);
    EXPECT_EQ(asked[0], "sip:bob@cordon.test");
    EXPECT_EQ(alice_->presence_counters().watchers_active, 1u);

    ASSERT_TRUE(alice_->publish_presence({PresenceBasic::closed, "away", ""}, nullptr));
    const auto second = bob_sees([](const PresenceUpdate &u) { return u.status.note == "away"; });
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status.basic, PresenceBasic::closed);
    EXPECT_GE(alice_->presence_counters().notifies_sent, 2u);
}

TEST_F(PresenceThroughKamailio, RelayedAWatcherTheApplicationDoesNotAllowIsDenied)
{
    start(false);
    // No on_watcher handler and no presence_watchers: deny by default.
    ASSERT_TRUE(bob_->subscribe_presence(alice_uri));
    const auto refused = bob_sees([](const PresenceUpdate &u) { return u.state == SubscriptionState::terminated; });
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->reason.substr(0, 3), "403");
    EXPECT_FALSE(refused->will_retry) << "a refusal is final";
    EXPECT_EQ(alice_->presence_counters().watchers_denied, 1u);
    EXPECT_EQ(alice_->presence_counters().watchers_active, 0u);
}

} // namespace
} // namespace cordon::test
