// A TLS flow opening with tls.verify = true counts as authenticated before it
// connects, so requests decided meanwhile (SDES keys, Basic credentials,
// plain bodies) can be queued; the flow holds the peer to that promise: if it
// connects unauthenticated after all, nothing queued is sent.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <string>
#include <vector>

#include "cordon/host/log.hpp"
#include "sip/signalling_flow.hpp"

namespace cordon::sip {
namespace {

constexpr FlowId test_flow_id = 7;

// A TLS-like transport whose every flow waits for the test to connect it.
struct FakeTransport final : Transport {
    Result<OpenedFlow> open_flow(const FlowRequest &) override { return OpenedFlow{test_flow_id, false}; }
    Result<FlowId> listen(const Endpoint &) override { return Error{ErrorCode::unsupported, "no listening"}; }
    Result<void> send(FlowId, std::span<const uint8_t> bytes, const Endpoint *) override
    {
        sent.emplace_back(bytes.begin(), bytes.end());
        return {};
    }
    void close_flow(FlowId) override { closed = true; }
    Result<FlowInfo> info(FlowId) const override
    {
        FlowInfo flow;
        flow.protocol_version = "TLSv1.3";
        flow.peer_authenticated = peer_authenticated;
        return flow;
    }

    bool peer_authenticated = false;
    bool closed = false;
    std::vector<std::string> sent;
};

struct FakeTlsPlugin final : TransportPlugin {
    const std::string &id() const override { return id_; }
    const std::string &protocol() const override { return protocol_; }
    bool stream() const override { return true; }
    bool secure() const override { return true; }
    Result<std::unique_ptr<Transport>> create(boost::asio::io_context &, const TransportParams &,
                                              TransportEvents &) const override
    {
        auto transport = std::make_unique<FakeTransport>();
        last = transport.get();
        return std::unique_ptr<Transport>(std::move(transport));
    }

    mutable FakeTransport *last = nullptr;
    std::string id_ = "org.cordon.test.fake-tls";
    std::string protocol_ = "TLS";
};

struct NoLogger final : Logger {
    void write(LogLevel, std::string_view, std::string_view) override {}
};

struct Promise : testing::Test {
    SignallingFlow flow_with(const std::string &verify)
    {
        return SignallingFlow(loop, plugin, TransportParams{{"tls.verify", verify}},
                              FlowRequest{{"127.0.0.1", 5061}, "127.0.0.1", "proxy.test"}, KeepAlive{}, logger,
                              SignallingFlow::Handlers{nullptr, [this](FlowId, const std::string &why, bool permanent) {
                                                           lost_reason = why;
                                                           lost_permanently = permanent;
                                                       }});
    }

    boost::asio::io_context loop;
    FakeTlsPlugin plugin;
    NoLogger logger;
    std::string lost_reason;
    bool lost_permanently = false;
};

TEST_F(Promise, WhatWasQueuedOnThePromiseNeverReachesAnUnverifiedPeer)
{
    SignallingFlow flow = flow_with("true");
    ASSERT_TRUE(flow.open());
    EXPECT_TRUE(flow.security().authenticated) << flow.security().name;
    ASSERT_TRUE(flow.send("INVITE with a=crypto keys"));
    plugin.last->peer_authenticated = false;
    flow.on_connected(test_flow_id);
    EXPECT_TRUE(plugin.last->sent.empty()) << "the keys went to an unauthenticated peer";
    EXPECT_TRUE(plugin.last->closed);
    EXPECT_TRUE(lost_permanently);
    EXPECT_NE(lost_reason.find("without its server being verified"), std::string::npos) << lost_reason;
}

TEST_F(Promise, AVerifiedPeerGetsWhatWasQueued)
{
    SignallingFlow flow = flow_with("true");
    ASSERT_TRUE(flow.open());
    ASSERT_TRUE(flow.send("INVITE with a=crypto keys"));
    plugin.last->peer_authenticated = true;
    flow.on_connected(test_flow_id);
    ASSERT_EQ(plugin.last->sent.size(), 1u);
    EXPECT_TRUE(lost_reason.empty()) << lost_reason;
    EXPECT_TRUE(flow.security().authenticated);
}

TEST_F(Promise, WithoutVerificationNothingIsPromised)
{
    SignallingFlow flow = flow_with("false");
    ASSERT_TRUE(flow.open());
    EXPECT_FALSE(flow.security().authenticated);
    ASSERT_TRUE(flow.send("MESSAGE"));
    flow.on_connected(test_flow_id);
    EXPECT_EQ(plugin.last->sent.size(), 1u) << "an unverified hop still carries what was decided for it";
    EXPECT_FALSE(flow.security().authenticated);
}

} // namespace
} // namespace cordon::sip
