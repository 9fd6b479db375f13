// What a user agent gives the parts that send requests outside dialogs
// (registration, OPTIONS, MESSAGE): the flow, how this agent names itself in
// Via and Contact, and the transaction layer.
#pragma once

#include <boost/asio/io_context.hpp>

#include "sip/next_hop_security.hpp"
#include "sip/osip_handles.hpp"
#include "sip/transaction_layer.hpp"

namespace cordon::sip {

class SignallingContext {
public:
    virtual boost::asio::io_context &loop() = 0;
    // Opens the flow to the next hop unless it is open.
    virtual Result<void> ensure_flow() = 0;
    virtual std::string via_transport() const = 0; // "UDP", "TCP", "TLS"
    virtual std::string sent_by() const = 0;       // this end of the flow, "host:port"
    virtual std::string contact_uri() const = 0;   // <sip:user@host:port;transport=...>
    // The one answer to "is the next hop secure" (next_hop_security.hpp).
    virtual NextHopSecurity next_hop_security() const = 0;
    virtual Result<TransactionId> send_request(OsipMessage request, TransactionLayer::ResponseHandler on_event) = 0;
    // An ACK for a 2xx, or a 2xx retransmitted: outside any transaction.
    virtual Result<void> send_outside_transaction(const osip_message_t &message) = 0;

protected:
    ~SignallingContext() = default;
};

} // namespace cordon::sip
