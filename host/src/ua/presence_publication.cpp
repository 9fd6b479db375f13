#include "ua/presence_publication.hpp"

#include <algorithm>

#include <osipparser2/osip_parser.h>

#include "presence/pidf_document.hpp"
#include "sip/request_builder.hpp"
#include "ua/message_parts.hpp"
#include "ua/presence_document.hpp"

namespace cordon::ua {

namespace {

constexpr std::string_view presence_source = "presence";
constexpr std::uint32_t longest_min_expires_s = 3600;

} // namespace

std::shared_ptr<PresencePublication> PresencePublication::create(PresenceContext &context)
{
    return std::shared_ptr<PresencePublication>(new PresencePublication(context));
}

PresencePublication::PresencePublication(PresenceContext &context)
    : context_(context), tuple_id_("t" + sip::random_token().substr(0, 16)),
      expires_asked_(context.limits.publication_expires_s), refresh_timer_(context.signalling.loop())
{
}

Result<void> PresencePublication::publish(const PresenceStatus &status, Done done)
{
    return send(Pending{status, std::move(done), false});
}

Result<void> PresencePublication::withdraw(Done done)
{
    if (!etag_ && !in_flight_) {
        if (done) {
            done(RequestOutcome{200, "nothing was published"});
        }
        return {};
    }
    return send(Pending{std::nullopt, std::move(done), false});
}

Result<void> PresencePublication::send(Pending pending)
{
    if (in_flight_) {
        if (waiting_ && waiting_->done) {
            waiting_->done(RequestOutcome{0, "replaced by a newer status before it was sent"});
        }
        waiting_ = std::move(pending);
        return {};
    }
    if (auto opened = context_.signalling.ensure_flow(); !opened) {
        return opened.error();
    }
    sip::RequestSpec spec;
    spec.method = "PUBLISH";
    spec.request_uri = context_.address_of_record;
    spec.from = context_.local_identity;
    spec.from_tag = sip::random_token();
    spec.to = "<" + context_.address_of_record + ">";
    spec.call_id = sip::random_token();
    spec.cseq = 1;
    spec.via_transport = context_.signalling.via_transport();
    spec.via_sent_by = context_.signalling.sent_by();
    spec.via_branch = sip::new_branch();
    spec.expires = pending.status ? expires_asked_ : 0;
    spec.headers = {{"Event", presence_event}};
    if (etag_) {
        spec.headers.emplace_back("SIP-If-Match", *etag_);
    }
    // A refresh carries no body (RFC 3903 section 4.1); a first publication
    // or a modification carries the whole document.
    if (pending.status && !pending.refresh) {
        spec.content_type = pidf_type;
        spec.body = presence::write_pidf(document_of(*pending.status, context_.address_of_record, tuple_id_));
    }
    std::weak_ptr<PresencePublication> weak = weak_from_this();
    sip::AuthenticatedEvents events;
    events.on_event = [weak, pending](const sip::ClientEvent &event) {
        if (auto self = weak.lock()) {
            self->on_event(event, pending);
        }
    };
    auto sent = sip::send_authenticated(context_.signalling, context_.answerer, std::move(spec), std::move(events));
    if (!sent) {
        return sent.error();
    }
    in_flight_ = true;
    refresh_timer_.cancel();
    return {};
}

void PresencePublication::on_event(const sip::ClientEvent &event, Pending pending)
{
    if (event.kind == sip::ClientEvent::Kind::response && event.response->status_code < 200) {
        return;
    }
    in_flight_ = false;
    const RequestOutcome outcome = outcome_of(event);
    const osip_message_t *response = event.kind == sip::ClientEvent::Kind::response ? event.response : nullptr;
    if (response != nullptr && response->status_code < 300) {
        if (pending.status) {
            etag_ = single_header(*response, "SIP-ETag").value;
            published_ = pending.status;
            const auto granted = header_seconds(*response, "Expires");
            if (etag_) {
                schedule_refresh(std::min(granted.value_or(expires_asked_), expires_asked_));
            }
        } else {
            etag_.reset();
            published_.reset();
        }
    } else if (response != nullptr && response->status_code == 412 && pending.status && etag_) {
        // Section 6: the server lost our entity; publish it anew.
        etag_.reset();
        pending.refresh = false;
        (void)send(std::move(pending));
        send_next();
        return;
    } else if (response != nullptr && response->status_code == 423) {
        const auto minimum = header_seconds(*response, "Min-Expires");
        if (minimum && *minimum > expires_asked_ && *minimum <= longest_min_expires_s) {
            expires_asked_ = *minimum;
            (void)send(std::move(pending));
            send_next();
            return;
        }
    } else if (pending.refresh) {
        context_.logger.write(LogLevel::warning, presence_source,
                              "the presence refresh failed (" + std::to_string(outcome.status_code) + " " +
                                  outcome.reason + "); publishing again");
        etag_.reset();
        if (published_) {
            (void)send(Pending{published_, nullptr, false});
        }
    }
    if (pending.done) {
        pending.done(outcome);
    }
    send_next();
}

void PresencePublication::send_next()
{
    if (!in_flight_ && waiting_) {
        Pending next = std::move(*waiting_);
        waiting_.reset();
        if (auto sent = send(next); !sent && next.done) {
            next.done(RequestOutcome{0, sent.error().message});
        }
    }
}

void PresencePublication::schedule_refresh(std::uint32_t expires)
{
    refresh_timer_.expires_after(std::chrono::milliseconds(std::uint64_t{expires} * 2000 / 3));
    refresh_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code &error) {
        auto self = weak.lock();
        if (!self || error || !self->published_ || !self->etag_) {
            return;
        }
        if (auto sent = self->send(Pending{self->published_, nullptr, true}); !sent) {
            self->context_.logger.write(LogLevel::warning, presence_source,
                                        "cannot refresh the published presence: " + sent.error().message);
        }
    });
}

} // namespace cordon::ua
