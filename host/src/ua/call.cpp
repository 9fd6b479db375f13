// What a call does whichever side began it: its media and the watch on
// it, the ring timeout, the BYE, requests within the dialog, and its end.
#include "ua/call.hpp"

#include "call_media/codec_choice.hpp"
#include "ua/duration_text.hpp"
#include "ua/media_inactivity.hpp"

namespace cordon::ua {

namespace {

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

} // namespace

std::uint64_t CallImpl::new_session_id() { return std::stoull(sip::random_token().substr(0, 12), nullptr, 16); }

CallImpl::CallImpl(CallContext context, bool incoming)
    : context_(std::move(context)), alive_(context_.call_objects.token()), incoming_(incoming),
      ring_deadline_(context_.signalling.loop()), cancel_deadline_(context_.signalling.loop()),
      media_watch_(context_.signalling.loop()), reinvite_retry_(context_.signalling.loop())
{
}

CallImpl::~CallImpl() = default;

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

bool CallImpl::belongs(const osip_message_t &request) const { return dialog_ && dialog_->matches(request); }

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
    reinvite_retry_.cancel();
    invite_request_.reset();
    remote_offer_.reset();
    other_forks_.clear();
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
