// Opt-in listening: a TCP listener reports each accepted connection with its
// peer, a UDP listener delivers datagrams with their sender and answers to a
// named destination.
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "tests/transport/transport_test_support.hpp"

namespace cordon {
namespace {

using test::as_bytes;
using test::run_until;

class Listening : public testing::Test {
protected:
    std::unique_ptr<Transport> create(const std::string &protocol)
    {
        auto created = test::BuiltPlugins::get().transport(protocol).create(loop_, {}, events_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return std::move(created.value());
    }

    boost::asio::io_context loop_;
    test::RecordedEvents events_;
};

TEST_F(Listening, TcpReportsEachAcceptedConnectionWithItsPeer)
{
    auto transport = create("tcp");
    const uint16_t port = test::unused_loopback_port(SOCK_STREAM);
    auto listener = transport->listen(test::loopback(port));
    ASSERT_TRUE(listener.ok()) << listener.error().message;

    boost::asio::ip::tcp::socket client(loop_);
    client.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    ASSERT_TRUE(run_until(loop_, [&] { return !events_.acceptances.empty(); }));
    const auto accepted = events_.acceptances[0];
    EXPECT_EQ(accepted.listener, *listener);
    EXPECT_EQ(accepted.from.address, "127.0.0.1");
    EXPECT_EQ(accepted.from.port, client.local_endpoint().port());
    EXPECT_TRUE(events_.connections.empty()); // a plain connection carries bytes at once

    boost::asio::write(client, boost::asio::buffer(std::string("OPTIONS")));
    ASSERT_TRUE(run_until(loop_, [&] { return events_.bytes_of(accepted.flow) == "OPTIONS"; }));
    ASSERT_TRUE(transport->send(accepted.flow, as_bytes("200")).ok());
    std::string reply(3, '\0');
    bool read = false;
    boost::asio::async_read(client, boost::asio::buffer(reply),
                            [&](const boost::system::error_code &error, size_t) { read = !error; });
    ASSERT_TRUE(run_until(loop_, [&] { return read; }));
    EXPECT_EQ(reply, "200");

    const int fd = test::socket_with_local_port(SOCK_STREAM, port, client.local_endpoint().port());
    ASSERT_GE(fd, 0);
    int nodelay = 0;
    socklen_t length = sizeof nodelay;
    ASSERT_EQ(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &length), 0);
    EXPECT_EQ(nodelay, 1);
}

TEST_F(Listening, UdpDeliversDatagramsWithTheirSenderAndAnswersToADestination)
{
    auto transport = create("udp");
    const uint16_t port = test::unused_loopback_port(SOCK_DGRAM);
    auto listener = transport->listen(test::loopback(port));
    ASSERT_TRUE(listener.ok()) << listener.error().message;

    boost::asio::ip::udp::socket client(loop_, {boost::asio::ip::make_address("127.0.0.1"), 0});
    client.send_to(boost::asio::buffer(std::string("MESSAGE")), {boost::asio::ip::make_address("127.0.0.1"), port});
    ASSERT_TRUE(run_until(loop_, [&] { return !events_.receptions.empty(); }));
    EXPECT_EQ(events_.receptions[0].flow, *listener);
    EXPECT_EQ(events_.receptions[0].bytes, "MESSAGE");
    const Endpoint sender = events_.receptions[0].from;
    EXPECT_EQ(sender.port, client.local_endpoint().port());

    EXPECT_FALSE(transport->send(*listener, as_bytes("no destination")).ok());
    ASSERT_TRUE(transport->send(*listener, as_bytes("200"), &sender).ok());
    std::array<char, 16> buffer{};
    size_t got = 0;
    client.async_receive(boost::asio::buffer(buffer),
                         [&](const boost::system::error_code &, size_t length) { got = length; });
    ASSERT_TRUE(run_until(loop_, [&] { return got != 0; }));
    EXPECT_EQ(std::string(buffer.data(), got), "200");
}

TEST_F(Listening, IsRefusedOnAWildcardAddressOrWithoutAPort)
{
    auto transport = create("tcp");
    auto wildcard = transport->listen({"0.0.0.0", 5060});
    ASSERT_FALSE(wildcard.ok());
    EXPECT_NE(wildcard.error().message.find("wildcard"), std::string::npos) << wildcard.error().message;
    auto no_port = transport->listen(test::loopback(0));
    ASSERT_FALSE(no_port.ok());
    EXPECT_NE(no_port.error().message.find("fixed port"), std::string::npos) << no_port.error().message;
}

} // namespace
} // namespace cordon
