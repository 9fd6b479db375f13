// The user agent's one flow to its next hop, with a fake transport and a
// fake clock: what it writes (requests, queued bytes, CRLF keep-alives,
// 400s to malformed requests), what it hands on (whole validated messages
// out of any framing), and when it gives the flow up (broken framing, no
// pong, the transport's loss).
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/log.hpp"
#include "sip/signalling_flow.hpp"
#include "tests/sip/sip_test_message.hpp"
#include "tests/support/clock/fake_clock.hpp"
#include "tests/support/sip/sip_text.hpp"
#include "tests/support/transport/fake_transport.hpp"

namespace cordon::sip {
namespace {

using namespace std::chrono_literals;
using cordon::test::FakeClock;
using cordon::test::FakeTransportPlugin;
using cordon::test::SipText;

struct NoLogger final : Logger {
    void write(LogLevel, std::string_view, std::string_view) override {}
};

struct Lost {
    FlowId flow = 0;
    std::string reason;
    bool permanent = false;
};

class SignallingFlowTest : public testing::Test {
protected:
    void make(const std::string &protocol, bool stream, KeepAlive keep_alive = KeepAlive{30s, 10s})
    {
        plugin = std::make_unique<FakeTransportPlugin>(protocol, stream);
        flow = std::make_unique<SignallingFlow>(
            loop, *plugin, TransportParams{}, FlowRequest{{"192.0.2.10", 5060}, "127.0.0.1", ""}, keep_alive, logger,
            SignallingFlow::Handlers{[this](ValidatedMessage message, const FlowRoute &route) {
                                         received.push_back(message.summary.method + " " + message.summary.request_uri);
                                         routes.push_back(route);
                                     },
                                     [this](FlowId id, const std::string &reason, bool permanent) {
                                         lost.push_back(Lost{id, reason, permanent});
                                     }});
    }

    std::vector<std::string> sent_texts() const
    {
        std::vector<std::string> texts;
        for (const auto &sent : plugin->sent()) {
            texts.push_back(sent.bytes);
        }
        return texts;
    }

    boost::asio::io_context loop;
    FakeClock clock{loop};
    NoLogger logger;
    std::unique_ptr<FakeTransportPlugin> plugin;
    std::unique_ptr<SignallingFlow> flow;
    std::vector<std::string> received;
    std::vector<FlowRoute> routes;
    std::vector<Lost> lost;
};

TEST_F(SignallingFlowTest, OpensOneFlowToTheNextHopAndSendsOnIt)
{
    make("UDP", false);
    ASSERT_TRUE(flow->open());
    ASSERT_TRUE(flow->open()); // a no-op while open
    ASSERT_EQ(plugin->network().opened.size(), 1u);
    EXPECT_EQ(plugin->network().opened[0].remote.address, "192.0.2.10");
    EXPECT_EQ(plugin->network().opened[0].remote.port, 5060);
    EXPECT_EQ(plugin->network().opened[0].local_address, "127.0.0.1");
    ASSERT_TRUE(flow->send("hello"));
    ASSERT_EQ(plugin->sent().size(), 1u);
    EXPECT_EQ(plugin->sent()[0].bytes, "hello");
    EXPECT_EQ(plugin->sent()[0].flow, flow->flow());
}

TEST_F(SignallingFlowTest, RefusesToSendWhenNotOpen)
{
    make("UDP", false);
    const auto sent = flow->send("hello");
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().message, "the signalling flow is not open");
    EXPECT_TRUE(plugin->sent().empty());
}

TEST_F(SignallingFlowTest, ADatagramIsValidatedAndHandedOnWithItsRoute)
{
    make("UDP", false);
    ASSERT_TRUE(flow->open());
    plugin->transport().receive(flow->flow(), test::valid_request());
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0], "OPTIONS sip:bob@example.com");
    EXPECT_EQ(routes[0].flow, flow->flow());
    EXPECT_FALSE(routes[0].inbound);
    EXPECT_EQ(flow->counters().messages_received, 1u);
}

TEST_F(SignallingFlowTest, AMalformedRequestIsDroppedCountedAndAnswered400)
{
    make("UDP", false);
    ASSERT_TRUE(flow->open());
    const std::string bad = test::replaced(test::valid_request(), "CSeq: 314159 OPTIONS", "CSeq: 314159 INVITE");
    plugin->transport().receive(flow->flow(), bad);
    EXPECT_TRUE(received.empty());
    EXPECT_EQ(flow->counters().messages_rejected, 1u);
    ASSERT_EQ(plugin->sent().size(), 1u);
    const SipText reply = SipText::parse(plugin->sent()[0].bytes);
    EXPECT_EQ(reply.status(), 400);
    EXPECT_EQ(reply.call_id(), "a84b4c76e66710@pc33.example.com");
    EXPECT_TRUE(lost.empty()) << "a datagram flow carries on after a bad message";
}

TEST_F(SignallingFlowTest, AStreamMessageInPiecesIsHandedOnOnceWhole)
{
    make("TCP", true);
    ASSERT_TRUE(flow->open());
    plugin->transport().connect(flow->flow());
    const std::string text = test::message(test::request_line, test::headers_without_length, "hello");
    plugin->transport().receive(flow->flow(), text.substr(0, 30));
    EXPECT_TRUE(received.empty());
    plugin->transport().receive(flow->flow(), text.substr(30) + text + "\r\n");
    EXPECT_EQ(received.size(), 2u);
    EXPECT_TRUE(lost.empty());
}

