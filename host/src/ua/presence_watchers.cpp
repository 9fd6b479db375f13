#include "ua/presence_watchers.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include <osipparser2/osip_parser.h>

#include "presence/event_header.hpp"
#include "presence/pidf_document.hpp"
#include "presence/subscription_state.hpp"
#include "sip/request_builder.hpp"
#include "sip/response_builder.hpp"
#include "ua/message_parts.hpp"
#include "ua/presence_document.hpp"

namespace cordon::ua {

namespace {

constexpr std::string_view presence_source = "presence";
// RFC 3856 section 6.4: 3600 s when the SUBSCRIBE says nothing. Shorter
// than a minute is refused with 423 (section 4.2.1.1 of RFC 6665 lets the
// notifier set a floor), longer is cut to an hour.
constexpr std::uint32_t default_expires_s = 3600;
constexpr std::uint32_t min_expires_s = 60;
constexpr std::uint32_t max_expires_s = 3600;

std::string tag_token() { return sip::random_token().substr(0, 16); }

} // namespace

struct PresenceWatchers::Watcher {
    Watcher(boost::asio::io_context &loop, sip::Dialog made, std::string watcher_uri)
        : dialog(std::move(made)), uri(std::move(watcher_uri)), expiry(loop)
    {
    }
    sip::Dialog dialog;
    std::string uri;
    std::chrono::steady_clock::time_point expires_at;
    LoopTimer expiry;
    bool notify_out = false; // a NOTIFY waits for its response
    bool changed = false;    // a status (or the end) not yet sent
    bool ending = false;     // the next NOTIFY says terminated, then it is gone
};

PresenceWatchers::PresenceWatchers(PresenceContext &context) : context_(context), tuple_id_("t" + tag_token()) {}

PresenceWatchers::~PresenceWatchers() { *alive_ = false; }

bool PresenceWatchers::owns(const osip_message_t &request) const
{
    if (request.call_id == nullptr || request.to == nullptr) {
        return false;
    }
    const auto found = watchers_.find(sip::call_id_text(*request.call_id));
    return found != watchers_.end() && found->second->dialog.matches(request);
}

void PresenceWatchers::set_status(const PresenceStatus &status)
{
    status_ = status;
    for (auto &[call_id, watcher] : watchers_) {
        mark_changed(*watcher);
    }
    pump();
}

void PresenceWatchers::on_subscribe(sip::TransactionId id, const osip_message_t &subscribe)
{
    const auto event = single_header(subscribe, "Event", "o");
    const auto event_header = event.value && !event.repeated
                                  ? presence::read_event_header(*event.value)
                                  : Result<presence::EventHeader>(Error{ErrorCode::malformed_input, "no single Event"});
    if (!event_header || event_header->type != presence_event) {
        presence_respond(context_, id, subscribe, 489, {{"Allow-Events", presence_event}});
        return;
    }
    if (owns(subscribe)) {
        refresh(*watchers_.at(sip::call_id_text(*subscribe.call_id)), id, subscribe);
        return;
    }
    if (sip::tag_of(*subscribe.to)) {
        presence_respond(context_, id, subscribe, 481); // a dialog we do not have
        return;
    }
    const auto expires = granted_expires(id, subscribe);
    if (!expires) {
        return;
    }
    if (watchers_.size() >= context_.limits.max_watchers) {
        ++refused_;
        presence_respond(context_, id, subscribe, 480);
        return;
    }
    const std::string watcher = subscribe.from->url != nullptr ? sip::uri_text(*subscribe.from->url) : "";
    if (!authoriser_ || authoriser_(watcher) != WatcherDecision::allow) {
        ++denied_;
        context_.logger.write(LogLevel::info, presence_source, "watcher " + watcher + " denied");
        presence_respond(context_, id, subscribe, 403);
        return;
    }
    accept(id, subscribe, *expires);
}

std::optional<std::uint32_t> PresenceWatchers::granted_expires(sip::TransactionId id, const osip_message_t &subscribe)
{
    const auto header = single_header(subscribe, "Expires");
    if (header.repeated) {
        presence_respond(context_, id, subscribe, 400);
        return std::nullopt;
    }
    if (!header.value) {
        return default_expires_s;
    }
    const std::string_view text = *header.value;
    std::uint64_t asked = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), asked);
    if (text.empty() || error == std::errc::invalid_argument || end != text.data() + text.size()) {
        presence_respond(context_, id, subscribe, 400);
        return std::nullopt;
    }
    if (error == std::errc::result_out_of_range || asked > max_expires_s) {
        return max_expires_s;
    }
    if (asked != 0 && asked < min_expires_s) {
        presence_respond(context_, id, subscribe, 423, {{"Min-Expires", std::to_string(min_expires_s)}});
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(asked);
}

void PresenceWatchers::accept(sip::TransactionId id, const osip_message_t &subscribe, std::uint32_t expires)
{
    const std::string local_tag = tag_token();
    auto dialog = sip::dialog_as_callee(subscribe, local_tag);
    auto response = sip::build_response(subscribe, 200, local_tag);
    if (!dialog || !response) {
        presence_respond(context_, id, subscribe, 400);
        return;
    }
    sip::add_dialog_fields(**response, subscribe, context_.signalling.contact_uri());
    osip_message_set_header(response->get(), "Expires", std::to_string(expires).c_str());
    if (auto sent = context_.transactions.respond(id, std::move(response.value())); !sent) {
        return;
    }
    const std::string watcher_uri = subscribe.from->url != nullptr ? sip::uri_text(*subscribe.from->url) : "";
    auto watcher = std::make_unique<Watcher>(context_.signalling.loop(), std::move(dialog.value()), watcher_uri);
    Watcher &added = *watcher;
    watchers_.emplace(added.dialog.call_id, std::move(watcher));
    // Expires: 0 fetches the state once: one NOTIFY, terminated (section 4.4.3).
    added.ending = expires == 0;
    arm_expiry(added, expires);
    mark_changed(added);
    pump();
}

