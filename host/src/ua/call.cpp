#include "call.hpp"

#include <cstring>
#include <osipparser2/osip_parser.h>

#include "call_media/codec_choice.hpp"
#include "media_inactivity.hpp"
#include "message_parts.hpp"
#include "sip/transaction_matching.hpp"
#include "sip/response_builder.hpp"

namespace cordon::ua {

namespace {

constexpr std::string_view host_source = "sip";
constexpr const char *sdp_type = "application/sdp";

std::uint64_t random_session_id() { return std::stoull(sip::random_token().substr(0, 12), nullptr, 16); }

// "3 s", or "1500 ms" for a limit that is not whole seconds.
std::string duration_text(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0) {
        return std::to_string(duration.count() / 1000) + " s";
    }
    return std::to_string(duration.count()) + " ms";
}

std::string reason_of(const osip_message_t &response)
{
    return std::to_string(response.status_code) + " " +
           (response.reason_phrase != nullptr ? response.reason_phrase : "");
}

CallMedia to_call_media(const sip::NegotiatedAudio &audio)
{
    CallMedia media;
    media.codec = audio.codec.encoding_name;
    media.clock_rate = audio.codec.clock_rate;
    media.channels = audio.codec.channels;
    media.payload_type = audio.codec.payload_type;
    media.remote = Endpoint{audio.remote_address, audio.remote_port};
    media.direction = sip::to_string(audio.direction);
    return media;
}

bool sends(sip::MediaDirection direction)
{
    return direction == sip::MediaDirection::sendrecv || direction == sip::MediaDirection::sendonly;
}

bool receives(sip::MediaDirection direction)
{
    return direction == sip::MediaDirection::sendrecv || direction == sip::MediaDirection::recvonly;
}

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

} // namespace

CallImpl::CallImpl(CallContext context, bool incoming)
    : context_(std::move(context)), alive_(context_.call_objects.token()), incoming_(incoming),
      ring_deadline_(context_.signalling.loop()), cancel_deadline_(context_.signalling.loop()),
      media_watch_(context_.signalling.loop())
{
}

CallImpl::~CallImpl() = default;

Result<std::shared_ptr<CallImpl>> CallImpl::dial(CallContext context, const std::string &target, const CallAudio &audio)
{
    if (context.codecs.empty()) {
        return Error{ErrorCode::unavailable, "no codec plugin is loaded, so there is nothing to offer"};
    }
    auto security =
        MediaSecurity::start(context.media_encryption, context.encryption, context.signalling.next_hop_security());
    if (!security) {
        return security.error();
    }
    auto stream = call_media::AudioStream::open(context.signalling.loop(), context.local_address, audio, context.logger,
                                                context.media_streams.token());
    if (!stream) {
        return stream.error();
    }
    std::shared_ptr<CallImpl> call(new CallImpl(std::move(context), false));
    call->security_.emplace(std::move(*security));
    call->stream_ = std::move(*stream);
    call->call_id_ = sip::random_token();
    call->peer_ = target;
    call->local_sdp_.session_id = random_session_id();
    call->local_sdp_.session_version = 1;
    call->local_sdp_.origin_address = call->context_.local_address;
    call->local_sdp_.connection_address = call->context_.local_address;
    call->local_sdp_.audio_port = call->stream_->local_rtp().port;
    call->local_sdp_.codecs = call->context_.codecs;
    call->local_sdp_.ptime_ms = 20;
    if (auto keyed = call->security_->add_to_offer(call->local_sdp_); !keyed) {
        return keyed.error();
    }

    sip::RequestSpec &invite = call->invite_;
    invite.method = "INVITE";
    invite.request_uri = target;
    invite.from = call->context_.local_identity;
    invite.from_tag = sip::random_token();
    invite.to = "<" + target + ">";
    invite.call_id = call->call_id_;
    invite.cseq = 1;
    invite.content_type = sdp_type;
    invite.body = sip::write_sdp(call->local_sdp_);
    if (auto sent = call->send_invite(); !sent) {
        return sent.error();
    }
    call->ring_deadline_.arm(call->context_.timeouts.ring, [weak = std::weak_ptr<CallImpl>(call)] {
        if (auto self = weak.lock()) {
            self->on_ring_timeout();
        }
    });
    return call;
}

