// The opt-in listening port (sip.listen_port): off by default (register_test
// proves no socket listens), and when turned on it hears only its proxy or
// the allow-list. Raw datagrams from other loopback addresses (127.0.0.2)
// stand in for strangers.
#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "cordon_agents.hpp"
#include "kamailio_fixture.hpp"
#include "process_sockets.hpp"
#include "sip_test_client.hpp"

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

    std::unique_ptr<UserAgent> agent(uint16_t port, std::vector<std::string> allow = {})
    {
        Profile profile;
        profile.identity = "sip:alice@cordon.test";
        profile.password = "alice-password";
        profile.transport = "udp";
        profile.outbound_proxy = "127.0.0.1:" + std::to_string(kamailio_->ports().udp);
        profile.local_address = "127.0.0.1";
        UserAgentOptions options;
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
            text.replace(text.find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 INVITE");  // a method mismatch
        }
        EXPECT_TRUE(socket->send_to(port, text).ok());
        loop_.run_for(300ms);
        loop_.restart();
        const auto reply = socket->receive(200ms);
        return reply ? test::status_code(*reply) : 0;
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

}  // namespace
}  // namespace cordon
