// Watching a contact's presence (RFC 6665, RFC 3856) against a notifier
// played by the test over a fake transport and a fake clock: the SUBSCRIBE
// and its refresh before it expires, what each way of ending does (at
// once, later, never), and unsubscribing.
#include <gtest/gtest.h>

#include "tests/ua/agent_under_test.hpp"

namespace cordon::ua::test {
namespace {

using cordon::test::request_text;
using cordon::test::response_to;

const std::string bob = "sip:bob@example.com";
const std::string pidf_open =
    "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:bob@example.com\">"
    "<tuple id=\"a\"><status><basic>open</basic></status><note>lunch</note></tuple></presence>";

bool is_subscribe(const SipText &message) { return message.is_request() && message.method() == "SUBSCRIBE"; }

class PresenceSubscriptionTest : public testing::Test {
protected:
    void subscribe()
    {
        ASSERT_TRUE(ua.agent->subscribe_presence(bob));
        ua.clock.settle();
        ASSERT_EQ(ua.requests("SUBSCRIBE").size(), 1u);
    }
    SipText last_subscribe() const { return ua.requests("SUBSCRIBE").back(); }

    // The notifier accepts the SUBSCRIBE for `expires` seconds.
    void accept(const SipText &subscribe, int expires)
    {
        ua.deliver(response_to(subscribe, 200, "OK", "notifier",
                               {"Contact: <sip:pres@192.0.2.10:5060>", "Expires: " + std::to_string(expires)}));
    }

    // A NOTIFY in the subscription's dialog.
    void notify(const SipText &subscribe, const std::string &state, const std::string &body = {})
    {
        ua.deliver(
            request_text("NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0",
                         {"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKnotify" + std::to_string(++notify_cseq),
                          "Max-Forwards: 70", "From: <" + bob + ">;tag=notifier", "To: " + subscribe.header("From"),
                          "Call-ID: " + subscribe.call_id(), "CSeq: " + std::to_string(notify_cseq) + " NOTIFY",
                          "Contact: <sip:pres@192.0.2.10:5060>", "Event: presence", "Subscription-State: " + state},
                         body, "application/pidf+xml"));
    }

    PresenceUpdate latest() const
    {
        auto update = ua.agent->presence_of(bob);
        EXPECT_TRUE(update);
        return update.value_or(PresenceUpdate{});
    }

    AgentUnderTest ua;
    int notify_cseq = 0;
};

TEST_F(PresenceSubscriptionTest, TheSubscribeAsksForPresenceForTheConfiguredTime)
{
    subscribe();
    const SipText subscribe = last_subscribe();
    EXPECT_EQ(subscribe.request_uri(), bob);
    EXPECT_EQ(subscribe.header("Event"), "presence");
    EXPECT_EQ(subscribe.header("Expires"), "600");
    EXPECT_EQ(subscribe.header("Accept"), "application/pidf+xml");
    EXPECT_EQ(subscribe.to_tag(), "");
}

TEST_F(PresenceSubscriptionTest, ANotifyIsAnswered200AndItsStatusReported)
{
    subscribe();
    const SipText subscribe = last_subscribe();
    accept(subscribe, 600);
    notify(subscribe, "active;expires=600", pidf_open);
    EXPECT_EQ(ua.statuses("NOTIFY"), std::vector<int>{200});
    const PresenceUpdate update = latest();
    EXPECT_EQ(update.state, SubscriptionState::active);
    EXPECT_EQ(update.notifies, 1u);
    EXPECT_FALSE(ua.agent->take_presence_updates(10).empty());
}

TEST_F(PresenceSubscriptionTest, TheSubscriptionIsRefreshedInItsDialogBeforeItExpires)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    // Two thirds of 600 s: the refresh goes at 400 s, not before.
    const auto times = ua.send_times(is_subscribe, 400300ms, 100ms);
    ASSERT_EQ(times.size(), 1u);
    EXPECT_NEAR(ms(times[0]), 400000, 100);
    const SipText refresh = last_subscribe();
    EXPECT_EQ(refresh.call_id(), first.call_id());
    EXPECT_EQ(refresh.to_tag(), "notifier");
    EXPECT_EQ(refresh.from_tag(), first.from_tag());
    EXPECT_EQ(refresh.request_uri(), "sip:pres@192.0.2.10:5060");
    EXPECT_EQ(refresh.cseq(), first.cseq() + 1);
    EXPECT_EQ(refresh.header("Expires"), "600");
}

TEST_F(PresenceSubscriptionTest, ANotifierThatShortensTheDurationIsRefreshedSooner)
{
    subscribe();
    accept(last_subscribe(), 60);
    const auto times = ua.send_times(is_subscribe, 40300ms, 100ms);
    ASSERT_EQ(times.size(), 1u);
    EXPECT_NEAR(ms(times[0]), 40000, 100);
}

TEST_F(PresenceSubscriptionTest, ANotifysShorterExpiresBringsTheRefreshForward)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    notify(first, "active;expires=90", pidf_open);
    const auto times = ua.send_times(is_subscribe, 60300ms, 100ms);
    ASSERT_EQ(times.size(), 1u);
    EXPECT_NEAR(ms(times[0]), 60000, 100) << "two thirds of the 90 s left";
}