Result<void> CallImpl::send_invite()
{
    auto opened = context_.signalling.ensure_flow();
    if (!opened) {
        return opened.error();
    }
    invite_.via_transport = context_.signalling.via_transport();
    invite_.via_sent_by = context_.signalling.sent_by();
    invite_.via_branch = sip::new_branch();
    invite_.contact = context_.signalling.contact_uri();
    std::weak_ptr<CallImpl> weak = shared_from_this();
    sip::AuthenticatedEvents events;
    events.on_event = [weak](const sip::ClientEvent &event) {
        if (auto self = weak.lock()) {
            self->on_invite_event(event);
        }
    };
    events.on_resent = [weak](const sip::RequestSpec &spec, sip::TransactionId id) {
        if (auto self = weak.lock()) {
            self->invite_ = spec;
            self->invite_client_transaction_ = id;
            self->provisional_seen_ = false;
            self->cancel_sent_ = false;
        }
    };
    auto sent = sip::send_authenticated(context_.signalling, context_.answerer, invite_, std::move(events));
    if (!sent) {
        return sent.error();
    }
    invite_client_transaction_ = *sent;
    return {};
}

void CallImpl::on_invite_event(const sip::ClientEvent &event)
{
    if (state_ == CallState::ended) {
        return;
    }
    if (event.kind != sip::ClientEvent::Kind::response) {
        end(0, event.kind == sip::ClientEvent::Kind::timeout ? "no answer from the network (INVITE timed out)"
                                                             : event.error);
        return;
    }
    const osip_message_t &response = *event.response;
    const int code = response.status_code;
    if (code < 200) {
        provisional_seen_ = true;
        if (cancel_wanted_) {
            send_cancel();
        }
        if (code == 100) {
            emit(CallEvent::Kind::trying, code);
        } else if (state_ != CallState::ringing) {
            state_ = CallState::ringing;
            emit(CallEvent::Kind::ringing, code);
        }
        return;
    }
    if (code < 300) {
        on_invite_answered(response);
        return;
    }
    if (!event.error.empty()) {
        end(code, "not authenticated: " + event.error);
    } else if (code == 487 && cancel_wanted_) {
        end(code, cancel_reason());
    } else {
        end(code, reason_of(response));
    }
}

void CallImpl::on_invite_answered(const osip_message_t &response)
{
    if (dialog_) {
        return; // a second 2xx (forking) is acknowledged by on_retransmitted_2xx
    }
    auto invite = sip::build_request(invite_);
    if (!invite) {
        end(response.status_code, invite.error().message);
        return;
    }
    auto dialog = sip::dialog_as_caller(**invite, response);
    if (!dialog) {
        end(response.status_code, "unusable 2xx: " + dialog.error().message);
        return;
    }
    dialog_ = std::move(dialog.value());
    send_ack(invite_.cseq);
    ring_deadline_.cancel();
    cancel_deadline_.cancel();
    if (cancel_wanted_) {
        send_bye(ring_timed_out_ ? cancel_reason() + ", then the answer arrived" : "hung up before the answer arrived");
        return;
    }
    auto answer = sip::read_sdp(body_of(response));
    auto negotiated = answer ? sip::accept_answer(local_sdp_, *answer) : Result<sip::NegotiatedAudio>(answer.error());
    if (!negotiated) {
        send_bye("the answer's SDP was refused: " + negotiated.error().message);
        return;
    }
    auto protection = security_->accept_answer(*answer);
    if (!protection) {
        send_bye("the answer's media security was refused: " + protection.error().message);
        return;
    }
    if (auto started = set_media(*negotiated, *protection); !started) {
        send_bye("the call's audio cannot start: " + started.error().message);
        return;
    }
    state_ = CallState::established;
    watch_media();
    emit(CallEvent::Kind::answered, response.status_code);
}

void CallImpl::send_ack(std::uint32_t cseq)
{
    if (!dialog_) {
        return;
    }
    auto spec = sip::in_dialog_request(*dialog_, "ACK", context_.signalling.via_transport(),
                                       context_.signalling.sent_by(), cseq);
    auto ack = sip::build_request(spec);
    if (!ack || !context_.signalling.send_outside_transaction(**ack)) {
        context_.logger.write(LogLevel::warning, host_source, "cannot send the ACK of call " + call_id_);
    }
}

void CallImpl::on_retransmitted_2xx(const osip_message_t &response)
{
    if (dialog_ && response.cseq != nullptr && response.cseq->method != nullptr &&
        std::string(response.cseq->method) == "INVITE") {
        send_ack(static_cast<std::uint32_t>(std::stoul(response.cseq->number)));
    }
}

