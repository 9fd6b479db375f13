// Sends a request as a client transaction and, when a 401 or 407 answers
// it, repeats it with the answer (new branch, next CSeq) as the
// ChallengeAnswerer's policy allows: the one place every request
// (REGISTER, INVITE, BYE, MESSAGE, OPTIONS...) gets authenticated.
#pragma once

#include <functional>
#include <memory>

#include "sip/challenge_answerer.hpp"
#include "sip/request_builder.hpp"
#include "sip/signalling_context.hpp"

namespace cordon::sip {

struct AuthenticatedEvents {
    // Every response but an answered challenge, and timeouts and transport
    // errors (ClientEvent as the transaction layer reports them).
    std::function<void(const ClientEvent &)> on_event;
    // The request went out again, in transaction id: spec holds the branch
    // and CSeq now in use (a CANCEL must name them). May be empty.
    std::function<void(const RequestSpec &spec, TransactionId id)> on_resent;
    // Called to number a repeated request; default: the old CSeq plus one.
    std::function<std::uint32_t()> next_cseq;
};

// Starts the request; the events outlive it as long as a response may come.
Result<TransactionId> send_authenticated(SignallingContext &context, ChallengeAnswerer &answerer, RequestSpec spec,
                                         AuthenticatedEvents events);

} // namespace cordon::sip
