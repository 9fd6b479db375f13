// A call this agent makes: the INVITE (through challenges), its answer
// and ACK, the 2xx sent again, and the CANCEL before an answer.
#include "ua/call.hpp"

#include "ua/duration_text.hpp"
#include "ua/message_parts.hpp"

namespace cordon::ua {

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
    call->local_sdp_.session_id = new_session_id();
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
        // RFC 3261 section 8.1.3.1: a transaction timeout counts as a 408.
        const bool timed_out = event.kind == sip::ClientEvent::Kind::timeout;
        end(timed_out ? 408 : 0, timed_out ? "no answer from the network (INVITE timed out)" : event.error);
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
        end(code, status_text(response));
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
    if (dialog_) {
        send_ack_in(*dialog_, cseq);
    }
}

void CallImpl::send_ack_in(sip::Dialog &dialog, std::uint32_t cseq)
{
    auto spec =
        sip::in_dialog_request(dialog, "ACK", context_.signalling.via_transport(), context_.signalling.sent_by(), cseq);
    auto ack = sip::build_request(spec);
    if (!ack || !context_.signalling.send_outside_transaction(**ack)) {
        context_.logger.write(LogLevel::warning, log_source, "cannot send the ACK of call " + call_id_);
    }
}

void CallImpl::on_retransmitted_2xx(const osip_message_t &response)
{
    if (!dialog_ || incoming_ || response.cseq == nullptr || response.cseq->method == nullptr ||
        std::string(response.cseq->method) != "INVITE" || response.to == nullptr) {
        return;
    }
    const auto cseq = static_cast<std::uint32_t>(std::stoul(response.cseq->number));
    const std::string tag = sip::tag_of(*response.to).value_or("");
    if (tag == dialog_->remote_tag) {
        send_ack(cseq); // our dialog's 2xx again: the ACK was lost
        return;
    }
    end_other_fork(response, tag, cseq);
}

// RFC 3261 section 13.2.2.4: a second fork answered too. Each 2xx gets its
// ACK, and a dialog the call does not keep ends with a BYE, sent once; its
// 2xx sent again is acknowledged again. The call keeps the first answer.
void CallImpl::end_other_fork(const osip_message_t &response, const std::string &tag, std::uint32_t cseq)
{
    auto known = other_forks_.find(tag);
    if (known == other_forks_.end()) {
        if (other_forks_.size() >= max_other_forks) {
            return; // a peer answering from ever more forks gets no more of our messages
        }
        auto invite = sip::build_request(invite_);
        auto dialog = invite ? sip::dialog_as_caller(**invite, response) : Result<sip::Dialog>(invite.error());
        if (!dialog) {
            context_.logger.write(LogLevel::warning, log_source,
                                  "call " + call_id_ +
                                      ": an unusable 2xx from another fork: " + dialog.error().message);
            return;
        }
        known = other_forks_.emplace(tag, std::move(dialog.value())).first;
        send_ack_in(known->second, cseq);
        auto bye = sip::in_dialog_request(known->second, "BYE", context_.signalling.via_transport(),
                                          context_.signalling.sent_by());
        const std::string call_id = call_id_;
        Logger &logger = context_.logger;
        sip::AuthenticatedEvents events;
        events.on_event = [&logger, call_id](const sip::ClientEvent &event) {
            if (event.kind != sip::ClientEvent::Kind::response) {
                logger.write(LogLevel::info, log_source,
                             "call " + call_id + ": the BYE to another fork got no answer: " + event.error);
            }
        };
        if (auto sent = sip::send_authenticated(context_.signalling, context_.answerer, bye, std::move(events));
            !sent) {
            context_.logger.write(LogLevel::warning, log_source,
                                  "call " + call_id_ + ": cannot end another fork's dialog: " + sent.error().message);
        }
        return;
    }
    send_ack_in(known->second, cseq);
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

} // namespace cordon::ua
