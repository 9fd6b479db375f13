#include "ua/presence_subscription.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>
#include <osipparser2/osip_parser.h>

#include "sip/request_builder.hpp"
#include "ua/message_parts.hpp"
#include "ua/presence_document.hpp"
#include "ua/presence_notify.hpp"

namespace cordon::ua {

namespace {

constexpr std::string_view presence_source = "presence";
// After an unsubscribe was accepted, how long the NOTIFY that ends the
// subscription may take before the agent forgets it anyway.
constexpr std::chrono::seconds last_notify_wait{5};
// The longest a Retry-After or Min-Expires from the network is followed.
constexpr std::uint32_t longest_followed_s = 3600;

// A refresh well before the subscription runs out (two thirds of the way).
std::chrono::milliseconds refresh_delay(std::uint32_t expires)
{
    return std::chrono::milliseconds(std::uint64_t{expires} * 2000 / 3);
}

} // namespace

std::shared_ptr<PresenceSubscription> PresenceSubscription::create(PresenceContext &context, RequestGate &gate,
                                                                   std::string contact, Handlers handlers)
{
    return std::shared_ptr<PresenceSubscription>(
        new PresenceSubscription(context, gate, std::move(contact), std::move(handlers)));
}

PresenceSubscription::PresenceSubscription(PresenceContext &context, RequestGate &gate, std::string contact,
                                           Handlers handlers)
    : context_(context), gate_(gate), handlers_(std::move(handlers)),
      expires_asked_(context.limits.subscription_expires_s), timer_(context.signalling.loop())
{
    latest_.contact = std::move(contact);
}

PresenceSubscription::~PresenceSubscription() { leave_gate(); }

void PresenceSubscription::start()
{
    dialog_.reset();
    subscribe_ = sip::RequestSpec{};
    subscribe_.method = "SUBSCRIBE";
    subscribe_.request_uri = latest_.contact;
    subscribe_.from = context_.local_identity;
    subscribe_.from_tag = sip::random_token();
    subscribe_.to = "<" + latest_.contact + ">";
    subscribe_.call_id = sip::random_token();
    subscribe_.cseq = 0;
    send_subscribe(expires_asked_);
}

bool PresenceSubscription::owns(std::string_view call_id, std::string_view to_tag) const
{
    return !finished_ && call_id == subscribe_.call_id && to_tag == subscribe_.from_tag;
}

void PresenceSubscription::send_subscribe(std::uint32_t expires)
{
    subscribe_in_flight_ = true;
    gate_.enter([weak = weak_from_this(), &gate = gate_, expires] {
        auto self = weak.lock();
        if (!self || self->finished_) {
            gate.leave();
            return;
        }
        if (self->stopping_ && !self->dialog_) {
            gate.leave(); // unsubscribed before its first SUBSCRIBE went out
            self->subscribe_in_flight_ = false;
            self->end("unsubscribed");
            return;
        }
        self->holding_gate_ = true;
        if (auto sent = self->send_now(expires); !sent) {
            self->subscribe_in_flight_ = false;
            self->leave_gate();
            if (self->stopping_) {
                self->end("unsubscribed");
            } else {
                self->retry_after(presence_backoff(self->failures_++), "cannot subscribe: " + sent.error().message);
            }
        }
    });
}

void PresenceSubscription::leave_gate()
{
    if (holding_gate_) {
        holding_gate_ = false;
        gate_.leave();
    }
}

Result<void> PresenceSubscription::send_now(std::uint32_t expires)
{
    if (auto opened = context_.signalling.ensure_flow(); !opened) {
        return opened.error();
    }
    sip::RequestSpec spec;
    if (dialog_) {
        spec = sip::in_dialog_request(*dialog_, "SUBSCRIBE", context_.signalling.via_transport(),
                                      context_.signalling.sent_by());
    } else {
        ++subscribe_.cseq;
        subscribe_.via_transport = context_.signalling.via_transport();
        subscribe_.via_sent_by = context_.signalling.sent_by();
        subscribe_.via_branch = sip::new_branch();
        spec = subscribe_;
    }
    spec.contact = context_.signalling.contact_uri();
    spec.expires = expires;
    spec.headers = {{"Event", presence_event}, {"Accept", pidf_type}};

    std::weak_ptr<PresenceSubscription> weak = weak_from_this();
    sip::AuthenticatedEvents events;
    events.next_cseq = [weak]() -> std::uint32_t {
        auto self = weak.lock();
        if (!self) {
            return 0;
        }
        return self->dialog_ ? ++self->dialog_->local_cseq : ++self->subscribe_.cseq;
    };
    events.on_resent = [weak](const sip::RequestSpec &resent, sip::TransactionId) {
        if (auto self = weak.lock(); self && !self->dialog_) {
            self->subscribe_ = resent; // its CSeq and tag make the dialog a 2xx creates
        }
    };
    events.on_event = [weak, expires](const sip::ClientEvent &event) {
        if (auto self = weak.lock()) {
            self->on_subscribe_event(event, expires);
        }
    };
    auto sent = sip::send_authenticated(context_.signalling, context_.answerer, std::move(spec), std::move(events));
    if (!sent) {
        return sent.error();
    }
    return {};
}

void PresenceSubscription::on_subscribe_event(const sip::ClientEvent &event, std::uint32_t expires)
{
    if (event.kind == sip::ClientEvent::Kind::response && event.response->status_code < 200) {
        return;
    }
    subscribe_in_flight_ = false;
    leave_gate();
    if (finished_) {
        return;
    }
    if (event.kind != sip::ClientEvent::Kind::response) {
        if (stopping_) {
            finish();
            return;
        }
        const std::string why =
            event.kind == sip::ClientEvent::Kind::timeout ? "no response to the SUBSCRIBE" : event.error;
        retry_after(presence_backoff(failures_++), why);
        return;
    }
    if (event.response->status_code < 300) {
        on_subscribed(*event.response, expires);
    } else {
        on_refused(*event.response);
    }
}

void PresenceSubscription::on_subscribed(const osip_message_t &response, std::uint32_t expires)
{
    failures_ = 0;
    if (!dialog_) {
        auto request = sip::build_request(subscribe_);
        auto dialog = request ? sip::dialog_as_caller(**request, response) : Result<sip::Dialog>(request.error());
        if (!dialog) {
            end("unusable 2xx to the SUBSCRIBE: " + dialog.error().message);
            return;
        }
        dialog_ = std::move(dialog.value());
    }
    if (expires == 0) {
        // Our unsubscribe: the notifier's last NOTIFY ends it, or the wait.
        timer_.expires_after(last_notify_wait);
        timer_.async_wait([weak = weak_from_this()](const boost::system::error_code &error) {
            if (auto self = weak.lock(); self && !error) {
                self->end("unsubscribed");
            }
        });
        return;
    }
    if (stopping_) {
        send_subscribe(0);
        return;
    }
    // The notifier may shorten the duration, never lengthen it (section 4.2.1.1).
    schedule_refresh(std::min(expires, header_seconds(response, "Expires").value_or(expires)));
}

void PresenceSubscription::on_refused(const osip_message_t &response)
{
    const int code = response.status_code;
    if (stopping_) {
        finish();
        return;
    }
    if (code == 423) {
        const auto minimum = header_seconds(response, "Min-Expires");
        if (minimum && *minimum > expires_asked_ && *minimum <= longest_followed_s) {
            expires_asked_ = *minimum;
            send_subscribe(expires_asked_);
            return;
        }
        end(status_text(response) + " (no usable Min-Expires)");
        return;
    }
    if (code == 481 && dialog_) {
        retry_after(std::chrono::seconds(0), "the notifier forgot the subscription (481)");
        return;
    }
    if (code == 408 || code == 480 || code == 500 || code == 503 || code == 504) {
        const auto asked = header_seconds(response, "Retry-After");
        const auto delay =
            asked ? std::chrono::seconds(std::min(*asked, longest_followed_s)) : presence_backoff(failures_++);
        retry_after(delay, status_text(response));
        return;
    }
    end(status_text(response));
}

bool PresenceSubscription::on_notify(sip::TransactionId id, const osip_message_t &notify)
{
    const auto cseq = static_cast<std::uint32_t>(std::stoul(notify.cseq->number));
    if (dialog_ && sip::tag_of(*notify.from).value_or("") != dialog_->remote_tag) {
        presence_respond(context_, id, notify, 481); // a second (forked) dialog: one is kept
        return false;
    }
    if (dialog_ && dialog_->remote_cseq && cseq <= *dialog_->remote_cseq) {
        presence_respond(context_, id, notify, 500); // RFC 3261 section 12.2.2: out of order
        return false;
    }
    auto read = read_presence_notify(notify);
    if (auto *refusal = std::get_if<NotifyRefusal>(&read)) {
        context_.logger.write(LogLevel::warning, presence_source,
                              "NOTIFY for " + latest_.contact + " refused (" + std::to_string(refusal->status_code) +
                                  "): " + refusal->reason);
        presence_respond(context_, id, notify, refusal->status_code, refusal->headers);
        return false;
    }
    if (!dialog_) {
        // The NOTIFY came before the 2xx: it makes the dialog (RFC 6665 section 4.1.2.4).
        auto dialog = sip::dialog_as_callee(notify, subscribe_.from_tag);
        if (!dialog) {
            presence_respond(context_, id, notify, 400);
            return false;
        }
        dialog->local_cseq = subscribe_.cseq;
        dialog_ = std::move(dialog.value());
    }
    dialog_->remote_cseq = cseq;
    presence_respond(context_, id, notify, 200);
    auto &accepted = std::get<PresenceNotify>(read);
    ++latest_.notifies;
    if (accepted.document) {
        latest_.status = status_of(*accepted.document);
    }
    apply_state(accepted.state);
    return true;
}

void PresenceSubscription::apply_state(const presence::SubscriptionState &state)
{
    using presence::SubscriptionStateValue;
    using presence::TerminationReason;
    if (state.state != SubscriptionStateValue::terminated) {
        // An extension state promises no more than pending does.
        latest_.state =
            state.state == SubscriptionStateValue::active ? SubscriptionState::active : SubscriptionState::pending;
        latest_.reason.clear();
        latest_.will_retry = false;
        if (state.expires && *state.expires > 0 && !stopping_) {
            schedule_refresh(std::min(*state.expires, expires_asked_));
        }
        report();
        return;
    }
    const std::string reason = state.reason == TerminationReason::other  ? state.extension_reason
                               : state.reason == TerminationReason::none ? std::string("no reason given")
                                                                         : presence::to_string(state.reason);
    if (stopping_) {
        latest_.state = SubscriptionState::terminated;
        latest_.reason = "unsubscribed";
        latest_.will_retry = false;
        report();
        finish();
        return;
    }
    // Section 4.1.3: what each reason lets the subscriber do.
    switch (state.reason) {
    case TerminationReason::deactivated:
    case TerminationReason::timeout:
        retry_after(std::chrono::seconds(0), reason);
        return;
    case TerminationReason::rejected:
    case TerminationReason::noresource:
    case TerminationReason::invariant:
        end(reason);
        return;
    case TerminationReason::probation:
    case TerminationReason::giveup:
    case TerminationReason::none:
    case TerminationReason::other: {
        const auto delay = state.retry_after ? std::chrono::seconds(std::min(*state.retry_after, longest_followed_s))
                                             : presence_backoff(failures_++);
        retry_after(delay, reason);
        return;
    }
    }
}

void PresenceSubscription::schedule_refresh(std::uint32_t expires)
{
    timer_.expires_after(refresh_delay(expires));
    timer_.async_wait([weak = weak_from_this()](const boost::system::error_code &error) {
        auto self = weak.lock();
        if (!self || error || self->stopping_ || self->finished_ || self->subscribe_in_flight_) {
            return;
        }
        self->send_subscribe(self->expires_asked_);
    });
}

void PresenceSubscription::retry_after(std::chrono::seconds delay, std::string reason)
{
    latest_.state = SubscriptionState::terminated;
    latest_.reason = std::move(reason);
    latest_.will_retry = true;
    report();
    dialog_.reset();
    timer_.expires_after(delay);
    timer_.async_wait([weak = weak_from_this()](const boost::system::error_code &error) {
        auto self = weak.lock();
        if (!self || error || self->stopping_ || self->finished_) {
            return;
        }
        self->start();
    });
}

void PresenceSubscription::stop()
{
    if (finished_ || stopping_) {
        return;
    }
    stopping_ = true;
    timer_.cancel();
    if (subscribe_in_flight_) {
        return; // its response sends the unsubscribe
    }
    if (!dialog_) {
        end("unsubscribed");
        return;
    }
    send_subscribe(0);
}

void PresenceSubscription::end(std::string reason)
{
    latest_.state = SubscriptionState::terminated;
    latest_.reason = std::move(reason);
    latest_.will_retry = false;
    report();
    finish();
}

void PresenceSubscription::finish()
{
    if (finished_) {
        return;
    }
    finished_ = true;
    timer_.cancel();
    boost::asio::post(context_.signalling.loop(), [weak = weak_from_this(), contact = latest_.contact] {
        if (auto self = weak.lock(); self && self->handlers_.finished) {
            self->handlers_.finished(contact);
        }
    });
}

void PresenceSubscription::report()
{
    if (handlers_.report) {
        handlers_.report(latest_);
    }
}

} // namespace cordon::ua
