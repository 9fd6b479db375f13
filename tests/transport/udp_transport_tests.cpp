// The UDP transport plugin, loaded through the registry, against a test
// peer on 127.0.0.1.
#include <gtest/gtest.h>

#include <boost/asio/ip/udp.hpp>

#include "tests/transport/transport_test_support.hpp"

namespace cordon {
namespace {

using boost::asio::ip::udp;
using test::as_bytes;
using test::run_until;

class UdpTransport : public testing::Test {
protected:
    UdpTransport() : peer_(loop_, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0))
    {
        auto created = test::BuiltPlugins::get().transport("udp").create(loop_, {}, events_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        transport_ = std::move(created.value());
    }

    FlowId open_to_peer()
    {
        auto opened = transport_->open_flow({test::loopback(peer_.local_endpoint().port()), "127.0.0.1", ""});
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        EXPECT_TRUE(opened->ready);
        return opened->id;
    }

    // Waits for one datagram at the peer; returns it and its sender.
    std::string peer_receive(udp::endpoint &from)
    {
        std::array<char, 2048> buffer{};
        size_t length = 0;
        bool done = false;
        peer_.async_receive_from(boost::asio::buffer(buffer), from,
                                 [&](const boost::system::error_code &error, size_t got) {
                                     length = error ? 0 : got;
                                     done = true;
                                 });
        EXPECT_TRUE(run_until(loop_, [&] { return done; }));
        return std::string(buffer.data(), length);
    }

    boost::asio::io_context loop_;
    test::RecordedEvents events_;
    udp::socket peer_;
    std::unique_ptr<Transport> transport_;
};

TEST_F(UdpTransport, IsFoundByItsViaTokenInAnyCase)
{
    const TransportPlugin &plugin = test::BuiltPlugins::get().transport("uDp");
    EXPECT_EQ(plugin.id(), "org.cordon.transport.udp");
    EXPECT_EQ(plugin.protocol(), "UDP");
    EXPECT_FALSE(plugin.stream());
    EXPECT_FALSE(plugin.secure());
}

TEST_F(UdpTransport, CarriesDatagramsBothWaysFromAnEphemeralPortOnTheNamedInterface)
{
    const FlowId flow = open_to_peer();
    ASSERT_TRUE(transport_->send(flow, as_bytes("OPTIONS sip:peer SIP/2.0\r\n\r\n")).ok());
    udp::endpoint from;
    EXPECT_EQ(peer_receive(from), "OPTIONS sip:peer SIP/2.0\r\n\r\n");

    auto info = transport_->info(flow);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->local.address, "127.0.0.1"); // bound to the interface, not 0.0.0.0
    EXPECT_NE(info->local.port, 0);
    EXPECT_NE(info->local.port, 5060);
    EXPECT_EQ(from.address().to_string(), "127.0.0.1");
    EXPECT_EQ(from.port(), info->local.port);
    EXPECT_EQ(info->remote.port, peer_.local_endpoint().port());
    EXPECT_TRUE(info->protocol_version.empty());

    peer_.send_to(boost::asio::buffer(std::string("SIP/2.0 200 OK\r\n\r\n")), from);
    ASSERT_TRUE(run_until(loop_, [&] { return !events_.receptions.empty(); }));
    EXPECT_EQ(events_.receptions[0].flow, flow);
    EXPECT_EQ(events_.receptions[0].bytes, "SIP/2.0 200 OK\r\n\r\n");
    EXPECT_EQ(events_.receptions[0].from.address, "127.0.0.1");
    EXPECT_EQ(events_.receptions[0].from.port, peer_.local_endpoint().port());
}

TEST_F(UdpTransport, DoesNotDeliverADatagramFromAnotherSource)
{
    const FlowId flow = open_to_peer();
    const uint16_t local_port = transport_->info(flow)->local.port;
    const udp::endpoint flow_address(boost::asio::ip::make_address("127.0.0.1"), local_port);
    udp::socket stranger(loop_, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    // The stranger's datagram is sent first: had the socket taken it, it
    // would arrive before the peer's.
    stranger.send_to(boost::asio::buffer(std::string("forged")), flow_address);
    peer_.send_to(boost::asio::buffer(std::string("genuine")), flow_address);
    ASSERT_TRUE(run_until(loop_, [&] { return !events_.receptions.empty(); }));
    ASSERT_EQ(events_.receptions.size(), 1u);
    EXPECT_EQ(events_.receptions[0].bytes, "genuine");
}

TEST_F(UdpTransport, TheHostRefusesAWildcardOrNamedLocalAddressBeforeThePluginSeesIt)
{
    const uint16_t port = peer_.local_endpoint().port();
    for (const char *local : {"0.0.0.0", "::", "0:0::0", "localhost", ""}) {
        auto opened = transport_->open_flow({test::loopback(port), local, ""});
        ASSERT_FALSE(opened.ok()) << local;
        EXPECT_EQ(opened.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(opened.error().message.find("local address"), std::string::npos) << opened.error().message;
    }
    auto named_peer = transport_->open_flow({{"peer.example.test", 5060}, "127.0.0.1", ""});
    ASSERT_FALSE(named_peer.ok());
    EXPECT_NE(named_peer.error().message.find("not a numeric address"), std::string::npos);
}

TEST_F(UdpTransport, AnIcmpPortUnreachableClosesTheFlowAsRefused)
{
    const uint16_t nobody = test::unused_loopback_port(SOCK_DGRAM);
    auto opened = transport_->open_flow({test::loopback(nobody), "127.0.0.1", ""});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    ASSERT_TRUE(transport_->send(opened->id, as_bytes("ping")).ok());
    ASSERT_TRUE(run_until(loop_, [&] { return events_.closed(opened->id) != nullptr; }));
    EXPECT_EQ(events_.closed(opened->id)->error, FlowError::refused);
    EXPECT_NE(events_.closed(opened->id)->message.find("refused"), std::string::npos)
        << events_.closed(opened->id)->message;
}

TEST_F(UdpTransport, RefusesParametersItDoesNotKnow)
{
    test::RecordedEvents events;
    auto created = test::BuiltPlugins::get().transport("UDP").create(loop_, {{"tls.verify", "false"}}, events);
    ASSERT_FALSE(created.ok());
    EXPECT_NE(created.error().message.find("takes no parameters"), std::string::npos) << created.error().message;
}

} // namespace
} // namespace cordon
