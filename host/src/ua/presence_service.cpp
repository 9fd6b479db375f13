#include "ua/presence_service.hpp"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "sip/dialog.hpp"
#include "sip/uri_rules.hpp"

namespace cordon::ua {

PresenceService::PresenceService(PresenceContext context, std::vector<std::string> allowed)
    : context_(std::move(context)), subscribe_gate_(context_.limits.max_subscribes_in_flight),
      queue_(context_.limits.max_queued_updates), watchers_(context_),
      publication_(PresencePublication::create(context_))
{
    watchers_.set_authoriser([allowed = std::move(allowed)](const std::string &watcher) {
        return std::find(allowed.begin(), allowed.end(), watcher) != allowed.end() ? WatcherDecision::allow
                                                                                   : WatcherDecision::deny;
    });
}

PresenceService::~PresenceService() { subscribe_gate_.close(); }

void PresenceService::set_authoriser(PresenceWatchers::Authoriser authoriser)
{
    watchers_.set_authoriser(std::move(authoriser));
}

Result<void> PresenceService::subscribe(const std::string &contact)
{
    if (subscriptions_.count(contact) != 0) {
        return Error{ErrorCode::invalid_argument, "already watching " + contact};
    }
    if (subscriptions_.size() >= context_.limits.max_subscriptions) {
        ++subscriptions_refused_;
        return Error{ErrorCode::unavailable, "already watching " + std::to_string(subscriptions_.size()) +
                                                 " contacts (presence.max_subscriptions)"};
    }
    std::weak_ptr<bool> alive = alive_;
    PresenceSubscription::Handlers handlers;
    handlers.report = [this, alive](const PresenceUpdate &update) {
        if (!alive.expired()) {
            report(update);
        }
    };
    handlers.finished = [this, alive](const std::string &finished) {
        if (alive.expired()) {
            return;
        }
        if (const auto found = subscriptions_.find(finished); found != subscriptions_.end()) {
            if (ended_.size() >= context_.limits.max_subscriptions) {
                ended_.erase(ended_.begin());
            }
            ended_[finished] = found->second->latest();
            subscriptions_.erase(found);
        }
    };
    if (auto valid = sip::check_request_uri(contact); !valid || !contact.starts_with("sip")) {
        return Error{ErrorCode::invalid_argument, "cannot watch \"" + contact + "\": not a sip: or sips: URI" +
                                                      (valid ? std::string() : " (" + valid.error().message + ")")};
    }
    auto subscription = PresenceSubscription::create(context_, subscribe_gate_, contact, std::move(handlers));
    ended_.erase(contact);
    subscriptions_.emplace(contact, subscription);
    subscription->start();
    return {};
}

Result<void> PresenceService::unsubscribe(const std::string &contact)
{
    const auto found = subscriptions_.find(contact);
    if (found == subscriptions_.end()) {
        return Error{ErrorCode::not_found, "not watching " + contact};
    }
    found->second->stop();
    return {};
}

std::optional<PresenceUpdate> PresenceService::presence_of(const std::string &contact) const
{
    if (const auto found = subscriptions_.find(contact); found != subscriptions_.end()) {
        return found->second->latest();
    }
    if (const auto found = ended_.find(contact); found != ended_.end()) {
        return found->second;
    }
    return std::nullopt;
}

Result<void> PresenceService::publish(const PresenceStatus &status, PresencePublication::Done done)
{
    watchers_.set_status(status);
    return publication_->publish(status, std::move(done));
}

void PresenceService::on_notify(sip::TransactionId id, const osip_message_t &notify)
{
    // Linear: max_subscriptions bounds it, and a NOTIFY costs far more to
    // parse. Its Call-ID and To tag are read once, not per subscription.
    const std::string call_id = notify.call_id != nullptr ? sip::call_id_text(*notify.call_id) : std::string();
    const std::string to_tag = notify.to != nullptr ? sip::tag_of(*notify.to).value_or("") : std::string();
    for (const auto &[contact, subscription] : subscriptions_) {
        if (subscription->owns(call_id, to_tag)) {
            const auto keep = subscription; // the NOTIFY may end it
            if (keep->on_notify(id, notify)) {
                ++notifies_received_;
            } else {
                ++notifies_rejected_;
            }
            return;
        }
    }
    ++notifies_rejected_;
    context_.logger.write(LogLevel::debug, "presence", "NOTIFY for no subscription of ours (481), Call-ID " + call_id);
    presence_respond(context_, id, notify, 481);
}

void PresenceService::report(const PresenceUpdate &update)
{
    queue_.put(update);
    if (!ready_handler_ || ready_posted_ || queue_.size() == 0) {
        return;
    }
    ready_posted_ = true;
    boost::asio::post(context_.signalling.loop(), [this, alive = std::weak_ptr<bool>(alive_)] {
        if (alive.expired()) {
            return;
        }
        ready_posted_ = false;
        if (ready_handler_ && queue_.size() > 0) {
            ready_handler_();
        }
    });
}

PresenceCounters PresenceService::counters() const
{
    PresenceCounters counters;
    counters.subscriptions_active = subscriptions_.size();
    counters.subscriptions_refused = subscriptions_refused_;
    counters.notifies_received = notifies_received_;
    counters.notifies_rejected = notifies_rejected_;
    counters.updates_queued = queue_.size();
    counters.updates_queued_peak = queue_.peak();
    counters.updates_delivered = queue_.delivered();
    counters.updates_coalesced = queue_.coalesced();
    counters.updates_dropped = queue_.dropped();
    counters.watchers_active = watchers_.active();
    counters.watchers_denied = watchers_.denied();
    counters.watchers_refused = watchers_.refused();
    counters.notifies_sent = watchers_.notifies_sent();
    counters.notifies_pending = watchers_.notifies_pending();
    counters.notifies_coalesced = watchers_.notifies_coalesced();
    return counters;
}

std::size_t PresenceService::dialogs() const
{
    const auto with_dialog = std::count_if(subscriptions_.begin(), subscriptions_.end(),
                                           [](const auto &entry) { return entry.second->has_dialog(); });
    return static_cast<std::size_t>(with_dialog) + watchers_.active();
}

} // namespace cordon::ua
