// The opt-in listening port with a fake transport: only peers on the
// allow-list are heard (datagrams and connections), what they send is
// framed and validated, answers go back the way a request came, and a
// connection whose framing breaks is closed.
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/log.hpp"
#include "sip/inbound_listener.hpp"
#include "tests/sip/sip_test_message.hpp"
#include "tests/support/sip/sip_text.hpp"
#include "tests/support/transport/fake_transport.hpp"

namespace cordon::sip {
namespace {

using cordon::test::FakeTransportPlugin;
using cordon::test::SipText;

struct NoLogger final : Logger {
    void write(LogLevel, std::string_view, std::string_view) override {}
};

const Endpoint proxy{"192.0.2.10", 5060};
const Endpoint stranger{"198.51.100.7", 5060};

class InboundListenerTest : public testing::Test {
protected:
    Result<std::unique_ptr<InboundListener>> start(FakeTransportPlugin &with, std::vector<std::string> allowed)
    {
        return InboundListener::start(
            loop, with, TransportParams{}, Endpoint{"127.0.0.1", 5080}, std::move(allowed), logger,
            [this](ValidatedMessage message, const FlowRoute &route) {
                received.push_back(message.summary.method + " " + message.summary.request_uri);
                routes.push_back(route);
            },
            [this](FlowId flow) { lost.push_back(flow); });
    }

    boost::asio::io_context loop;
    NoLogger logger;
    FakeTransportPlugin udp{"UDP", false};
    FakeTransportPlugin tcp{"TCP", true};
    std::vector<std::string> received;
    std::vector<FlowRoute> routes;
    std::vector<FlowId> lost;
};

TEST_F(InboundListenerTest, ListensOnTheLocalAddressAndPortAsked)
{
    auto listener = start(udp, {"192.0.2.10"});
    ASSERT_TRUE(listener) << listener.error().message;
    ASSERT_EQ(udp.network().listened.size(), 1u);
    EXPECT_EQ(udp.network().listened[0].address, "127.0.0.1");
    EXPECT_EQ(udp.network().listened[0].port, 5080);
    EXPECT_EQ(listener.value()->port(), 5080);
}

TEST_F(InboundListenerTest, ANameInTheAllowListIsRefused)
{
    auto listener = start(udp, {"proxy.example.com"});
    ASSERT_FALSE(listener);
    EXPECT_EQ(listener.error().message, "sip.listen_allow: \"proxy.example.com\" is not a numeric address");
    EXPECT_TRUE(udp.network().listened.empty());
}

TEST_F(InboundListenerTest, AnAllowedPeersDatagramIsHandedOnAndAnsweredToItsAddress)
{
    auto listener = start(udp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    const FlowId port = udp.transport().last_flow();
    udp.transport().receive(port, test::valid_request(), proxy);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_TRUE(routes[0].inbound);
    ASSERT_TRUE(routes[0].to);
    EXPECT_EQ(routes[0].to->address, "192.0.2.10");
    ASSERT_TRUE((*listener)->send(routes[0], "answer"));
    ASSERT_EQ(udp.sent().size(), 1u);
    EXPECT_EQ(udp.sent()[0].flow, port);
    ASSERT_TRUE(udp.sent()[0].to);
    EXPECT_EQ(udp.sent()[0].to->address, "192.0.2.10");
    EXPECT_EQ(udp.sent()[0].to->port, 5060);
}

TEST_F(InboundListenerTest, AnIPv4MappedSpellingOfAnAllowedPeerIsTheSamePeer)
{
    auto listener = start(udp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    udp.transport().receive(udp.transport().last_flow(), test::valid_request(), Endpoint{"::ffff:192.0.2.10", 5060});
    EXPECT_EQ(received.size(), 1u);
}

TEST_F(InboundListenerTest, AStrangersDatagramIsDroppedUnansweredAndCounted)
{
    auto listener = start(udp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    udp.transport().receive(udp.transport().last_flow(), test::valid_request(), stranger);
    EXPECT_TRUE(received.empty());
    EXPECT_TRUE(udp.sent().empty());
    EXPECT_EQ((*listener)->counters().peers_refused, 1u);
}

TEST_F(InboundListenerTest, AMalformedRequestFromAnAllowedPeerIsAnswered400)
{
    auto listener = start(udp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    udp.transport().receive(udp.transport().last_flow(),
                            test::replaced(test::valid_request(), "Max-Forwards: 70", "Max-Forwards: lots"), proxy);
    EXPECT_TRUE(received.empty());
    EXPECT_EQ((*listener)->counters().messages_rejected, 1u);
    ASSERT_EQ(udp.sent().size(), 1u);
    EXPECT_EQ(SipText::parse(udp.sent()[0].bytes).status(), 400);
    ASSERT_TRUE(udp.sent()[0].to);
    EXPECT_EQ(udp.sent()[0].to->address, "192.0.2.10");
}

TEST_F(InboundListenerTest, AStrangersConnectionIsClosedAndCounted)
{
    auto listener = start(tcp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    const FlowId connection = tcp.transport().accept(tcp.transport().last_flow(), stranger);
    EXPECT_EQ(tcp.network().closed_by_host, std::vector<FlowId>{connection});
    EXPECT_EQ((*listener)->counters().peers_refused, 1u);
    EXPECT_EQ((*listener)->counters().connections_accepted, 0u);
    tcp.transport().receive(connection, test::valid_request(), stranger);
    EXPECT_TRUE(received.empty());
}

TEST_F(InboundListenerTest, AnAcceptedConnectionIsFramedAndAnsweredOnItself)
{
    auto listener = start(tcp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    const FlowId connection = tcp.transport().accept(tcp.transport().last_flow(), proxy);
    EXPECT_EQ((*listener)->counters().connections_accepted, 1u);
    const std::string text = test::valid_request();
    tcp.transport().receive(connection, text.substr(0, 20), proxy);
    EXPECT_TRUE(received.empty());
    tcp.transport().receive(connection, text.substr(20) + "\r\n\r\n" + text, proxy);
    ASSERT_EQ(received.size(), 2u);
    EXPECT_EQ(routes[0].flow, connection);
    EXPECT_TRUE(routes[0].inbound);
    EXPECT_FALSE(routes[0].to);
    ASSERT_TRUE((*listener)->send(routes[0], "answer"));
    EXPECT_EQ(tcp.sent().back().flow, connection);
    EXPECT_FALSE(tcp.sent().back().to);
}

TEST_F(InboundListenerTest, BrokenFramingClosesTheConnectionAndReportsItsLoss)
{
    auto listener = start(tcp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    const FlowId connection = tcp.transport().accept(tcp.transport().last_flow(), proxy);
    tcp.transport().receive(connection, test::request_line + "\r\n" + test::headers_without_length + "\r\n", proxy);
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(tcp.network().closed_by_host, std::vector<FlowId>{connection});
    EXPECT_EQ(lost, std::vector<FlowId>{connection});
    tcp.transport().receive(connection, test::valid_request(), proxy);
    EXPECT_TRUE(received.empty()) << "nothing more is read from a closed connection";
}

TEST_F(InboundListenerTest, AConnectionThePeerClosesIsReportedOnce)
{
    auto listener = start(tcp, {"192.0.2.10"});
    ASSERT_TRUE(listener);
    const FlowId connection = tcp.transport().accept(tcp.transport().last_flow(), proxy);
    tcp.transport().lose(connection, FlowError::none, "");
    EXPECT_EQ(lost, std::vector<FlowId>{connection});
    tcp.transport().lose(connection, FlowError::none, "");
    EXPECT_EQ(lost.size(), 1u);
}

} // namespace
} // namespace cordon::sip