TEST_F(SignallingFlowTest, BrokenStreamFramingClosesTheFlowAndSaysWhy)
{
    make("TCP", true);
    ASSERT_TRUE(flow->open());
    const FlowId id = flow->flow();
    plugin->transport().connect(id);
    plugin->transport().receive(id, test::request_line + "\r\n" + test::headers_without_length + "\r\n");
    EXPECT_TRUE(received.empty());
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].flow, id);
    EXPECT_NE(lost[0].reason.find("closing the TCP flow: "), std::string::npos) << lost[0].reason;
    EXPECT_NE(lost[0].reason.find("Content-Length"), std::string::npos) << lost[0].reason;
    EXPECT_EQ(plugin->network().closed_by_host, std::vector<FlowId>{id});
    EXPECT_FALSE(flow->is_open());
}

TEST_F(SignallingFlowTest, WhatIsSentBeforeAStreamConnectsGoesInOrderOnceItDoes)
{
    make("TCP", true);
    ASSERT_TRUE(flow->open());
    EXPECT_FALSE(flow->is_connected());
    ASSERT_TRUE(flow->send("first"));
    ASSERT_TRUE(flow->send("second"));
    EXPECT_TRUE(plugin->sent().empty());
    plugin->transport().connect(flow->flow());
    EXPECT_EQ(sent_texts(), (std::vector<std::string>{"first", "second"}));
}

TEST_F(SignallingFlowTest, DatagramKeepAlivesGoEveryIntervalAndNeedNoAnswer)
{
    make("UDP", false, KeepAlive{30s, 10s});
    ASSERT_TRUE(flow->open());
    clock.advance(29s, 1s);
    EXPECT_TRUE(plugin->sent().empty());
    clock.advance(1s, 1s);
    EXPECT_EQ(sent_texts(), std::vector<std::string>{"\r\n\r\n"});
    clock.advance(60s, 1s);
    EXPECT_EQ(sent_texts().size(), 3u);
    EXPECT_EQ(flow->counters().pings_sent, 3u);
    EXPECT_TRUE(lost.empty()) << "no pong is expected over UDP";
    EXPECT_TRUE(flow->is_open());
}

TEST_F(SignallingFlowTest, AStreamPingAnsweredByAPongKeepsTheFlow)
{
    make("TCP", true, KeepAlive{30s, 10s});
    ASSERT_TRUE(flow->open());
    plugin->transport().connect(flow->flow());
    clock.advance(30s, 1s);
    EXPECT_EQ(sent_texts(), std::vector<std::string>{"\r\n\r\n"});
    clock.advance(5s, 1s);
    plugin->transport().receive(flow->flow(), "\r\n");
    clock.advance(29s, 1s);
    EXPECT_TRUE(lost.empty());
    EXPECT_EQ(flow->counters().pongs_received, 1u);
    // The next ping is due an interval after the pong, not after the ping.
    EXPECT_EQ(sent_texts().size(), 1u);
    clock.advance(1s, 1s);
    EXPECT_EQ(sent_texts().size(), 2u);
}

TEST_F(SignallingFlowTest, AStreamPingWithoutAPongLosesTheFlowAtThePongTimeout)
{
    make("TCP", true, KeepAlive{30s, 10s});
    ASSERT_TRUE(flow->open());
    const FlowId id = flow->flow();
    plugin->transport().connect(id);
    clock.advance(30s, 1s);
    ASSERT_EQ(sent_texts().size(), 1u);
    clock.advance(9s, 1s);
    EXPECT_TRUE(lost.empty());
    clock.advance(1s, 1s);
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].flow, id);
    EXPECT_EQ(lost[0].reason, "no keep-alive answer from 192.0.2.10 within 10 s");
    EXPECT_FALSE(lost[0].permanent);
    EXPECT_EQ(plugin->network().closed_by_host, std::vector<FlowId>{id});
}

TEST_F(SignallingFlowTest, KeepAlivesOffSendNothing)
{
    make("TCP", true, KeepAlive{0s, 10s});
    ASSERT_TRUE(flow->open());
    plugin->transport().connect(flow->flow());
    clock.advance(10min, 1s);
    EXPECT_TRUE(plugin->sent().empty());
}

TEST_F(SignallingFlowTest, TheTransportLosingTheFlowIsReportedAndANewOneMayOpen)
{
    make("TCP", true);
    ASSERT_TRUE(flow->open());
    const FlowId first = flow->flow();
    plugin->transport().connect(first);
    plugin->transport().lose(first, FlowError::reset, "peer went away");
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0].reason,
              "TCP flow to 192.0.2.10:5060 closed: " + std::string(to_string(FlowError::reset)) + " (peer went away)");
    EXPECT_FALSE(lost[0].permanent);
    EXPECT_TRUE(plugin->network().closed_by_host.empty()) << "the transport already released it";
    EXPECT_FALSE(flow->is_open());
    // Keep-alives stop with the flow.
    clock.advance(2min, 1s);
    EXPECT_TRUE(plugin->sent().empty());
    ASSERT_TRUE(flow->open());
    EXPECT_NE(flow->flow(), first);
    EXPECT_EQ(plugin->network().opened.size(), 2u);
}

TEST_F(SignallingFlowTest, ACertificateFailureIsAPermanentLoss)
{
    make("TLS", true);
    ASSERT_TRUE(flow->open());
    plugin->transport().lose(flow->flow(), FlowError::tls_unknown_ca, "");
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_TRUE(lost[0].permanent);
}

TEST_F(SignallingFlowTest, BytesFromAnOldFlowAreIgnored)
{
    make("UDP", false);
    ASSERT_TRUE(flow->open());
    plugin->transport().receive(flow->flow() + 100, test::valid_request());
    EXPECT_TRUE(received.empty());
}

} // namespace
} // namespace cordon::sip
