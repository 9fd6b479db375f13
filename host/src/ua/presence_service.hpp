// A user agent's presence: the contacts it watches and the queue of their
// updates towards the application, its own published status, and its
// watchers. The user agent routes SUBSCRIBE and NOTIFY here.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ua/presence_context.hpp"
#include "ua/presence_publication.hpp"
#include "ua/presence_queue.hpp"
#include "ua/presence_subscription.hpp"
#include "ua/presence_watchers.hpp"
#include "ua/request_gate.hpp"

namespace cordon::ua {

class PresenceService {
public:
    // allowed: watchers admitted when the application gives no authoriser.
    PresenceService(PresenceContext context, std::vector<std::string> allowed);
    ~PresenceService();
    PresenceService(const PresenceService &) = delete;
    PresenceService &operator=(const PresenceService &) = delete;

    Result<void> subscribe(const std::string &contact);
    Result<void> unsubscribe(const std::string &contact);
    std::vector<PresenceUpdate> take(std::size_t max) { return queue_.take(max); }
    std::optional<PresenceUpdate> presence_of(const std::string &contact) const;
    void on_ready(std::function<void()> handler) { ready_handler_ = std::move(handler); }

    Result<void> publish(const PresenceStatus &status, PresencePublication::Done done);
    Result<void> withdraw(PresencePublication::Done done) { return publication_->withdraw(std::move(done)); }
    void set_authoriser(PresenceWatchers::Authoriser authoriser);

    // Requests the user agent routes here. A NOTIFY that is not ours gets 481.
    void on_notify(sip::TransactionId id, const osip_message_t &notify);
    void on_subscribe(sip::TransactionId id, const osip_message_t &subscribe) { watchers_.on_subscribe(id, subscribe); }

    PresenceCounters counters() const;
    // The dialogs of subscriptions and watchers that exist now.
    std::size_t dialogs() const;

private:
    void report(const PresenceUpdate &update);

    PresenceContext context_;
    RequestGate subscribe_gate_; // before the subscriptions: they leave it as they go
    std::map<std::string, std::shared_ptr<PresenceSubscription>> subscriptions_; // by contact
    // Updates of contacts no longer watched, kept for presence_of until
    // replaced: only the last one per contact, as many as max_subscriptions.
    std::map<std::string, PresenceUpdate> ended_;
    PresenceQueue queue_;
    PresenceWatchers watchers_;
    std::shared_ptr<PresencePublication> publication_;
    std::function<void()> ready_handler_;
    bool ready_posted_ = false;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::uint64_t subscriptions_refused_ = 0;
    std::uint64_t notifies_received_ = 0;
    std::uint64_t notifies_rejected_ = 0;
};

} // namespace cordon::ua
