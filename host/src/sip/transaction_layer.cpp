#include "sip/transaction_layer.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>

#include <osip2/osip.h>

#include "sip/response_builder.hpp"

namespace cordon::sip {

namespace {

// libosip2 reports its next timeout; with nothing pending it may report a
// year. Waking once a second at most costs nothing and bounds any surprise.
constexpr std::chrono::milliseconds longest_timer_wait{1000};

struct OsipFree {
    void operator()(char *text) const { osip_free(text); }
};

std::optional<std::string> serialise(osip_message_t &message)
{
    char *raw = nullptr;
    size_t length = 0;
    if (osip_message_to_str(&message, &raw, &length) != OSIP_SUCCESS || raw == nullptr) {
        return std::nullopt;
    }
    const std::unique_ptr<char, OsipFree> text(raw);
    return std::string(raw, length);
}

OsipMessage clone(const osip_message_t &message)
{
    osip_message_t *copy = nullptr;
    if (osip_message_clone(&message, &copy) != OSIP_SUCCESS) {
        return nullptr;
    }
    return OsipMessage(copy);
}

type_t incoming_event_type(const osip_message_t &message)
{
    if (MSG_IS_REQUEST(&message)) {
        if (MSG_IS_INVITE(&message)) {
            return RCV_REQINVITE;
        }
        return MSG_IS_ACK(&message) ? RCV_REQACK : RCV_REQUEST;
    }
    if (MSG_IS_STATUS_1XX(&message)) {
        return RCV_STATUS_1XX;
    }
    return MSG_IS_STATUS_2XX(&message) ? RCV_STATUS_2XX : RCV_STATUS_3456XX;
}

bool is_client_response(int type)
{
    return (type >= OSIP_ICT_STATUS_1XX_RECEIVED && type <= OSIP_ICT_STATUS_6XX_RECEIVED &&
            type != OSIP_ICT_STATUS_2XX_RECEIVED_AGAIN) ||
           (type >= OSIP_NICT_STATUS_1XX_RECEIVED && type <= OSIP_NICT_STATUS_6XX_RECEIVED &&
            type != OSIP_NICT_STATUS_2XX_RECEIVED_AGAIN);
}

bool is_new_server_request(int type)
{
    return type == OSIP_IST_INVITE_RECEIVED ||
           (type >= OSIP_NIST_REGISTER_RECEIVED && type <= OSIP_NIST_UNKNOWN_REQUEST_RECEIVED);
}

} // namespace

struct TransactionLayer::Transaction {
    osip_transaction *osip = nullptr;
    FlowRoute route;
    ResponseHandler on_event; // client transactions only
    bool ended = false;       // a final response, timeout or error was delivered
};

TransactionLayer::TransactionLayer(boost::asio::io_context &loop, Sender sender, RequestHandler on_request,
                                   StrayResponseHandler on_stray_response, std::size_t max_transactions)
    : sender_(std::move(sender)), on_request_(std::move(on_request)), on_stray_response_(std::move(on_stray_response)),
      max_transactions_(max_transactions), timer_(loop)
{
    prepare_osip();
    if (osip_init(&osip_) != OSIP_SUCCESS) {
        throw std::bad_alloc();
    }
    osip_set_application_context(osip_, this);
    osip_set_cb_send_message(osip_, &TransactionLayer::send_callback);
    for (int type = 0; type < OSIP_MESSAGE_CALLBACK_COUNT; ++type) {
        osip_set_message_callback(osip_, type, &TransactionLayer::message_callback);
    }
    for (int type = 0; type < OSIP_KILL_CALLBACK_COUNT; ++type) {
        osip_set_kill_transaction_callback(osip_, type, &TransactionLayer::kill_callback);
    }
    for (int type = 0; type < OSIP_TRANSPORT_ERROR_CALLBACK_COUNT; ++type) {
        osip_set_transport_error_callback(osip_, type, &TransactionLayer::transport_error_callback);
    }
}

TransactionLayer::~TransactionLayer()
{
    timer_.cancel();
    free_finished();
    for (auto &[id, transaction] : transactions_) {
        osip_remove_transaction(osip_, transaction->osip);
        osip_transaction_free2(transaction->osip);
    }
    osip_release(osip_);
}

TransactionLayer::Transaction *TransactionLayer::admit(osip_transaction *tr, const FlowRoute &route)
{
    auto transaction = std::make_unique<Transaction>();
    transaction->osip = tr;
    transaction->route = route;
    Transaction *raw = transaction.get();
    osip_transaction_set_reserved1(tr, raw);
    transactions_[tr->transactionid] = std::move(transaction);
    counters_.active = transactions_.size();
    counters_.peak = std::max(counters_.peak, counters_.active);
    return raw;
}

Result<TransactionId> TransactionLayer::send_request(OsipMessage request, const FlowRoute &route,
                                                     ResponseHandler on_event)
{
    if (!request || !MSG_IS_REQUEST(request.get()) || MSG_IS_ACK(request.get())) {
        return Error{ErrorCode::invalid_argument, "only a request other than ACK starts a client transaction"};
    }
    if (transactions_.size() >= max_transactions_) {
        ++counters_.refused_outgoing;
        return Error{ErrorCode::unavailable, "too many SIP transactions in progress (" +
                                                 std::to_string(max_transactions_) +
                                                 ", setting sip.max_transactions); try again shortly"};
    }
    osip_transaction *tr = nullptr;
    const osip_fsm_type_t kind = MSG_IS_INVITE(request.get()) ? ICT : NICT;
    if (osip_transaction_init(&tr, kind, osip_, request.get()) != OSIP_SUCCESS) {
        return Error{ErrorCode::invalid_argument, "libosip2 refused the request (a Via with a branch is required)"};
    }
    Transaction *transaction = admit(tr, route);
    transaction->on_event = std::move(on_event);
    osip_transaction_add_event(tr, osip_new_outgoing_sipmessage(request.release()));
    const TransactionId id = tr->transactionid;
    run();
    return id;
}

void TransactionLayer::receive(ValidatedMessage message, const FlowRoute &from)
{
    osip_message_t *sip = message.osip.get();
    if (MSG_IS_REQUEST(sip) && sip->req_uri == nullptr) {
        reply_without_transaction(*sip, from, 416, "Unsupported URI Scheme");
        return;
    }
    auto *event = static_cast<osip_event_t *>(osip_malloc(sizeof(osip_event_t)));
    if (event == nullptr) {
        return;
    }
    event->type = incoming_event_type(*sip);
    event->transactionid = 0;
    event->sip = message.osip.release();
    receiving_ = sip;
    receiving_fields_ = &message.fields;

    if (osip_find_transaction_and_add_event(osip_, event) == OSIP_SUCCESS) {
        run();
    } else if (MSG_IS_RESPONSE(sip)) {
        on_stray_response_(*sip, from);
        osip_event_free(event);
    } else if (MSG_IS_ACK(sip)) {
        on_request_(0, *sip, message.fields, from);
        osip_event_free(event);
    } else if (transactions_.size() >= max_transactions_) {
        ++counters_.refused_incoming;
        reply_without_transaction(*sip, from, 503, "Service Unavailable (too many transactions)");
        osip_event_free(event);
    } else if (osip_transaction *tr = osip_create_transaction(osip_, event); tr != nullptr) {
        admit(tr, from);
        osip_transaction_add_event(tr, event);
        run();
    } else {
        osip_event_free(event);
    }
    receiving_ = nullptr;
    receiving_fields_ = nullptr;
}

Result<void> TransactionLayer::respond(TransactionId id, OsipMessage response)
{
    const auto found = transactions_.find(id);
    if (found == transactions_.end() || found->second->on_event) {
        return Error{ErrorCode::not_found, "no server transaction " + std::to_string(id) + " (it has ended)"};
    }
    if (!response || !MSG_IS_RESPONSE(response.get())) {
        return Error{ErrorCode::invalid_argument, "respond() takes a response"};
    }
    osip_transaction_add_event(found->second->osip, osip_new_outgoing_sipmessage(response.release()));
    run();
    return {};
}

Result<void> TransactionLayer::send_outside_transaction(const osip_message_t &message, const FlowRoute &route)
{
    OsipMessage copy = clone(message);
    if (!copy) {
        return Error{ErrorCode::out_of_memory, "cannot copy the message to send"};
    }
    auto text = serialise(*copy);
    if (!text) {
        return Error{ErrorCode::invalid_argument, "libosip2 cannot serialise the message"};
    }
    return sender_(route, *text);
}

std::optional<FlowRoute> TransactionLayer::route_of(TransactionId id) const
{
    const auto found = transactions_.find(id);
    if (found == transactions_.end()) {
        return std::nullopt;
    }
    return found->second->route;
}

void TransactionLayer::abandon(TransactionId id)
{
    const auto found = transactions_.find(id);
    if (found == transactions_.end() || !found->second->on_event ||
        std::find(finished_.begin(), finished_.end(), found->second->osip) != finished_.end()) {
        return;
    }
    found->second->ended = true;
    osip_remove_transaction(osip_, found->second->osip);
    finished_.push_back(found->second->osip);
    run(); // frees it now, or after the step in progress
}

void TransactionLayer::reply_without_transaction(const osip_message_t &request, const FlowRoute &route, int status,
                                                 const char *reason)
{
    auto response = build_response(request, status, "", reason);
    if (response) {
        (void)send_outside_transaction(**response, route);
    }
}

void TransactionLayer::flow_lost(const FlowRoute &lost, const std::string &reason, bool permanent)
{
    for (auto &[id, transaction] : transactions_) {
        if (!transaction->route.same_flow(lost) || transaction->ended) {
            continue;
        }
        if (transaction->on_event) {
            deliver(*transaction, ClientEvent::Kind::transport_error, nullptr, reason, permanent);
        } else {
            transaction->ended = true; // nothing more can be sent to that peer
        }
    }
    run();
}

void TransactionLayer::deliver(Transaction &transaction, ClientEvent::Kind kind, const osip_message_t *response,
                               std::string error, bool permanent)
{
    if (transaction.ended || !transaction.on_event) {
        return;
    }
    if (kind != ClientEvent::Kind::response || response->status_code >= 200) {
        transaction.ended = true;
    }
    std::shared_ptr<osip_message_t> copy;
    std::vector<HeaderField> fields;
    if (response != nullptr) {
        copy.reset(clone(*response).release(), OsipMessageFree{});
        if (!copy) {
            return;
        }
        if (response == receiving_ && receiving_fields_ != nullptr) {
            fields = *receiving_fields_;
        }
    }
    // The handler outlives the transaction: libosip2 may end it before the
    // delivery runs.
    deliveries_.push_back(
        [handler = transaction.on_event, kind, copy, fields = std::move(fields), error = std::move(error), permanent] {
            ClientEvent event;
            event.kind = kind;
            event.permanent = permanent;
            event.response = copy.get();
            event.fields = &fields;
            event.error = error;
            handler(event);
        });
}

int TransactionLayer::send_callback(osip_transaction *tr, osip_message_t *message, char * /*host*/, int /*port*/,
                                    int /*socket*/)
{
    auto *self = static_cast<TransactionLayer *>(osip_get_application_context(static_cast<osip_t *>(tr->config)));
    auto *transaction = static_cast<Transaction *>(osip_transaction_get_reserved1(tr));
    if (self == nullptr || transaction == nullptr || (transaction->ended && !transaction->on_event)) {
        return -1;
    }
    auto text = serialise(*message);
    if (!text || !self->sender_(transaction->route, *text)) {
        return -1;
    }
    return 0;
}

void TransactionLayer::message_callback(int type, osip_transaction *tr, osip_message_t *message)
{
    auto *self = static_cast<TransactionLayer *>(osip_get_application_context(static_cast<osip_t *>(tr->config)));
    auto *transaction = static_cast<Transaction *>(osip_transaction_get_reserved1(tr));
    if (self == nullptr || transaction == nullptr) {
        return;
    }
    // Timers B and F end a client transaction with no message at all.
    if (type == OSIP_ICT_STATUS_TIMEOUT || type == OSIP_NICT_STATUS_TIMEOUT) {
        self->deliver(*transaction, ClientEvent::Kind::timeout, nullptr, "no response before the transaction timer");
        return;
    }
    if (message == nullptr) {
        return;
    }
    if (is_client_response(type)) {
        self->deliver(*transaction, ClientEvent::Kind::response, message, {});
    } else if (type == OSIP_ICT_STATUS_2XX_RECEIVED_AGAIN) {
        std::shared_ptr<osip_message_t> copy(clone(*message).release(), OsipMessageFree{});
        if (copy) {
            self->deliveries_.push_back(
                [self, copy, route = transaction->route] { self->on_stray_response_(*copy, route); });
        }
    } else if (is_new_server_request(type)) {
        std::shared_ptr<osip_message_t> copy(clone(*message).release(), OsipMessageFree{});
        if (!copy) {
            return;
        }
        std::vector<HeaderField> fields;
        if (message == self->receiving_ && self->receiving_fields_ != nullptr) {
            fields = *self->receiving_fields_;
        }
        self->deliveries_.push_back([self, id = tr->transactionid, copy, fields = std::move(fields),
                                     route = transaction->route] { self->on_request_(id, *copy, fields, route); });
    }
}

void TransactionLayer::kill_callback(int /*type*/, osip_transaction *tr)
{
    auto *self = static_cast<TransactionLayer *>(osip_get_application_context(static_cast<osip_t *>(tr->config)));
    if (self == nullptr) {
        return;
    }
    osip_remove_transaction(self->osip_, tr);
    self->finished_.push_back(tr);
}

void TransactionLayer::transport_error_callback(int /*type*/, osip_transaction *tr, int /*error*/)
{
    auto *self = static_cast<TransactionLayer *>(osip_get_application_context(static_cast<osip_t *>(tr->config)));
    auto *transaction = static_cast<Transaction *>(osip_transaction_get_reserved1(tr));
    if (self != nullptr && transaction != nullptr) {
        self->deliver(*transaction, ClientEvent::Kind::transport_error, nullptr, "the transport could not send");
    }
}

void TransactionLayer::execute_machines()
{
    osip_ict_execute(osip_);
    osip_ist_execute(osip_);
    osip_nict_execute(osip_);
    osip_nist_execute(osip_);
}

void TransactionLayer::free_finished()
{
    for (osip_transaction *tr : finished_) {
        transactions_.erase(tr->transactionid);
        osip_transaction_free2(tr);
    }
    finished_.clear();
    counters_.active = transactions_.size();
}

// Runs the state machines until they are idle, delivering what they report
// between steps; a handler that starts a transaction only marks more work.
void TransactionLayer::run()
{
    if (running_) {
        more_work_ = true;
        return;
    }
    running_ = true;
    do {
        more_work_ = false;
        execute_machines();
        // Over TCP and TLS a finished non-INVITE transaction ends by a timer
        // of zero (J, K): fire it now rather than on the next timer pass, so
        // a burst of requests (a NOTIFY flood) does not fill the transaction
        // limit with transactions that are already done.
        fire_due_timers();
        execute_machines();
        free_finished();
        auto batch = std::move(deliveries_);
        deliveries_.clear();
        for (auto &delivery : batch) {
            delivery();
        }
    } while (more_work_ || !deliveries_.empty());
    running_ = false;
    arm_timer();
}

void TransactionLayer::arm_timer()
{
    if (transactions_.empty()) {
        timer_.cancel();
        return;
    }
    struct timeval next {};
    osip_timers_gettimeout(osip_, &next);
    auto wait = std::chrono::milliseconds(next.tv_sec * 1000 + next.tv_usec / 1000);
    wait = std::clamp(wait, std::chrono::milliseconds(0), longest_timer_wait);
    timer_.expires_after(wait);
    timer_.async_wait([this](const boost::system::error_code &error) {
        if (error) {
            return;
        }
        fire_due_timers();
        run();
    });
}

void TransactionLayer::fire_due_timers()
{
    osip_timers_ict_execute(osip_);
    osip_timers_ist_execute(osip_);
    osip_timers_nict_execute(osip_);
    osip_timers_nist_execute(osip_);
}

} // namespace cordon::sip