void CallImpl::send_cancel()
{
    // RFC 3261 section 9.1: the CANCEL copies the INVITE's Request-URI, Call-ID,
    // From, To, CSeq number and top Via (its branch), and waits for a 1xx.
    cancel_wanted_ = true;
    if (!provisional_seen_ || cancel_sent_) {
        return;
    }
    cancel_sent_ = true;
    sip::RequestSpec cancel = invite_;
    cancel.method = "CANCEL";
    cancel.body.clear();
    cancel.content_type.clear();
    cancel.contact.reset();
    cancel.headers.clear();
    auto request = sip::build_request(cancel);
    if (!request) {
        return;
    }
    (void)context_.signalling.send_request(std::move(request.value()), [](const sip::ClientEvent &) {});
    if (!cancel_deadline_.armed()) {
        cancel_deadline_.arm(context_.timeouts.timer_64_t1, [weak = weak_from_this()] {
            if (auto self = weak.lock()) {
                self->on_cancel_unanswered();
            }
        });
    }
}

void CallImpl::on_cancel_unanswered()
{
    if (state_ != CallState::calling && state_ != CallState::ringing) {
        return;
    }
    // RFC 3261 section 9.1: the INVITE's transaction is destroyed, as the
    // peer will not end it.
    context_.transactions.abandon(invite_client_transaction_);
    end(408, cancel_reason() + ", and no final response came within " + duration_text(context_.timeouts.timer_64_t1) +
                 " of the CANCEL");
}

std::string CallImpl::cancel_reason() const
{
    if (ring_timed_out_) {
        return "no answer within " + duration_text(context_.timeouts.ring) + " (ring timeout), cancelled";
    }
    return "cancelled";
}

void CallImpl::on_ring_timeout()
{
    if (state_ == CallState::incoming && invite_expires_) {
        (void)respond(invite_transaction_, *invite_request_, 487);
        end(487, "not answered within the " + duration_text(*invite_expires_) + " the caller's Expires allowed");
    } else if (state_ == CallState::incoming) {
        (void)respond(invite_transaction_, *invite_request_, 480);
        end(480, "not answered within " + duration_text(context_.timeouts.ring) + " (ring timeout)");
    } else if (state_ == CallState::calling || state_ == CallState::ringing) {
        ring_timed_out_ = true;
        send_cancel();
    }
}

void CallImpl::watch_media()
{
    const std::chrono::milliseconds limit = context_.timeouts.media_inactivity;
    if (state_ != CallState::established || !stream_ || !media_ || limit.count() == 0) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const MediaInactivity verdict = judge_media_inactivity(media_direction_, stream_->last_heard(), now, limit);
    if (verdict.overdue) {
        send_bye("no media from the peer for " + duration_text(limit));
        return;
    }
    media_watch_.arm(verdict.next_check - now, [weak = weak_from_this()] {
        if (auto self = weak.lock()) {
            self->watch_media();
        }
    });
}

void CallImpl::send_bye(const std::string &reason)
{
    if (bye_sent_) {
        return;
    }
    if (!dialog_) {
        end(0, reason);
        return;
    }
    auto spec =
        sip::in_dialog_request(*dialog_, "BYE", context_.signalling.via_transport(), context_.signalling.sent_by());
    std::weak_ptr<CallImpl> weak = shared_from_this();
    sip::AuthenticatedEvents events;
    events.next_cseq = [weak]() -> std::uint32_t {
        auto self = weak.lock();
        return self && self->dialog_ ? ++self->dialog_->local_cseq : 0;
    };
    events.on_event = [weak, reason](const sip::ClientEvent &event) {
        auto self = weak.lock();
        if (self && (event.kind != sip::ClientEvent::Kind::response || event.response->status_code >= 200)) {
            self->end(0, reason);
        }
    };
    if (auto sent = sip::send_authenticated(context_.signalling, context_.answerer, spec, std::move(events)); !sent) {
        end(0, reason + " (the BYE could not be sent: " + sent.error().message + ")");
        return;
    }
    // The peer has been told: no media either way from now on, however
    // long its answer takes (section 15).
    bye_sent_ = true;
    stop_media();
}

void CallImpl::hang_up()
{
    switch (state_) {
    case CallState::calling:
    case CallState::ringing:
        send_cancel();
        break;
    case CallState::incoming:
        (void)decline(603);
        break;
    case CallState::established:
        send_bye("hung up");
        break;
    case CallState::ended:
        break;
    }
}

