// The opt-in listening port (sip.listen_port): off by default (register_test
// proves no socket listens), and when turned on it hears only its proxy or
// the allow-list. Raw datagrams from other loopback addresses (127.0.0.2)
// stand in for strangers. A call that comes in there is answered there,
// also when its 2xx goes again.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/alive_figures.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/kamailio_fixture.hpp"
#include "tests/integration/process_sockets.hpp"
#include "tests/integration/raw_rtp_socket.hpp"
#include "tests/integration/raw_sip_party.hpp"
#include "tests/integration/sip_test_client.hpp"

namespace cordon {
namespace {

using namespace std::chrono_literals;

uint16_t free_udp_port()
{
    boost::asio::io_context context;
    boost::asio::ip::udp::socket socket(context, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return socket.local_endpoint().port();
}

class ListeningAgent : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto started = test::Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        plugins_ = test::builtin_plugins(logger_);
    }

    std::unique_ptr<UserAgent> agent(uint16_t port, std::vector<std::string> allow = {}, UserAgentOptions options = {})
    {
        Profile profile;
        profile.identity = "sip:alice@cordon.test";
        profile.password = "alice-password";
        profile.transport = "udp";
        profile.outbound_proxy = "127.0.0.1:" + std::to_string(kamailio_->ports().udp);
        profile.local_address = "127.0.0.1";
        options.listen_port = port;
        options.listen_allow = std::move(allow);
        auto created = UserAgent::create(loop_, *plugins_, profile, options, logger_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return created ? std::move(created.value()) : nullptr;
    }

    // Sends an OPTIONS from `source` to the listening port and returns the
    // status of the answer, or 0 when none came.
    int options_from(const std::string &source, uint16_t port, bool malformed = false)
    {
        auto socket = test::UdpSipSocket::open(source);
        EXPECT_TRUE(socket.ok()) << socket.error().message;
        if (!socket) {
            return -1;
        }
        test::SipRequest request;
        request.request_uri = "sip:alice@127.0.0.1:" + std::to_string(port);
        request.local_port = socket->local_port();
        std::string text = test::to_text(request);
        if (malformed) {
            text.replace(text.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 INVITE"); // a method mismatch
        }
        EXPECT_TRUE(socket->send_to(port, text).ok());
        loop_.run_for(300ms);
        loop_.restart();
        const auto reply = socket->receive(200ms);
        return reply ? test::status_code(*reply) : 0;
    }

    // The next message on socket that wanted accepts, within limit, while
    // the agent's loop runs; others are dropped.
    std::optional<std::string> next_on(test::UdpSipSocket &socket,
                                       const std::function<bool(const std::string &)> &wanted,
                                       std::chrono::milliseconds limit)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            loop_.run_for(5ms);
            loop_.restart();
            while (auto message = socket.receive(1ms)) {
                if (wanted(*message)) {
                    return message;
                }
            }
        }
        return std::nullopt;
    }