void PresenceWatchers::refresh(Watcher &watcher, sip::TransactionId id, const osip_message_t &subscribe)
{
    const auto cseq = static_cast<std::uint32_t>(std::stoul(subscribe.cseq->number));
    if (watcher.dialog.remote_cseq && cseq <= *watcher.dialog.remote_cseq) {
        presence_respond(context_, id, subscribe, 500);
        return;
    }
    const auto expires = granted_expires(id, subscribe);
    if (!expires) {
        return;
    }
    watcher.dialog.remote_cseq = cseq;
    presence_respond(context_, id, subscribe, 200, {{"Expires", std::to_string(*expires)}});
    watcher.ending = *expires == 0;
    arm_expiry(watcher, *expires);
    mark_changed(watcher);
    pump();
}

void PresenceWatchers::arm_expiry(Watcher &watcher, std::uint32_t expires)
{
    watcher.expires_at = LoopClock::now() + std::chrono::seconds(expires);
    watcher.expiry.expires_at(watcher.expires_at);
    watcher.expiry.async_wait([this, alive = std::weak_ptr<bool>(alive_),
                               call_id = watcher.dialog.call_id](const boost::system::error_code &error) {
        if (error || alive.expired()) {
            return;
        }
        if (const auto found = watchers_.find(call_id); found != watchers_.end() && !found->second->ending) {
            found->second->ending = true; // section 4.2.2: a NOTIFY with reason=timeout
            mark_changed(*found->second);
            pump();
        }
    });
}

void PresenceWatchers::mark_changed(Watcher &watcher)
{
    if (watcher.changed) {
        ++notifies_coalesced_;
    }
    watcher.changed = true;
}

void PresenceWatchers::pump()
{
    // By name, not by iterator: a NOTIFY's failure may be reported while it
    // is sent, and that removes its watcher.
    std::vector<std::string> due;
    for (const auto &[call_id, watcher] : watchers_) {
        if (watcher->changed && !watcher->notify_out) {
            due.push_back(call_id);
        }
    }
    for (const auto &call_id : due) {
        if (notifies_pending_ >= context_.limits.max_pending_notifies) {
            break;
        }
        const auto found = watchers_.find(call_id);
        if (found != watchers_.end() && !found->second->notify_out && !send_notify(*found->second)) {
            watchers_.erase(call_id);
        }
    }
}

std::string PresenceWatchers::notify_body() const
{
    return presence::write_pidf(document_of(status_, context_.address_of_record, tuple_id_));
}

bool PresenceWatchers::send_notify(Watcher &watcher)
{
    presence::SubscriptionState state;
    const auto now = LoopClock::now();
    if (watcher.ending) {
        state.state = presence::SubscriptionStateValue::terminated;
        state.reason = presence::TerminationReason::timeout;
    } else {
        state.state = presence::SubscriptionStateValue::active;
        state.expires = static_cast<std::uint32_t>(std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::seconds>(watcher.expires_at - now).count()));
    }
    auto spec = sip::in_dialog_request(watcher.dialog, "NOTIFY", context_.signalling.via_transport(),
                                       context_.signalling.sent_by());
    spec.contact = context_.signalling.contact_uri();
    spec.headers = {{"Event", presence_event}, {"Subscription-State", presence::to_header_value(state)}};
    spec.content_type = pidf_type;
    spec.body = notify_body();

    sip::AuthenticatedEvents events;
    const std::string call_id = watcher.dialog.call_id;
    events.next_cseq = [this, alive = std::weak_ptr<bool>(alive_), call_id]() -> std::uint32_t {
        if (alive.expired()) {
            return 0;
        }
        const auto found = watchers_.find(call_id);
        return found != watchers_.end() ? ++found->second->dialog.local_cseq : 0;
    };
    events.on_event = [this, alive = std::weak_ptr<bool>(alive_), call_id](const sip::ClientEvent &event) {
        if (!alive.expired()) {
            on_notify_event(call_id, event);
        }
    };
    watcher.changed = false;
    if (auto sent = sip::send_authenticated(context_.signalling, context_.answerer, std::move(spec), std::move(events));
        !sent) {
        context_.logger.write(LogLevel::warning, presence_source,
                              "cannot send a NOTIFY to " + watcher.uri + ": " + sent.error().message);
        return false;
    }
    watcher.notify_out = true;
    ++notifies_pending_;
    ++notifies_sent_;
    return true;
}

void PresenceWatchers::on_notify_event(const std::string &call_id, const sip::ClientEvent &event)
{
    if (event.kind == sip::ClientEvent::Kind::response && event.response->status_code < 200) {
        return;
    }
    const auto found = watchers_.find(call_id);
    if (found == watchers_.end()) {
        return;
    }
    Watcher &watcher = *found->second;
    watcher.notify_out = false;
    --notifies_pending_;
    const bool failed = event.kind != sip::ClientEvent::Kind::response || event.response->status_code >= 300;
    if (failed || (watcher.ending && !watcher.changed)) {
        // Section 4.2.2: a NOTIFY refused or unanswered ends the subscription.
        if (failed) {
            context_.logger.write(LogLevel::info, presence_source,
                                  "watcher " + watcher.uri + " removed: its NOTIFY got " +
                                      (event.kind == sip::ClientEvent::Kind::response ? status_text(*event.response)
                                                                                      : std::string("no response")));
        }
        watchers_.erase(found);
    }
    pump();
}

} // namespace cordon::ua
