// A call this agent receives: the INVITE's server side, answering or
// declining it, the 2xx sent again until its ACK, the INVITE again, and
// the caller's CANCEL.
#include "ua/call.hpp"

#include <cstring>
#include <osipparser2/osip_parser.h>

#include "sip/response_builder.hpp"
#include "sip/transaction_matching.hpp"
#include "ua/duration_text.hpp"
#include "ua/message_parts.hpp"

namespace cordon::ua {

Result<std::shared_ptr<CallImpl>> CallImpl::receive(CallContext context, sip::TransactionId id,
                                                    const osip_message_t &invite)
{
    std::shared_ptr<CallImpl> call(new CallImpl(std::move(context), true));
    call->invite_transaction_ = id;
    call->local_tag_ = sip::random_token();
    call->call_id_ = sip::call_id_text(*invite.call_id);
    call->peer_ = invite.from != nullptr && invite.from->url != nullptr ? sip::uri_text(*invite.from->url) : "";
    osip_message_t *copy = nullptr;
    if (osip_message_clone(&invite, &copy) != OSIP_SUCCESS) {
        return Error{ErrorCode::out_of_memory, "cannot keep the INVITE"};
    }
    call->invite_request_.reset(copy);
    auto offer = sip::read_sdp(body_of(invite));
    if (!offer) {
        // Cordon needs the offer in the INVITE (no offer in the 2xx yet).
        (void)call->respond(id, invite, 488);
        return Error{ErrorCode::unsupported, "incoming INVITE refused (488): " + offer.error().message};
    }
    auto security = MediaSecurity::start(call->context_.media_encryption, call->context_.encryption,
                                         call->context_.signalling.next_hop_security());
    auto acceptable = security ? security->check_offer(*offer) : Result<void>(security.error());
    if (!acceptable) {
        (void)call->respond(id, invite, 488);
        return Error{ErrorCode::unsupported, "incoming INVITE refused (488): " + acceptable.error().message};
    }
    call->security_.emplace(std::move(*security));
    call->remote_offer_ = std::move(offer.value());
    call->state_ = CallState::incoming;
    if (auto ringing = call->respond(id, invite, 180); !ringing) {
        return ringing.error();
    }
    // The caller may withdraw its offer sooner (Expires, section 13.3.1).
    if (const auto expires = header_seconds(invite, "Expires");
        expires && std::chrono::seconds(*expires) < call->context_.timeouts.ring) {
        call->invite_expires_ = std::chrono::seconds(*expires);
    }
    call->ring_deadline_.arm(call->invite_expires_.value_or(call->context_.timeouts.ring),
                             [weak = std::weak_ptr<CallImpl>(call)] {
                                 if (auto self = weak.lock()) {
                                     self->on_ring_timeout();
                                 }
                             });
    return call;
}

Result<void> CallImpl::answer(const CallAudio &audio)
{
    if (state_ != CallState::incoming) {
        return Error{ErrorCode::invalid_argument, "only an incoming call that rings can be answered"};
    }
    ring_deadline_.cancel();
    auto stream = call_media::AudioStream::open(context_.signalling.loop(), context_.local_address, audio,
                                                context_.logger, context_.media_streams.token());
    if (!stream) {
        (void)respond(invite_transaction_, *invite_request_, 500);
        end(500, "cannot open the call's audio: " + stream.error().message);
        return stream.error();
    }
    stream_ = std::move(*stream);
    auto answer = sip::answer_offer(*remote_offer_, context_.codecs, context_.local_address, stream_->local_rtp().port);
    auto protection = answer ? security_->answer_offer(*remote_offer_, *answer)
                             : Result<std::shared_ptr<MediaProtection>>(answer.error());
    if (!protection) {
        (void)respond(invite_transaction_, *invite_request_, 488);
        end(488, "the caller's offer cannot be answered: " + protection.error().message);
        return protection.error();
    }
    answer->session_id = new_session_id();
    answer->session_version = 1;
    answer->origin_address = context_.local_address;
    auto dialog = sip::dialog_as_callee(*invite_request_, local_tag_);
    if (!dialog) {
        (void)respond(invite_transaction_, *invite_request_, 400);
        end(400, dialog.error().message);
        return dialog.error();
    }
    dialog_ = std::move(dialog.value());
    local_sdp_ = *answer;
    if (auto sent = respond(invite_transaction_, *invite_request_, 200, local_sdp_); !sent) {
        end(0, "cannot send the 200: " + sent.error().message);
        return sent.error();
    }
    sip::NegotiatedAudio negotiated;
    negotiated.codec = local_sdp_.codecs.front();
    negotiated.remote_address = remote_offer_->connection_address;
    negotiated.remote_port = remote_offer_->audio_port;
    negotiated.remote_rtcp_port = remote_offer_->rtcp_port.value_or(0);
    negotiated.direction = local_sdp_.direction;
    if (auto started = set_media(negotiated, *protection); !started) {
        send_bye("the call's audio cannot start: " + started.error().message);
        return started.error();
    }
    state_ = CallState::established;
    watch_media();
    emit(CallEvent::Kind::answered, 200);
    return {};
}

Result<void> CallImpl::decline(int status_code)
{
    if (state_ != CallState::incoming) {
        return Error{ErrorCode::invalid_argument, "only an incoming call that rings can be declined"};
    }
    if (status_code < 300 || status_code > 699) {
        return Error{ErrorCode::invalid_argument, "a call is declined with a 3xx-6xx status"};
    }
    auto sent = respond(invite_transaction_, *invite_request_, status_code);
    end(status_code, "declined");
    return sent;
}

Result<void> CallImpl::respond(sip::TransactionId id, const osip_message_t &request, int code,
                               const std::optional<sip::SessionDescription> &body)
{
    auto response = sip::build_response(request, code, local_tag_);
    if (!response) {
        return response.error();
    }
    osip_message_t *raw = response->get();
    if (code > 100 && code < 300) {
        sip::add_dialog_fields(*raw, request, context_.signalling.contact_uri());
    }
    if (body) {
        const std::string text = sip::write_sdp(*body);
        osip_message_set_content_type(raw, sdp_type);
        osip_message_set_body(raw, text.data(), text.size());
        osip_free(raw->content_length->value);
        raw->content_length->value = osip_strdup(std::to_string(text.size()).c_str());
    }
    if (code >= 200 && code < 300 && MSG_IS_INVITE(&request)) {
        if (const auto route = context_.transactions.route_of(id)) {
            retransmit_until_acknowledged(*raw, *route);
        }
    }
    return context_.transactions.respond(id, std::move(response.value()));
}

// The 2xx goes again the way its INVITE came: over the agent's flow, or
// back to a peer of the opt-in listening port.
void CallImpl::retransmit_until_acknowledged(osip_message_t &response, const sip::FlowRoute &route)
{
    char *text = nullptr;
    size_t length = 0;
    if (osip_message_to_str(&response, &text, &length) != OSIP_SUCCESS) {
        return;
    }
    std::string sent(text, length);
    osip_free(text);
    osip_message_force_update(&response);
    const auto cseq = static_cast<std::uint32_t>(std::stoul(response.cseq->number));
    if (unacknowledged_ && unacknowledged_->cseq() == cseq) {
        return; // the INVITE came again: its 2xx already goes again, and gives up when it would have
    }
    std::weak_ptr<CallImpl> weak = shared_from_this();
    unacknowledged_ = std::make_unique<AnswerRetransmission>(
        context_.signalling.loop(), cseq, context_.timeouts.timer_64_t1,
        [weak, route, sent = std::move(sent)] {
            if (auto self = weak.lock()) {
                (void)self->context_.transactions.send_again(route, sent);
            }
        },
        [weak] {
            if (auto self = weak.lock()) {
                self->send_bye("no ACK for the 200 OK within " + duration_text(self->context_.timeouts.timer_64_t1));
            }
        });
}

void CallImpl::on_ack(const osip_message_t &ack)
{
    if (unacknowledged_ && ack.cseq != nullptr && ack.cseq->number != nullptr &&
        unacknowledged_->acknowledge(static_cast<std::uint32_t>(std::strtoul(ack.cseq->number, nullptr, 10)))) {
        unacknowledged_.reset();
    }
}

bool CallImpl::is_own_invite_again(const osip_message_t &invite) const
{
    return incoming_ && invite_request_ && sip::repeats(invite, *invite_request_);
}

void CallImpl::answer_invite_again(sip::TransactionId id, const osip_message_t &invite)
{
    if (state_ == CallState::established) {
        (void)respond(id, invite, 200, local_sdp_);
    } else {
        // Its transaction still runs and absorbs it; a copy that outlived
        // the transaction has nothing to be answered with.
        (void)respond(id, invite, 482);
    }
}

void CallImpl::on_cancel(sip::TransactionId id, const osip_message_t &cancel)
{
    // Only the INVITE's own transaction can be cancelled: sharing the
    // Call-ID is not enough (section 9.2).
    if (!incoming_ || !invite_request_ || !sip::cancels(cancel, *invite_request_)) {
        (void)respond(id, cancel, 481);
        return;
    }
    (void)respond(id, cancel, 200);
    if (state_ == CallState::incoming) {
        (void)respond(invite_transaction_, *invite_request_, 487);
        end(487, "cancelled by the caller");
    }
}

} // namespace cordon::ua
