// The fixture without its presence server: SUBSCRIBE, NOTIFY and PUBLISH
// go from user to user like MESSAGE, so two agents authorise watchers end
// to end; and the option that logs every relayed MESSAGE's body. Raw SIP.
// Label: integration.
#include "tests/integration/sip_dialog_support.hpp"

#include <gtest/gtest.h>

namespace cordon::test {
namespace {

constexpr std::string_view message_log_prefix = "cordon-message-body: ";

// A user registered over its own connection, reading what arrives on it.
struct Party {
    std::optional<Peer> peer;
    std::optional<Inbox> inbox;
};

class KamailioRelayTest : public KamailioFixtureTest {
protected:
    void register_party(const SipUser &user, const std::string &transport, Party &party)
    {
        ASSERT_NO_FATAL_FAILURE(open_peer(transport, party.peer));
        party.inbox.emplace(*party.peer);
        std::string challenge;
        std::string registered;
        ASSERT_NO_FATAL_FAILURE(register_with_digest(*party.peer, user, challenge, registered));
        ASSERT_EQ(status_code(registered), 200) << registered;
    }

    // alice's MESSAGE to bob, through the challenge; what bob received, answered 200.
    std::optional<std::string> deliver_message(Party &alice_party, Party &bob_party, const std::string &body)
    {
        SipRequest message;
        message.method = "MESSAGE";
        message.request_uri = "sip:bob@cordon.test";
        message.from_user = "alice";
        message.to_user = "bob";
        message.extra_headers = {"Content-Type: text/plain"};
        message.body = body;
        EXPECT_TRUE(send_past_challenge(*alice_party.peer, *alice_party.inbox, message, alice));
        auto delivered = bob_party.inbox->request("MESSAGE");
        if (delivered) {
            EXPECT_TRUE(bob_party.peer->send(response_to(*delivered, "200 OK", "bob-reads")));
        }
        return delivered;
    }
};

TEST_F(KamailioRelayTest, SubscribeAndItsNotifyGoBetweenTheUsersWhenPresenceIsOff)
{
    ASSERT_NO_FATAL_FAILURE(start());
    Party bob_party;
    ASSERT_NO_FATAL_FAILURE(register_party(bob, "TLS", bob_party));
    Party alice_party;
    ASSERT_NO_FATAL_FAILURE(register_party(alice, "TCP", alice_party));

    SipRequest subscribe;
    subscribe.method = "SUBSCRIBE";
    subscribe.request_uri = "sip:bob@cordon.test";
    subscribe.from_user = "alice";
    subscribe.to_user = "bob";
    subscribe.from_tag = "alice-watches";
    subscribe.extra_headers = {"Event: presence", "Accept: application/pidf+xml", "Expires: 600"};
    ASSERT_TRUE(send_past_challenge(*alice_party.peer, *alice_party.inbox, subscribe, alice));
    const auto received = bob_party.inbox->request("SUBSCRIBE");
    ASSERT_TRUE(received) << "bob's connection got no SUBSCRIBE: the server answered it itself?";
    EXPECT_TRUE(header_values(*received, "Proxy-Authorization").empty()) << "credentials leaked to bob";
    ASSERT_TRUE(
        bob_party.peer->send(response_to(*received, "200 OK", "bob-notifies", "<sip:bob@bob.invalid;transport=tls>")));
    const auto accepted = alice_party.inbox->final_response();
    ASSERT_TRUE(accepted) << "alice got no answer to her SUBSCRIBE";
    EXPECT_EQ(status_code(*accepted), 200) << *accepted;

    // bob's NOTIFY in the dialog: to alice's Contact, through the Record-Routes.
    SipRequest notify;
    notify.method = "NOTIFY";
    notify.request_uri = uri_of(only_header(*received, "Contact"));
    notify.from_user = "bob";
    notify.to_user = "alice";
    notify.from_tag = "bob-notifies";
    notify.to_tag = tag_of(only_header(*received, "From"));
    notify.call_id = only_header(*received, "Call-ID");
    for (const auto &route : header_values(*received, "Record-Route")) {
        notify.extra_headers.push_back("Route: " + route);
    }
    notify.extra_headers.insert(
        notify.extra_headers.end(),
        {"Event: presence", "Subscription-State: active;expires=600", "Content-Type: application/pidf+xml"});
    notify.body = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:bob@cordon.test\"/>";
    ASSERT_TRUE(bob_party.peer->send(notify));

    const auto notified = alice_party.inbox->request("NOTIFY");
    ASSERT_TRUE(notified) << "alice's connection got no NOTIFY";
    EXPECT_EQ(only_header(*notified, "Subscription-State"), "active;expires=600") << *notified;
    EXPECT_EQ(body_of(*notified), notify.body) << *notified;
    ASSERT_TRUE(alice_party.peer->send(response_to(*notified, "200 OK")));
    const auto answered = bob_party.inbox->final_response();
    ASSERT_TRUE(answered) << "bob got no answer to his NOTIFY";
    EXPECT_EQ(status_code(*answered), 200) << *answered;
}

// A PUBLISH names its publisher's own presentity (auth_check: the To user
// must be the one authenticated); without a presence server it reaches
// that user's registered agent, the one that answers the watchers.
TEST_F(KamailioRelayTest, PublishGoesToThePublishersRegisteredAgentWhenPresenceIsOff)
{
    ASSERT_NO_FATAL_FAILURE(start());
    Party agent;
    ASSERT_NO_FATAL_FAILURE(register_party(alice, "TLS", agent));
    Party device;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", device.peer));
    device.inbox.emplace(*device.peer);

    SipRequest publish;
    publish.method = "PUBLISH";
    publish.request_uri = "sip:alice@cordon.test";
    publish.from_user = "alice";
    publish.to_user = "alice";
    publish.extra_headers = {"Event: presence", "Expires: 600", "Content-Type: application/pidf+xml"};
    publish.body = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@cordon.test\"/>";
    ASSERT_TRUE(send_past_challenge(*device.peer, *device.inbox, publish, alice));

    const auto received = agent.inbox->request("PUBLISH");
    ASSERT_TRUE(received) << "alice's registered connection got no PUBLISH";
    EXPECT_EQ(body_of(*received), publish.body) << *received;
    EXPECT_TRUE(header_values(*received, "Proxy-Authorization").empty()) << "credentials leaked";
}

TEST_F(KamailioRelayTest, PublishForAnotherUsersPresentityIsForbidden)
{
    ASSERT_NO_FATAL_FAILURE(start());
    Party alice_party;
    ASSERT_NO_FATAL_FAILURE(register_party(alice, "TLS", alice_party));
    Party bob_party;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", bob_party.peer));
    bob_party.inbox.emplace(*bob_party.peer);

    SipRequest publish;
    publish.method = "PUBLISH";
    publish.request_uri = "sip:alice@cordon.test";
    publish.from_user = "bob";
    publish.to_user = "alice";
    publish.extra_headers = {"Event: presence", "Content-Type: application/pidf+xml"};
    publish.body = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@cordon.test\"/>";
    const auto refused = send_authenticated(*bob_party.peer, *bob_party.inbox, publish, bob);

    ASSERT_TRUE(refused) << "bob's PUBLISH got no answer";
    EXPECT_EQ(status_code(*refused), 403) << *refused;
}

TEST_F(KamailioRelayTest, MessageBodyIsLoggedOnOneLineWhenAsked)
{
    KamailioOptions options;
    options.log_message_bodies = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    Party bob_party;
    ASSERT_NO_FATAL_FAILURE(register_party(bob, "TLS", bob_party));
    Party alice_party;
    ASSERT_NO_FATAL_FAILURE(register_party(alice, "UDP", alice_party));

    const auto delivered = deliver_message(alice_party, bob_party, "meet me at noon\r\nby the \"old\" gate");

    ASSERT_TRUE(delivered) << "bob got no MESSAGE";
    const std::string expected = std::string(message_log_prefix) + only_header(*delivered, "Call-ID") +
                                 " [meet me at noon\\r\\nby the \"old\" gate]\n";
    const std::string log = kamailio_->log_text();
    EXPECT_NE(log.find(expected), std::string::npos) << "no line " << expected << " in the log";
}

TEST_F(KamailioRelayTest, MessageBodyIsNotLoggedByDefault)
{
    ASSERT_NO_FATAL_FAILURE(start());
    Party bob_party;
    ASSERT_NO_FATAL_FAILURE(register_party(bob, "TLS", bob_party));
    Party alice_party;
    ASSERT_NO_FATAL_FAILURE(register_party(alice, "UDP", alice_party));

    const auto delivered = deliver_message(alice_party, bob_party, "meet me at noon");

    ASSERT_TRUE(delivered) << "bob got no MESSAGE";
    const std::string log = kamailio_->log_text();
    EXPECT_EQ(log.find(message_log_prefix), std::string::npos) << log;
    EXPECT_EQ(log.find("meet me at noon"), std::string::npos) << log;
}

} // namespace
} // namespace cordon::test
