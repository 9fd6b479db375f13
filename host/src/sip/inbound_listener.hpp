// The opt-in listening socket (sip.listen_port): a fixed port on the
// signalling interface, for deployments whose proxy cannot reuse the
// client's own flow. Only peers on the allow-list are heard: a datagram from
// anyone else is dropped, a connection from anyone else closed, and each
// such refusal counted. What is heard is framed and validated like
// everything else, and answered over the flow it came in on.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "cordon/host/log.hpp"
#include "cordon/host/transport.hpp"
#include "sip/stream_framer.hpp"
#include "sip/transaction_layer.hpp"

namespace cordon::sip {

struct ListenerCounters {
    std::uint64_t connections_accepted = 0;
    std::uint64_t peers_refused = 0; // datagrams dropped and connections closed
    std::uint64_t messages_received = 0;
    std::uint64_t messages_rejected = 0; // failed validation
};

class InboundListener final : public TransportEvents {
public:
    using MessageHandler = std::function<void(ValidatedMessage, const FlowRoute &)>;
    using LossHandler = std::function<void(FlowId)>;

    // allowed: numeric addresses whose messages are heard (compared as addresses).
    static Result<std::unique_ptr<InboundListener>> start(boost::asio::io_context &loop, const TransportPlugin &plugin,
                                                          const TransportParams &params, const Endpoint &local,
                                                          std::vector<std::string> allowed, Logger &logger,
                                                          MessageHandler on_message, LossHandler on_lost);
    ~InboundListener();

    Result<void> send(const FlowRoute &route, std::string_view bytes);
    std::uint16_t port() const { return port_; }
    ListenerCounters counters() const { return counters_; }

    void on_connected(FlowId flow) override;
    void on_closed(FlowId flow, FlowError error, const std::string &message) override;
    void on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint &from) override;
    void on_accepted(FlowId listener, FlowId flow, const Endpoint &from) override;

private:
    InboundListener(std::vector<std::string> allowed, Logger &logger, MessageHandler on_message, LossHandler on_lost);
    bool allowed(const Endpoint &peer) const;
    void deliver(std::string_view bytes, const FlowRoute &route);

    std::vector<std::string> allowed_; // canonical text of each address
    Logger &logger_;
    MessageHandler on_message_;
    LossHandler on_lost_;
    std::unique_ptr<Transport> transport_;
    FlowId listener_ = 0;
    std::uint16_t port_ = 0;
    std::map<FlowId, std::unique_ptr<StreamFramer>> framers_; // accepted stream connections
    ListenerCounters counters_;
};

} // namespace cordon::sip
