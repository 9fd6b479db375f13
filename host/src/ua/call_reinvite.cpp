// Hold and resume: a re-INVITE this agent sends, and one the peer sends
// within the call.
#include "ua/call.hpp"

#include <openssl/rand.h>

#include "ua/message_parts.hpp"

namespace cordon::ua {

namespace {

// RFC 3264 section 6.1: the answer's direction for an offered one.
sip::MediaDirection mirrored(sip::MediaDirection offered)
{
    switch (offered) {
    case sip::MediaDirection::sendonly:
        return sip::MediaDirection::recvonly;
    case sip::MediaDirection::recvonly:
        return sip::MediaDirection::sendonly;
    case sip::MediaDirection::inactive:
        return sip::MediaDirection::inactive;
    case sip::MediaDirection::sendrecv:
        break;
    }
    return sip::MediaDirection::sendrecv;
}

// RFC 3261 section 14.1: after a 491 the agent that chose the Call-ID waits
// 2.1 to 4 s, the other 0 to 2 s, in steps of 10 ms, so that the two
// re-INVITEs do not cross again.
std::chrono::milliseconds glare_wait(bool owns_call_id)
{
    const int first_step = owns_call_id ? 210 : 0;
    const int steps = owns_call_id ? 190 : 200;
    unsigned char random[2] = {};
    const int drawn = RAND_bytes(random, sizeof random) == 1 ? (random[0] << 8 | random[1]) % (steps + 1) : steps;
    return std::chrono::milliseconds(10 * (first_step + drawn));
}

} // namespace

Result<void> CallImpl::reinvite(sip::MediaDirection direction)
{
    if (state_ != CallState::established || !dialog_ || bye_sent_) {
        return Error{ErrorCode::invalid_argument, "the call is not established"};
    }
    if (reinvite_in_progress_) {
        return Error{ErrorCode::unavailable, "a re-INVITE of this call is in progress"};
    }
    // A newer hold or resume takes the place of one waiting after a 491.
    reinvite_retry_.cancel();
    sip::SessionDescription offer = local_sdp_;
    ++offer.session_version;
    offer.direction = direction;
    if (incoming_ && media_) {
        // As the answerer we wrote only the shared codecs; offer the full set now.
        offer.codecs = context_.codecs;
    }
    if (auto keyed = security_->add_to_offer(offer); !keyed) {
        return keyed.error();
    }
    auto spec =
        sip::in_dialog_request(*dialog_, "INVITE", context_.signalling.via_transport(), context_.signalling.sent_by());
    spec.contact = context_.signalling.contact_uri();
    spec.content_type = sdp_type;
    spec.body = sip::write_sdp(offer);
    std::weak_ptr<CallImpl> weak = shared_from_this();
    sip::AuthenticatedEvents events;
    events.next_cseq = [weak]() -> std::uint32_t {
        auto self = weak.lock();
        return self && self->dialog_ ? ++self->dialog_->local_cseq : 0;
    };
    events.on_event = [weak, offer](const sip::ClientEvent &event) {
        if (auto self = weak.lock()) {
            self->on_reinvite_event(event, offer);
        }
    };
    auto sent = sip::send_authenticated(context_.signalling, context_.answerer, spec, std::move(events));
    if (!sent) {
        return sent.error();
    }
    reinvite_in_progress_ = true;
    return {};
}

void CallImpl::on_reinvite_event(const sip::ClientEvent &event, sip::SessionDescription offer)
{
    if (state_ == CallState::ended || bye_sent_ ||
        (event.kind == sip::ClientEvent::Kind::response && event.response->status_code < 200)) {
        return; // an ended or ending call has no media left to change
    }
    reinvite_in_progress_ = false;
    if (event.kind != sip::ClientEvent::Kind::response) {
        context_.logger.write(LogLevel::warning, log_source,
                              "re-INVITE of call " + call_id_ + " failed: " + event.error);
        return;
    }
    const osip_message_t &response = *event.response;
    if (response.status_code >= 300) {
        context_.logger.write(LogLevel::warning, log_source,
                              "re-INVITE of call " + call_id_ + " refused: " + status_text(response));
        if (response.status_code == 491) {
            retry_reinvite_after_glare(offer.direction);
        }
        return;
    }
    send_ack(static_cast<std::uint32_t>(std::stoul(response.cseq->number)));
    auto answer = sip::read_sdp(body_of(response));
    auto negotiated = answer ? sip::accept_answer(offer, *answer) : Result<sip::NegotiatedAudio>(answer.error());
    auto protection =
        negotiated ? security_->accept_answer(*answer) : Result<std::shared_ptr<MediaProtection>>(negotiated.error());
    if (!protection) {
        send_bye("the re-INVITE's answer was refused: " + protection.error().message);
        return;
    }
    local_sdp_ = offer;
    if (auto started = set_media(*negotiated, *protection); !started) {
        send_bye("the call's audio cannot go on: " + started.error().message);
        return;
    }
    emit(offer.direction == sip::MediaDirection::sendrecv ? CallEvent::Kind::resumed : CallEvent::Kind::held,
         response.status_code);
}

void CallImpl::retry_reinvite_after_glare(sip::MediaDirection direction)
{
    // The caller chose the Call-ID.
    reinvite_retry_.arm(glare_wait(!incoming_), [weak = weak_from_this(), direction] {
        auto self = weak.lock();
        if (!self) {
            return;
        }
        if (auto sent = self->reinvite(direction); !sent) {
            self->context_.logger.write(LogLevel::warning, log_source,
                                        "re-INVITE of call " + self->call_id_ +
                                            " not sent again after 491: " + sent.error().message);
        }
    });
}

void CallImpl::answer_reinvite(sip::TransactionId id, const osip_message_t &request)
{
    // RFC 3261 section 14.2: offers crossing in one dialog; neither is applied,
    // and ours goes again after its own 491.
    if (reinvite_in_progress_) {
        (void)respond(id, request, 491);
        return;
    }
    auto offer = sip::read_sdp(body_of(request));
    if (!offer) {
        (void)respond(id, request, 488);
        return;
    }
    auto answer = sip::answer_offer(*offer, context_.codecs, local_sdp_.connection_address, local_sdp_.audio_port,
                                    mirrored(offer->direction));
    auto protection =
        answer ? security_->answer_offer(*offer, *answer) : Result<std::shared_ptr<MediaProtection>>(answer.error());
    if (!protection) {
        (void)respond(id, request, 488);
        return;
    }
    answer->session_id = local_sdp_.session_id;
    answer->session_version = local_sdp_.session_version + 1;
    answer->origin_address = local_sdp_.origin_address;
    local_sdp_ = *answer;
    if (!respond(id, request, 200, local_sdp_)) {
        return;
    }
    sip::NegotiatedAudio negotiated;
    negotiated.codec = answer->codecs.front();
    negotiated.remote_address = offer->connection_address;
    negotiated.remote_port = offer->audio_port;
    negotiated.remote_rtcp_port = offer->rtcp_port.value_or(0);
    negotiated.direction = answer->direction;
    if (auto started = set_media(negotiated, *protection); !started) {
        send_bye("the call's audio cannot go on: " + started.error().message);
        return;
    }
    const bool held =
        offer->direction == sip::MediaDirection::sendonly || offer->direction == sip::MediaDirection::inactive;
    emit(held ? CallEvent::Kind::held : CallEvent::Kind::resumed, 200);
}

} // namespace cordon::ua
