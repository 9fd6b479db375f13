// The TCP transport plugin, loaded through the registry, against a test
// peer on 127.0.0.1.
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "tests/transport/transport_test_support.hpp"

namespace cordon {
namespace {

using boost::asio::ip::tcp;
using test::as_bytes;
using test::run_until;

// The plugin's bound on bytes waiting for a slow peer (STREAM_SEND_QUEUE_BYTES).
constexpr size_t send_queue_bytes = 1024 * 1024;

class TcpTransport : public testing::Test {
protected:
    TcpTransport() : acceptor_(loop_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)), peer_(loop_)
    {
        auto created = test::BuiltPlugins::get().transport("TCP").create(loop_, {}, events_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        transport_ = std::move(created.value());
    }

    // Opens a flow to the test peer and waits until both ends are connected.
    FlowId connect()
    {
        bool accepted = false;
        acceptor_.async_accept(peer_, [&](const boost::system::error_code &error) { accepted = !error; });
        auto opened = transport_->open_flow({test::loopback(acceptor_.local_endpoint().port()), "127.0.0.1", ""});
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        EXPECT_FALSE(opened->ready);
        const FlowId flow = opened->id;
        EXPECT_TRUE(run_until(loop_, [&] { return accepted && events_.connected(flow); }));
        return flow;
    }

    std::string peer_read(size_t count)
    {
        std::string bytes(count, '\0');
        bool done = false;
        boost::asio::async_read(peer_, boost::asio::buffer(bytes), [&](const boost::system::error_code &, size_t got) {
            bytes.resize(got);
            done = true;
        });
        EXPECT_TRUE(run_until(loop_, [&] { return done; }));
        return bytes;
    }

    boost::asio::io_context loop_;
    test::RecordedEvents events_;
    tcp::acceptor acceptor_;
    tcp::socket peer_;
    std::unique_ptr<Transport> transport_;
};

TEST_F(TcpTransport, ConnectsFromTheNamedInterfaceAndCarriesBytesBothWays)
{
    const FlowId flow = connect();
    ASSERT_TRUE(transport_->send(flow, as_bytes("REGISTER sip:example.test SIP/2.0\r\n")).ok());
    EXPECT_EQ(peer_read(35), "REGISTER sip:example.test SIP/2.0\r\n");

    auto info = transport_->info(flow);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->local.address, "127.0.0.1");
    EXPECT_EQ(info->local.port, peer_.remote_endpoint().port());
    EXPECT_EQ(info->remote.port, acceptor_.local_endpoint().port());

    boost::asio::write(peer_, boost::asio::buffer(std::string("SIP/2.0 200 OK\r\n")));
    ASSERT_TRUE(run_until(loop_, [&] { return events_.bytes_of(flow) == "SIP/2.0 200 OK\r\n"; }));
    EXPECT_EQ(events_.receptions[0].from.address, "127.0.0.1");
    EXPECT_EQ(events_.receptions[0].from.port, acceptor_.local_endpoint().port());
    EXPECT_TRUE(events_.closings.empty());
}

TEST_F(TcpTransport, SetsTcpNodelaySoSmallMessagesAreNotHeldForAnAck)
{
    const FlowId flow = connect();
    const int fd = test::socket_with_local_port(SOCK_STREAM, transport_->info(flow)->local.port);
    ASSERT_GE(fd, 0);
    int nodelay = 0;
    socklen_t length = sizeof nodelay;
    ASSERT_EQ(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &length), 0);
    EXPECT_EQ(nodelay, 1);
}

TEST_F(TcpTransport, ClosesAsRefusedWhenNobodyListens)
{
    const uint16_t nobody = test::unused_loopback_port(SOCK_STREAM);
    auto opened = transport_->open_flow({test::loopback(nobody), "127.0.0.1", ""});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    ASSERT_TRUE(run_until(loop_, [&] { return events_.closed(opened->id) != nullptr; }));
    const auto *closed = events_.closed(opened->id);
    EXPECT_EQ(closed->error, FlowError::refused);
    EXPECT_NE(closed->message.find("127.0.0.1 port " + std::to_string(nobody)), std::string::npos) << closed->message;
    EXPECT_NE(closed->message.find("refused"), std::string::npos) << closed->message;
    EXPECT_FALSE(events_.connected(opened->id));
    EXPECT_FALSE(transport_->send(opened->id, as_bytes("late")).ok());
}

TEST_F(TcpTransport, ReportsAnOrderlyCloseByThePeer)
{
    const FlowId flow = connect();
    peer_.shutdown(tcp::socket::shutdown_both);
    peer_.close();
    ASSERT_TRUE(run_until(loop_, [&] { return events_.closed(flow) != nullptr; }));
    EXPECT_EQ(events_.closed(flow)->error, FlowError::none);
    EXPECT_NE(events_.closed(flow)->message.find("closed the connection"), std::string::npos);
}

