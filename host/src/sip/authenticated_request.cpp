#include "sip/authenticated_request.hpp"

namespace cordon::sip {

namespace {

struct Pending {
    SignallingContext &context;
    ChallengeAnswerer &answerer;
    RequestSpec spec;
    AuthenticatedEvents events;
    AuthAttempt attempt;
};

Result<TransactionId> send(const std::shared_ptr<Pending> &pending);

void on_event(const std::shared_ptr<Pending> &pending, const ClientEvent &event)
{
    const int code = event.kind == ClientEvent::Kind::response ? event.response->status_code : 0;
    if (code != 401 && code != 407) {
        pending->events.on_event(event);
        return;
    }
    AuthRequest request;
    request.method = pending->spec.method;
    request.request_uri = pending->spec.request_uri;
    request.body = std::span(reinterpret_cast<const uint8_t *>(pending->spec.body.data()), pending->spec.body.size());
    const NextHopSecurity hop = pending->context.next_hop_security();
    request.next_hop_secure = hop.authenticated;
    static const std::vector<HeaderField> none;
    auto authorization =
        pending->answerer.answer(code, event.fields != nullptr ? *event.fields : none, request, pending->attempt);
    if (!authorization) {
        ClientEvent refused = event;
        refused.error = authorization.error().message;
        if (!hop.authenticated) {
            // Often the reason (Basic is answered only to an authenticated peer).
            refused.error += " (the next hop is " + hop.name + ", not an authenticated TLS server)";
        }
        pending->events.on_event(refused);
        return;
    }
    auto &headers = pending->spec.headers;
    std::erase_if(headers, [&](const auto &header) { return header.first == authorization->name; });
    headers.emplace_back(authorization->name, authorization->value);
    pending->spec.cseq = pending->events.next_cseq ? pending->events.next_cseq() : pending->spec.cseq + 1;
    pending->spec.via_branch = new_branch();
    auto sent = send(pending);
    if (!sent) {
        ClientEvent failed;
        failed.kind = ClientEvent::Kind::transport_error;
        failed.error = sent.error().message;
        pending->events.on_event(failed);
        return;
    }
    if (pending->events.on_resent) {
        pending->events.on_resent(pending->spec, *sent);
    }
}

Result<TransactionId> send(const std::shared_ptr<Pending> &pending)
{
    auto request = build_request(pending->spec);
    if (!request) {
        return request.error();
    }
    return pending->context.send_request(std::move(request.value()),
                                         [pending](const ClientEvent &event) { on_event(pending, event); });
}

} // namespace

Result<TransactionId> send_authenticated(SignallingContext &context, ChallengeAnswerer &answerer, RequestSpec spec,
                                         AuthenticatedEvents events)
{
    auto pending = std::make_shared<Pending>(Pending{context, answerer, std::move(spec), std::move(events), {}});
    return send(pending);
}

} // namespace cordon::sip