    boost::asio::io_context loop_;
    test::CapturingLogger logger_;
    std::unique_ptr<test::Kamailio> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
};

TEST_F(ListeningAgent, HearsItsProxyAndRefusesStrangers)
{
    const uint16_t port = free_udp_port();
    auto ua = agent(port);
    ASSERT_TRUE(ua);
    bool listening = false;
    for (const auto &socket : test::process_sockets()) {
        listening = listening || (socket.protocol == "udp" && socket.local_port == port &&
                                  socket.local_address == "127.0.0.1" && socket.remote_port == 0);
    }
    EXPECT_TRUE(listening) << "the opt-in port is bound, on the chosen interface only";

    EXPECT_EQ(options_from("127.0.0.1", port), 200) << "the proxy's address is heard";
    EXPECT_EQ(options_from("127.0.0.2", port), 0) << "a stranger gets no answer at all";
    EXPECT_EQ(ua->counters().peers_refused, 1u);
}

TEST_F(ListeningAgent, AMalformedRequestGetsA400)
{
    const uint16_t port = free_udp_port();
    auto ua = agent(port);
    ASSERT_TRUE(ua);
    EXPECT_EQ(options_from("127.0.0.1", port, true), 400);
    EXPECT_EQ(options_from("127.0.0.1", port), 200) << "and the next one is served";
}

TEST_F(ListeningAgent, TheAllowListReplacesTheDefault)
{
    const uint16_t port = free_udp_port();
    auto ua = agent(port, {"127.0.0.2"});
    ASSERT_TRUE(ua);
    EXPECT_EQ(options_from("127.0.0.2", port), 200);
    EXPECT_EQ(options_from("127.0.0.1", port), 0);
    EXPECT_EQ(ua->counters().peers_refused, 1u);
}

TEST_F(ListeningAgent, RegistersWithTheListeningPortAsContact)
{
    const uint16_t port = free_udp_port();
    auto ua = agent(port);
    ASSERT_TRUE(ua);
    std::vector<RegistrationStatus> states;
    ua->on_registration([&](const RegistrationStatus &s) { states.push_back(s); });
    ua->register_account();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((states.empty() || states.back().state != RegistrationState::registered) &&
           std::chrono::steady_clock::now() < deadline) {
        loop_.run_for(20ms);
        loop_.restart();
    }
    ASSERT_FALSE(states.empty());
    for (const auto &state : states) {
        EXPECT_NE(state.state, RegistrationState::failed) << state.status_code << " " << state.reason;
    }
    EXPECT_EQ(states.back().state, RegistrationState::registered);
}

TEST_F(ListeningAgent, AMalformedAllowEntryIsRefusedAtCreation)
{
    Profile profile;
    profile.identity = "sip:alice@cordon.test";
    profile.transport = "udp";
    profile.outbound_proxy = "127.0.0.1:" + std::to_string(kamailio_->ports().udp);
    profile.local_address = "127.0.0.1";
    UserAgentOptions options;
    options.listen_port = free_udp_port();
    options.listen_allow = {"proxy.example.com"};
    auto created = UserAgent::create(loop_, *plugins_, profile, options, logger_);
    ASSERT_FALSE(created.ok());
    EXPECT_NE(created.error().message.find("sip.listen_allow"), std::string::npos) << created.error().message;
}

// RFC 3261 sections 13.3.1.4 and 8.2.2.2 for a caller of the listening
// port, which the agent's proxy never sees: the 2xx goes again to that
// caller until its ACK; its INVITE sent again is answered with the 2xx; the
// same INVITE over another branch (a merged request) gets 482.
TEST_F(ListeningAgent, ACallerOfTheListeningPortGetsTheAnswerAgainUntilItAcknowledges)
{
    const uint16_t port = free_udp_port();
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.media_inactivity_timeout = 0s;
    auto ua = agent(port, {}, options);
    ASSERT_TRUE(ua);
    std::shared_ptr<Call> call;
    std::vector<CallEvent> events;
    ua->on_incoming_call([&](std::shared_ptr<Call> incoming) {
        call = incoming;
        call->on_event([&](const CallEvent &event) { events.push_back(event); });
        EXPECT_TRUE(call->answer(CallAudio{}).ok());
    });
    const test::Settled before = test::settled(ua->alive());

    auto caller = test::UdpSipSocket::open("127.0.0.1");
    ASSERT_TRUE(caller.ok()) << caller.error().message;
    test::RawRtpSocket rtp;
    test::SipRequest invite;
    invite.method = "INVITE";
    invite.request_uri = "sip:alice@127.0.0.1:" + std::to_string(port);
    invite.local_port = caller->local_port();
    invite.call_id = "listening-call@127.0.0.1";
    invite.from_tag = "caller-tag";
    invite.extra_headers = {"Content-Type: application/sdp"};
    invite.body = test::pcmu_offer(rtp.rtp_port(), rtp.rtcp_port());
    const std::string invite_text = test::to_text(invite);
    const auto status_is = [](int code) {
        return [code](const std::string &message) { return test::status_code(message) == code; };
    };

    ASSERT_TRUE(caller->send_to(port, invite_text).ok());
    const auto ok = next_on(*caller, status_is(200), 3s);
    ASSERT_TRUE(ok) << "the call was not answered on the listening port";
    const auto again = next_on(*caller, status_is(200), 1500ms);
    ASSERT_TRUE(again) << "the 2xx was not sent again to the caller of the listening port";
    EXPECT_EQ(test::only_header(*again, "To"), test::only_header(*ok, "To"));

    ASSERT_TRUE(caller->send_to(port, invite_text).ok());
    const auto answered_again = next_on(*caller, status_is(200), 300ms);
    ASSERT_TRUE(answered_again) << "the INVITE sent again was not answered with the 2xx";
    EXPECT_EQ(test::only_header(*answered_again, "To"), test::only_header(*ok, "To"));

    ASSERT_TRUE(caller->send_to(port, test::to_text(invite)).ok()); // the same INVITE, another branch
    EXPECT_TRUE(next_on(*caller, status_is(482), 1s)) << "a merged request was not refused 482";
    EXPECT_EQ(ua->alive().calls, before.calls + 1);

    ASSERT_TRUE(caller->send_to(port, test::ack_for(*ok, "UDP", caller->local_port())).ok());
    EXPECT_FALSE(next_on(*caller, status_is(200), 2500ms)) << "the 2xx still goes after its ACK";
    ASSERT_TRUE(call);
    EXPECT_EQ(call->state(), CallState::established);

    test::SipRequest bye;
    bye.method = "BYE";
    bye.request_uri = test::uri_of(test::only_header(*ok, "Contact"));
    bye.local_port = caller->local_port();
    bye.call_id = invite.call_id;
    bye.from_tag = invite.from_tag;
    bye.to_tag = test::tag_of(test::only_header(*ok, "To"));
    bye.cseq = 2;
    ASSERT_TRUE(caller->send_to(port, test::to_text(bye)).ok());
    EXPECT_TRUE(next_on(*caller, status_is(200), 2s)) << "the BYE was not answered";
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().kind, CallEvent::Kind::ended);
    call.reset();
    EXPECT_EQ(test::settled(ua->alive()), before) << test::describe(test::settled(ua->alive()));
}

} // namespace
} // namespace cordon