Result<void> CallImpl::reinvite(sip::MediaDirection direction)
{
    if (state_ != CallState::established || !dialog_ || bye_sent_) {
        return Error{ErrorCode::invalid_argument, "the call is not established"};
    }
    if (reinvite_in_progress_) {
        return Error{ErrorCode::unavailable, "a re-INVITE of this call is in progress"};
    }
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
        context_.logger.write(LogLevel::warning, host_source,
                              "re-INVITE of call " + call_id_ + " failed: " + event.error);
        return;
    }
    const osip_message_t &response = *event.response;
    if (response.status_code >= 300) {
        context_.logger.write(LogLevel::warning, host_source,
                              "re-INVITE of call " + call_id_ + " refused: " + reason_of(response));
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
    answer->session_id = random_session_id();
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

bool CallImpl::belongs(const osip_message_t &request) const { return dialog_ && dialog_->matches(request); }

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

void CallImpl::on_in_dialog_request(sip::TransactionId id, const osip_message_t &request)
{
    const auto cseq = static_cast<std::uint32_t>(std::stoul(request.cseq->number));
    if (dialog_->remote_cseq && cseq <= *dialog_->remote_cseq) {
        (void)respond(id, request, 500, {}); // section 12.2.2: out of order
        return;
    }
    dialog_->remote_cseq = cseq;
    if (MSG_IS_BYE(&request)) {
        (void)respond(id, request, 200);
        end(0, "hung up by the peer");
    } else if (MSG_IS_INVITE(&request) && bye_sent_) {
        (void)respond(id, request, 481); // our BYE ends the dialog: no new offer
    } else if (MSG_IS_INVITE(&request)) {
        answer_reinvite(id, request);
    } else {
        (void)respond(id, request, 405);
    }
}

void CallImpl::answer_reinvite(sip::TransactionId id, const osip_message_t &request)
{
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

Result<void> CallImpl::set_media(const sip::NegotiatedAudio &audio, std::shared_ptr<MediaProtection> protection)
{
    media_ = to_call_media(audio);
    media_direction_ = audio.direction;
    call_media::StreamPlan plan;
    plan.codec = call_media::find_codec_for(context_.plugins, audio.codec.encoding_name, audio.codec.clock_rate);
    plan.encoding_name = audio.codec.encoding_name;
    plan.clock_rate = audio.codec.clock_rate;
    plan.channels = audio.codec.channels;
    plan.payload_type = audio.codec.payload_type;
    plan.remote_rtp = Endpoint{audio.remote_address, audio.remote_port};
    // RFC 3550 section 11: RTCP on the next port, unless a=rtcp said another.
    plan.remote_rtcp =
        Endpoint{audio.remote_address, audio.remote_rtcp_port != 0 ? audio.remote_rtcp_port
                                                                   : static_cast<std::uint16_t>(audio.remote_port + 1)};
    plan.send = sends(audio.direction);
    plan.receive = receives(audio.direction);
    plan.protection = std::move(protection);
    return stream_->apply(plan);
}

std::optional<MediaStats> CallImpl::media_stats() const
{
    if (!stream_ || !media_) {
        return final_stats_;
    }
    return stream_->stats();
}

void CallImpl::emit(CallEvent::Kind kind, int status_code, std::string reason)
{
    if (handler_) {
        handler_(CallEvent{kind, status_code, std::move(reason)});
    }
}

void CallImpl::end(int status_code, std::string reason)
{
    if (state_ == CallState::ended) {
        return;
    }
    state_ = CallState::ended;
    release();
    // Keep this call alive through the handlers, which may drop the last reference.
    const auto self = shared_from_this();
    // The application's handler goes too, once it has heard the end: a
    // handler that holds its own call would otherwise keep it forever.
    const EventHandler handler = std::move(handler_);
    handler_ = nullptr;
    if (handler) {
        handler(CallEvent{CallEvent::Kind::ended, status_code, std::move(reason)});
    }
    if (context_.on_ended) {
        context_.on_ended(call_id_);
    }
}

void CallImpl::release()
{
    stop_media();
    unacknowledged_.reset();
    ring_deadline_.cancel();
    cancel_deadline_.cancel();
    invite_request_.reset();
    remote_offer_.reset();
}

void CallImpl::stop_media()
{
    if (stream_) {
        stream_->stop();
        if (media_) {
            final_stats_ = stream_->stats();
        }
        stream_.reset();
    }
    security_.reset();
    media_watch_.cancel();
}

} // namespace cordon::ua