TEST_F(TcpTransport, ReportsAResetByThePeer)
{
    const FlowId flow = connect();
    peer_.set_option(boost::asio::socket_base::linger(true, 0)); // close sends RST
    peer_.close();
    ASSERT_TRUE(run_until(loop_, [&] { return events_.closed(flow) != nullptr; }));
    EXPECT_EQ(events_.closed(flow)->error, FlowError::reset);
    EXPECT_NE(events_.closed(flow)->message.find("reset"), std::string::npos) << events_.closed(flow)->message;
}

TEST_F(TcpTransport, DeliversEachChunkAsItArrives)
{
    const FlowId flow = connect();
    boost::asio::write(peer_, boost::asio::buffer(std::string("INVITE sip:bob")));
    ASSERT_TRUE(run_until(loop_, [&] { return events_.bytes_of(flow) == "INVITE sip:bob"; }));
    boost::asio::write(peer_, boost::asio::buffer(std::string("@example.test SIP/2.0\r\n")));
    ASSERT_TRUE(run_until(loop_, [&] { return events_.bytes_of(flow) == "INVITE sip:bob@example.test SIP/2.0\r\n"; }));
    EXPECT_GE(events_.receptions.size(), 2u);
}

TEST_F(TcpTransport, RefusesBytesPastTheSendQueueBoundAndStaysUsable)
{
    const FlowId flow = connect();
    const std::string chunk(64 * 1024, 'x');
    // The loop does not run, so nothing leaves: the queue holds it all.
    for (size_t queued = 0; queued < send_queue_bytes; queued += chunk.size()) {
        ASSERT_TRUE(transport_->send(flow, as_bytes(chunk)).ok()) << queued;
    }
    const auto refused = transport_->send(flow, as_bytes("y"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::buffer_too_small);

    EXPECT_EQ(peer_read(send_queue_bytes), std::string(send_queue_bytes, 'x'));
    ASSERT_TRUE(transport_->send(flow, as_bytes("after")).ok());
    EXPECT_EQ(peer_read(5), "after");
    EXPECT_TRUE(events_.closings.empty());
}

TEST_F(TcpTransport, TheSipLayerMayReplyAndCloseFromInsideAnEvent)
{
    const FlowId flow = connect();
    events_.when_received = [&](const test::RecordedEvents::Received &received) {
        ASSERT_TRUE(transport_->send(received.flow, as_bytes("reply")).ok());
        transport_->close_flow(received.flow);
    };
    boost::asio::write(peer_, boost::asio::buffer(std::string("request")));
    ASSERT_TRUE(run_until(loop_, [&] { return !events_.receptions.empty(); }));
    EXPECT_FALSE(transport_->info(flow).ok()); // gone
    boost::system::error_code error;
    std::array<char, 64> buffer{};
    // The close was immediate: the reply queued behind it was dropped, and
    // the peer sees the end of the stream.
    bool ended = false;
    peer_.async_read_some(boost::asio::buffer(buffer), [&](const boost::system::error_code &read_error, size_t) {
        error = read_error;
        ended = true;
    });
    ASSERT_TRUE(run_until(loop_, [&] { return ended; }));
    EXPECT_EQ(error, boost::asio::error::eof);
    EXPECT_TRUE(events_.closings.empty()); // close_flow reports nothing
}

TEST_F(TcpTransport, TheSipLayerMayDestroyTheTransportFromInsideAnEvent)
{
    const FlowId flow = connect();
    events_.when_received = [&](const test::RecordedEvents::Received &) { transport_.reset(); };
    boost::asio::write(peer_, boost::asio::buffer(std::string("first")));
    ASSERT_TRUE(run_until(loop_, [&] { return transport_ == nullptr; }));
    EXPECT_EQ(events_.bytes_of(flow), "first");
    // The plugin's instance went once its call returned: the peer sees the end.
    std::array<char, 64> buffer{};
    boost::system::error_code error;
    bool ended = false;
    peer_.async_read_some(boost::asio::buffer(buffer), [&](const boost::system::error_code &read_error, size_t) {
        error = read_error;
        ended = true;
    });
    ASSERT_TRUE(run_until(loop_, [&] { return ended; }));
    EXPECT_EQ(error, boost::asio::error::eof);
}

TEST_F(TcpTransport, RefusesToSendOnAFlowItDoesNotHave)
{
    const auto sent = transport_->send(4242, as_bytes("x"));
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon
