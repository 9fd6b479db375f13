// The user agent's one flow to its next hop (outbound proxy or registrar),
// over one transport instance. No listening socket: requests to this user
// agent come back over this same flow, which keep-alives hold open (RFC 5626
// section 4.4.1, CRLF ping and pong on streams).
//
// What arrives is framed (streams, by Content-Length with caps) and
// validated before anything else sees it. A stream whose framing breaks is
// closed, since no later byte can be trusted to start a message; a datagram
// or a framed message that fails validation is dropped, logged and counted,
// and the flow carries on.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "cordon/host/log.hpp"
#include "cordon/host/transport.hpp"
#include "core/loop_clock.hpp"
#include "sip/next_hop_security.hpp"
#include "sip/stream_framer.hpp"
#include "sip/transaction_layer.hpp"
#include "sip/validated_message.hpp"

namespace cordon::sip {

struct KeepAlive {
    std::chrono::seconds interval{30};     // between pings; 0 turns them off
    std::chrono::seconds pong_timeout{10}; // streams: no pong by then → the flow is lost
};

struct FlowCounters {
    std::uint64_t messages_received = 0;
    std::uint64_t messages_rejected = 0; // failed validation, dropped
    std::uint64_t pings_sent = 0;
    std::uint64_t pongs_received = 0;
};

class SignallingFlow final : public TransportEvents {
public:
    struct Handlers {
        std::function<void(ValidatedMessage, const FlowRoute &)> on_message;
        // The flow is gone; a new open() may follow. permanent: the peer
        // was refused (its certificate), so opening again would fail alike.
        std::function<void(FlowId, const std::string &reason, bool permanent)> on_lost;
    };

    SignallingFlow(boost::asio::io_context &loop, const TransportPlugin &plugin, TransportParams params,
                   FlowRequest next_hop, KeepAlive keep_alive, Logger &logger, Handlers handlers);
    ~SignallingFlow();
    SignallingFlow(const SignallingFlow &) = delete;
    SignallingFlow &operator=(const SignallingFlow &) = delete;

    // Opens the flow (a no-op while one is open or opening).
    Result<void> open();
    // Sends now, or when the flow connects (streams), in order.
    Result<void> send(std::string_view bytes);
    void close();

    bool is_open() const { return flow_ != 0; }
    bool is_connected() const { return connected_; }
    FlowId flow() const { return flow_; }
    // Local and remote address, TLS version and cipher; once open.
    std::optional<FlowInfo> info() const;
    const std::string &protocol() const { return plugin_.protocol(); }
    // Whether this flow's peer was authenticated (flow_security()).
    NextHopSecurity security() const;
    bool stream() const { return plugin_.stream(); }
    FlowCounters counters() const { return counters_; }

    void on_connected(FlowId flow) override;
    void on_closed(FlowId flow, FlowError error, const std::string &message) override;
    void on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint &from) override;
    void on_accepted(FlowId listener, FlowId flow, const Endpoint &from) override;

private:
    void deliver(std::string_view bytes);
    void lose(const std::string &reason, bool released_by_transport = false, bool permanent = false);
    void arm_keep_alive();
    void send_ping();

    boost::asio::io_context &loop_;
    const TransportPlugin &plugin_;
    TransportParams params_;
    FlowRequest next_hop_;
    KeepAlive keep_alive_;
    Logger &logger_;
    Handlers handlers_;
    std::unique_ptr<Transport> transport_;
    FlowId flow_ = 0;
    bool connected_ = false;
    std::deque<std::string> waiting_; // sent before a stream connected
    // security() counted this flow authenticated before it connected, on
    // the promise of tls.verify = true: on_connected holds the peer to it.
    mutable bool authentication_promised_ = false;
    std::size_t waiting_bytes_ = 0;
    std::unique_ptr<StreamFramer> framer_;
    LoopTimer keep_alive_timer_;
    bool awaiting_pong_ = false;
    FlowCounters counters_;
};

} // namespace cordon::sip