TEST_F(PresenceSubscriptionTest, TerminatedByTimeoutSubscribesAgainAtOnceInANewDialog)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    notify(first, "terminated;reason=timeout");
    EXPECT_EQ(ua.statuses("NOTIFY"), std::vector<int>{200});
    ua.clock.settle();
    ASSERT_EQ(ua.requests("SUBSCRIBE").size(), 2u);
    const SipText again = last_subscribe();
    EXPECT_NE(again.call_id(), first.call_id());
    EXPECT_EQ(again.to_tag(), "");
}

TEST_F(PresenceSubscriptionTest, TerminatedAsRejectedEndsForGood)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    notify(first, "terminated;reason=rejected");
    const PresenceUpdate update = latest();
    EXPECT_EQ(update.state, SubscriptionState::terminated);
    EXPECT_EQ(update.reason, "rejected");
    EXPECT_FALSE(update.will_retry);
    ua.clock.advance(1h, 10s);
    EXPECT_EQ(ua.requests("SUBSCRIBE").size(), 1u);
}

TEST_F(PresenceSubscriptionTest, TerminatedOnProbationSubscribesAgainAfterRetryAfter)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    notify(first, "terminated;reason=probation;retry-after=30");
    EXPECT_TRUE(latest().will_retry);
    const auto times = ua.send_times(is_subscribe, 30300ms, 100ms);
    ASSERT_EQ(times.size(), 1u);
    EXPECT_NEAR(ms(times[0]), 30000, 100);
}

TEST_F(PresenceSubscriptionTest, ARefusalEndsTheSubscriptionWithItsStatus)
{
    subscribe();
    ua.deliver(response_to(last_subscribe(), 403, "Forbidden", "notifier"));
    const PresenceUpdate update = latest();
    EXPECT_EQ(update.state, SubscriptionState::terminated);
    EXPECT_EQ(update.reason, "403 Forbidden");
    EXPECT_FALSE(update.will_retry);
    ua.clock.advance(10min, 10s);
    EXPECT_EQ(ua.requests("SUBSCRIBE").size(), 1u);
}

TEST_F(PresenceSubscriptionTest, IntervalTooBriefIsFollowedByTheMinExpiresAsked)
{
    subscribe();
    ua.deliver(response_to(last_subscribe(), 423, "Interval Too Brief", "", {"Min-Expires: 1200"}));
    ASSERT_EQ(ua.requests("SUBSCRIBE").size(), 2u);
    EXPECT_EQ(last_subscribe().header("Expires"), "1200");
}

// Timer F reports the unanswered SUBSCRIBE (libosip2's timeout callback
// carries no message), and the subscription is tried again.
TEST_F(PresenceSubscriptionTest, ASubscribeWithoutAnswerIsRetriedWithBackoff)
{
    subscribe();
    // Timer F (32 s) ends the first SUBSCRIBE; the retry follows 2 s later.
    ua.clock.advance(33s, 100ms);
    const PresenceUpdate update = latest();
    EXPECT_EQ(update.state, SubscriptionState::terminated);
    EXPECT_EQ(update.reason, "no response to the SUBSCRIBE");
    EXPECT_TRUE(update.will_retry);
    const auto before = ua.requests("SUBSCRIBE").size();
    ua.clock.advance(2s, 100ms);
    const auto subscribes = ua.requests("SUBSCRIBE");
    ASSERT_GT(subscribes.size(), before);
    EXPECT_NE(subscribes.back().call_id(), subscribes.front().call_id());
}

TEST_F(PresenceSubscriptionTest, UnsubscribingSendsExpiresZeroAndEndsWithTheLastNotify)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    notify(first, "active;expires=600", pidf_open);
    ASSERT_TRUE(ua.agent->unsubscribe_presence(bob));
    ua.clock.settle();
    ASSERT_EQ(ua.requests("SUBSCRIBE").size(), 2u);
    const SipText unsubscribe = last_subscribe();
    EXPECT_EQ(unsubscribe.header("Expires"), "0");
    EXPECT_EQ(unsubscribe.to_tag(), "notifier");
    accept(unsubscribe, 0);
    notify(first, "terminated;reason=timeout");
    EXPECT_EQ(ua.statuses("NOTIFY"), (std::vector<int>{200, 200}));
    ua.clock.advance(1h, 10s);
    EXPECT_EQ(ua.requests("SUBSCRIBE").size(), 2u) << "no new subscription after unsubscribing";
    EXPECT_EQ(ua.agent->alive().subscriptions, 0u);
}

TEST_F(PresenceSubscriptionTest, AnUnsubscribeWithoutTheLastNotifyIsForgottenAfterAWait)
{
    subscribe();
    const SipText first = last_subscribe();
    accept(first, 600);
    ASSERT_TRUE(ua.agent->unsubscribe_presence(bob));
    ua.clock.settle();
    accept(last_subscribe(), 0);
    EXPECT_EQ(ua.agent->alive().subscriptions, 1u);
    ua.clock.advance(6s, 100ms);
    EXPECT_EQ(ua.agent->alive().subscriptions, 0u);
    EXPECT_EQ(latest().reason, "unsubscribed");
}

TEST_F(PresenceSubscriptionTest, ANotifyForNoSubscriptionIs481)
{
    subscribe();
    ua.deliver(request_text("NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKstray", "Max-Forwards: 70",
                             "From: <" + bob + ">;tag=x", "To: <sip:alice@example.com>;tag=y", "Call-ID: unknown",
                             "CSeq: 1 NOTIFY", "Event: presence", "Subscription-State: active"}));
    EXPECT_EQ(ua.statuses("NOTIFY"), std::vector<int>{481});
}

} // namespace
} // namespace cordon::ua::test
