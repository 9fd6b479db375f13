// Requests outside a dialog that are not calls: MESSAGE (RFC 3428) and
// OPTIONS sent, through challenges, with their final outcome; MESSAGE
// received, its S/MIME body decrypted or refused.
#include "ua/user_agent_impl.hpp"

#include "sip/authenticated_request.hpp"
#include "ua/message_parts.hpp"

namespace cordon::ua {

Result<void> UserAgentImpl::send_message(const std::string &target, const std::string &content_type,
                                         const std::string &body, std::function<void(const RequestOutcome &)> done)
{
    const sip::NextHopSecurity hop = flow_.security();
    auto outgoing = body_protection_.protect(target, cordon::NextHop{hop.name, hop.authenticated}, content_type, body);
    if (!outgoing) {
        return outgoing.error();
    }
    auto spec = out_of_dialog_request("MESSAGE", target);
    spec.content_type = outgoing->content_type;
    spec.body = std::move(outgoing->body);
    if (outgoing->encrypted) {
        spec.headers.emplace_back("Content-Transfer-Encoding", "binary"); // RFC 8591: CMS as it is
    }
    return send_for_outcome(std::move(spec), std::move(done));
}

Result<void> UserAgentImpl::send_options(const std::string &target, std::function<void(const RequestOutcome &)> done)
{
    return send_for_outcome(out_of_dialog_request("OPTIONS", target), std::move(done));
}

sip::RequestSpec UserAgentImpl::out_of_dialog_request(const std::string &method, const std::string &target)
{
    sip::RequestSpec spec;
    spec.method = method;
    spec.request_uri = target;
    spec.from = identity_;
    spec.from_tag = sip::random_token();
    spec.to = "<" + target + ">";
    spec.call_id = sip::random_token();
    spec.cseq = 1;
    return spec;
}

Result<void> UserAgentImpl::send_for_outcome(sip::RequestSpec spec, std::function<void(const RequestOutcome &)> done)
{
    if (auto opened = flow_.open(); !opened) {
        return opened.error();
    }
    spec.via_transport = via_transport();
    spec.via_sent_by = sent_by();
    spec.via_branch = sip::new_branch();
    sip::AuthenticatedEvents events;
    events.on_event = [done = std::move(done)](const sip::ClientEvent &event) {
        if (event.kind == sip::ClientEvent::Kind::response && event.response->status_code < 200) {
            return;
        }
        if (done) {
            done(outcome_of(event));
        }
    };
    auto sent = sip::send_authenticated(*this, answerer_, std::move(spec), std::move(events));
    if (!sent) {
        return sent.error();
    }
    return {};
}

// An S/MIME body is decrypted, or the MESSAGE is answered 493
// Undecipherable (RFC 3261 section 23.2) and not delivered: never
// ciphertext or a tampered body handed on as if it were the message.
void UserAgentImpl::on_incoming_message(sip::TransactionId id, const osip_message_t &request)
{
    const std::string from =
        request.from != nullptr && request.from->url != nullptr ? sip::uri_text(*request.from->url) : "";
    auto received = body_protection_.unprotect(content_type_value(request), body_of(request));
    if (!received) {
        ++messages_undecipherable_;
        logger_.write(LogLevel::warning, log_source,
                      "a MESSAGE from " + from + " was not delivered (493): " + received.error().message);
        respond(id, request, 493);
        return;
    }
    respond(id, request, 200);
    if (message_handler_) {
        message_handler_(IncomingMessage{from, std::move(received->body.content_type), std::move(received->body.body),
                                         received->encrypted});
    }
}

} // namespace cordon::ua
