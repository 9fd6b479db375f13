// RFC 3261 transactions (section 17) with libosip2's four state machines,
// driven by the host's Boost.Asio loop: messages in from the transports,
// timers from one LoopTimer, messages out through the sender the user
// agent gives. Handlers never run inside libosip2: what its callbacks report
// is copied and delivered once its state machines have finished a step, so a
// handler may start new transactions at once.
//
// Bounded: at most max_transactions at a time; a request over the limit is
// refused (ours with ErrorCode::unavailable, the peer's with 503).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "cordon/host/result.hpp"
#include "cordon/host/transport.hpp"
#include "core/loop_clock.hpp"
#include "sip/validated_message.hpp"

struct osip;
struct osip_transaction;

namespace cordon::sip {

// Where a transaction's messages go: a flow, and on a datagram listener the
// peer's address. Flow ids are unique per transport instance only, so a
// route says which instance: the agent's own flow, or its listening port.
struct FlowRoute {
    FlowId flow = 0;
    std::optional<Endpoint> to;
    bool inbound = false; // of the opt-in listening port

    bool same_flow(const FlowRoute &other) const { return flow == other.flow && inbound == other.inbound; }
};

using TransactionId = int;

// What a client transaction reports: every response (1xx any number of
// times, then one final), or instead of a final response a timeout or a
// transport error.
struct ClientEvent {
    enum class Kind { response, timeout, transport_error };
    Kind kind = Kind::response;
    const osip_message_t *response = nullptr;         // Kind::response
    const std::vector<HeaderField> *fields = nullptr; // the response's fields as received
    std::string error;                                // otherwise
    bool permanent = false;                           // a transport error repeating cannot cure (a certificate refused)
};

struct TransactionCounters {
    std::size_t active = 0;
    std::size_t peak = 0;
    std::uint64_t refused_outgoing = 0; // our requests over the limit
    std::uint64_t refused_incoming = 0; // peers' requests answered 503
};

class TransactionLayer {
public:
    using ResponseHandler = std::function<void(const ClientEvent &)>;
    // A new request from a peer, in a server transaction of its own; answer
    // it with respond(). ACKs for 2xx responses and other requests outside
    // any transaction come with id 0 and need no answer.
    using RequestHandler = std::function<void(TransactionId id, const osip_message_t &request,
                                              const std::vector<HeaderField> &fields, const FlowRoute &from)>;
    // Responses no transaction matches (a 2xx to an INVITE retransmitted).
    using StrayResponseHandler = std::function<void(const osip_message_t &response, const FlowRoute &from)>;
    using Sender = std::function<Result<void>(const FlowRoute &route, std::string_view bytes)>;

    TransactionLayer(boost::asio::io_context &loop, Sender sender, RequestHandler on_request,
                     StrayResponseHandler on_stray_response, std::size_t max_transactions);
    ~TransactionLayer();
    TransactionLayer(const TransactionLayer &) = delete;
    TransactionLayer &operator=(const TransactionLayer &) = delete;

    // Starts a client transaction for request (INVITE: ICT, others: NICT).
    Result<TransactionId> send_request(OsipMessage request, const FlowRoute &route, ResponseHandler on_event);
    // A message a transport delivered and Cordon validated.
    void receive(ValidatedMessage message, const FlowRoute &from);
    // Answers the request of a server transaction (any number of 1xx, then
    // one final response).
    Result<void> respond(TransactionId id, OsipMessage response);
    // Sends a message that belongs to no transaction (the ACK for a 2xx).
    Result<void> send_outside_transaction(const osip_message_t &message, const FlowRoute &route);
    // Sends bytes already written out again, outside any transaction (a 2xx
    // to an INVITE, which its user agent retransmits).
    Result<void> send_again(const FlowRoute &route, std::string_view bytes) { return sender_(route, bytes); }
    // Where the server transaction id answers: the route its request came
    // by. Nothing once the transaction has ended.
    std::optional<FlowRoute> route_of(TransactionId id) const;
    // Forgets a client transaction that will never end by itself: an INVITE
    // answered 1xx, cancelled, and still without a final response 64*T1
    // later (RFC 3261 section 9.1 lets the client destroy it then). Its
    // handler hears nothing more.
    void abandon(TransactionId id);
    // The flow is gone: its client transactions end with a transport error
    // now instead of at their timeout; its server transactions are dropped.
    // permanent: trying again would fail the same way.
    void flow_lost(const FlowRoute &lost, const std::string &reason, bool permanent = false);

    TransactionCounters counters() const { return counters_; }

private:
    struct Transaction;

    static int send_callback(osip_transaction *tr, osip_message_t *message, char *host, int port, int socket);
    static void message_callback(int type, osip_transaction *tr, osip_message_t *message);
    static void kill_callback(int type, osip_transaction *tr);
    static void transport_error_callback(int type, osip_transaction *tr, int error);

    Transaction *admit(osip_transaction *tr, const FlowRoute &route);
    void deliver(Transaction &transaction, ClientEvent::Kind kind, const osip_message_t *response, std::string error,
                 bool permanent = false);
    void reply_without_transaction(const osip_message_t &request, const FlowRoute &route, int status,
                                   const char *reason);
    void run();
    void fire_due_timers();
    void execute_machines();
    void free_finished();
    void arm_timer();

    Sender sender_;
    RequestHandler on_request_;
    StrayResponseHandler on_stray_response_;
    std::size_t max_transactions_;
    osip *osip_ = nullptr;
    LoopTimer timer_;
    std::map<TransactionId, std::unique_ptr<Transaction>> transactions_;
    std::vector<osip_transaction *> finished_;
    std::vector<std::function<void()>> deliveries_;
    // The received fields of the message being processed, for the callbacks
    // that report it.
    const osip_message_t *receiving_ = nullptr;
    const std::vector<HeaderField> *receiving_fields_ = nullptr;
    bool running_ = false;
    bool more_work_ = false;
    TransactionCounters counters_;
};

} // namespace cordon::sip
