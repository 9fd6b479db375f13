// A transport plugin with no network: every flow, listener and write the
// host makes is recorded, and a test plays the peer by injecting what a
// real transport would report (a connection made or accepted, bytes
// received, the flow lost). Events are delivered at once, on the calling
// thread, which in a test is the loop's.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/transport.hpp"

namespace cordon::test {

struct SentBytes {
    FlowId flow = 0;
    std::string bytes;
    std::optional<Endpoint> to; // datagram listeners: where it went
};

class FakeTransport;

// Shared by the plugin and its instances, so a test may still read what
// was sent after the host destroyed the instance.
struct FakeNetwork {
    std::vector<SentBytes> sent;
    std::vector<FlowRequest> opened;
    std::vector<Endpoint> listened;
    std::vector<FlowId> closed_by_host;
    FakeTransport *instance = nullptr; // the newest instance while it lives
    std::size_t instances_created = 0;
};

class FakeTransport final : public Transport {
public:
    struct Behaviour {
        bool ready_at_once = true; // open_flow: carries bytes now (datagrams), else a connect() follows
        bool refuse_open = false;  // open_flow fails
        bool refuse_sends = false; // send fails, nothing recorded
        std::uint16_t local_port = 5062;
        std::string local_address = "127.0.0.1";
        bool peer_authenticated = false;
    };

    FakeTransport(std::shared_ptr<FakeNetwork> network, const Behaviour &behaviour, TransportEvents &events);
    ~FakeTransport() override;

    Result<OpenedFlow> open_flow(const FlowRequest &request) override;
    Result<FlowId> listen(const Endpoint &local) override;
    Result<void> send(FlowId flow, std::span<const uint8_t> bytes, const Endpoint *to) override;
    void close_flow(FlowId flow) override;
    Result<FlowInfo> info(FlowId flow) const override;

    // What the peer (or the network) does.
    void connect(FlowId flow);
    void receive(FlowId flow, std::string_view bytes, const Endpoint &from = {"192.0.2.10", 5060});
    void lose(FlowId flow, FlowError error = FlowError::reset, const std::string &message = "connection reset");
    // A connection to a listener; returns the new flow's id.
    FlowId accept(FlowId listener, const Endpoint &from);

    Behaviour &behaviour() { return behaviour_; }
    bool is_open(FlowId flow) const { return open_.count(flow) != 0; }
    FlowId last_flow() const { return next_id_ - 1; }

private:
    std::shared_ptr<FakeNetwork> network_;
    Behaviour behaviour_;
    TransportEvents &events_;
    std::map<FlowId, Endpoint> open_; // flow → remote
    std::set<FlowId> listeners_;
    FlowId next_id_ = 1;
};

class FakeTransportPlugin final : public TransportPlugin {
public:
    // protocol: the Via token ("UDP", "TCP", "TLS"); stream: framed by Content-Length.
    explicit FakeTransportPlugin(std::string protocol = "UDP", bool stream = false, bool secure = false);

    const std::string &id() const override { return id_; }
    const std::string &protocol() const override { return protocol_; }
    bool stream() const override { return stream_; }
    bool secure() const override { return secure_; }
    Result<std::unique_ptr<Transport>> create(boost::asio::io_context &loop, const TransportParams &params,
                                              TransportEvents &events) const override;

    // How instances created from now on behave.
    FakeTransport::Behaviour behaviour;
    FakeNetwork &network() const { return *network_; }
    // The newest live instance (fails the test's expectation when none).
    FakeTransport &transport() const;
    const std::vector<SentBytes> &sent() const { return network_->sent; }
    // Everything sent, forgotten (to look at what comes next).
    void clear_sent() const { network_->sent.clear(); }

private:
    std::string id_ = "test.fake-transport";
    std::string protocol_;
    bool stream_;
    bool secure_;
    std::shared_ptr<FakeNetwork> network_ = std::make_shared<FakeNetwork>();
};

} // namespace cordon::test
