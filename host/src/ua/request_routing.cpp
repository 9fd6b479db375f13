// Where what arrives goes: a request to its call (in-dialog requests,
// CANCEL, ACK), to presence (SUBSCRIBE, NOTIFY), to the handlers of new
// calls and messages, or answered here when nothing takes it; a 2xx sent
// again to the call that acknowledged it.
#include "ua/user_agent_impl.hpp"

#include <osipparser2/osip_parser.h>

#include "sip/response_builder.hpp"

namespace cordon::ua {

namespace {

constexpr const char *allowed_methods = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY";

bool has_to_tag(const osip_message_t &request) { return request.to != nullptr && sip::tag_of(*request.to).has_value(); }

} // namespace

void UserAgentImpl::respond(sip::TransactionId id, const osip_message_t &request, int code)
{
    auto response = sip::build_response(request, code, tag_);
    if (!response) {
        return;
    }
    if (code == 405 || MSG_IS_OPTIONS(&request)) {
        osip_message_set_header(response->get(), "Allow", allowed_methods);
    }
    if (auto sent = layer_.respond(id, std::move(response.value())); !sent) {
        logger_.write(LogLevel::warning, log_source, "cannot answer a request: " + sent.error().message);
    }
}

std::shared_ptr<ua::CallImpl> UserAgentImpl::find_call(const osip_message_t &message)
{
    const auto found = calls_.find(sip::call_id_text(*message.call_id));
    return found != calls_.end() ? found->second : nullptr;
}

// Routes a request: to its call (in-dialog requests, CANCEL, ACK), or to
// the handlers of new calls and messages; answers what nothing takes.
void UserAgentImpl::on_request(sip::TransactionId id, const osip_message_t &request)
{
    if (id == 0) {
        if (auto call = find_call(request); call && MSG_IS_ACK(&request)) {
            call->on_ack(request);
        }
        return;
    }
    if (MSG_IS_CANCEL(&request)) {
        auto call = find_call(request);
        if (call) {
            call->on_cancel(id, request);
        } else {
            respond(id, request, 481);
        }
        return;
    }
    if (MSG_IS_NOTIFY(&request)) {
        presence_.on_notify(id, request); // 481 unless one of our subscriptions owns it
        return;
    }
    if (MSG_IS_SUBSCRIBE(&request)) {
        presence_.on_subscribe(id, request); // a new watcher, or a refresh of one
        return;
    }
    if (has_to_tag(request)) {
        auto call = find_call(request);
        if (call && call->belongs(request)) {
            call->on_in_dialog_request(id, request);
        } else if (MSG_IS_OPTIONS(&request)) {
            respond(id, request, 200);
        } else {
            respond(id, request, 481); // no such dialog (section 12.2.2)
        }
        return;
    }
    if (MSG_IS_INVITE(&request)) {
        on_incoming_invite(id, request);
    } else if (MSG_IS_MESSAGE(&request)) {
        on_incoming_message(id, request);
    } else if (MSG_IS_OPTIONS(&request)) {
        respond(id, request, 200);
    } else {
        respond(id, request, 405);
    }
}

void UserAgentImpl::on_incoming_invite(sip::TransactionId id, const osip_message_t &request)
{
    // A Call-ID in use never starts a second call, which would replace
    // the first in the table: it is that call's own INVITE again, or
    // someone else's request (section 8.2.2.2: 482 Loop Detected).
    if (auto existing = find_call(request)) {
        if (existing->is_own_invite_again(request)) {
            existing->answer_invite_again(id, request);
        } else {
            respond(id, request, 482);
        }
        return;
    }
    if (!incoming_call_handler_) {
        respond(id, request, 480);
        return;
    }
    if (calls_.size() >= max_calls_) {
        ++calls_refused_;
        respond(id, request, 486);
        return;
    }
    auto call = ua::CallImpl::receive(call_context(), id, request);
    if (!call) {
        logger_.write(LogLevel::warning, log_source, call.error().message);
        return;
    }
    calls_[call.value()->id()] = call.value();
    incoming_call_handler_(call.value());
}

void UserAgentImpl::on_stray_response(const osip_message_t &response)
{
    if (auto call = find_call(response)) {
        call->on_retransmitted_2xx(response);
    }
}

} // namespace cordon::ua
