// Those who watch this user (RFC 6665 notifier, RFC 3856): each SUBSCRIBE is
// authorised by the application (denied when it does not say), each
// accepted one gets NOTIFYs of the user's status until it expires or ends.
//
// Bounded: at most max_watchers subscriptions, at most one NOTIFY per
// watcher waiting for its response and max_pending_notifies in all. A
// status that changes while a watcher's NOTIFY is still out replaces the one
// it would have sent next (counted as coalesced): a slow watcher gets the
// newest status, late, never a backlog.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/loop_clock.hpp"
#include "sip/authenticated_request.hpp"
#include "sip/dialog.hpp"
#include "ua/presence_context.hpp"

namespace cordon::ua {

class PresenceWatchers {
public:
    using Authoriser = std::function<WatcherDecision(const std::string &watcher)>;

    explicit PresenceWatchers(PresenceContext &context);
    ~PresenceWatchers();

    // Without one, every watcher is denied (403).
    void set_authoriser(Authoriser authoriser) { authoriser_ = std::move(authoriser); }
    // The user's own status: every watcher hears of it.
    void set_status(const PresenceStatus &status);

    // A SUBSCRIBE outside a dialog (a new watcher) or inside one of ours (a
    // refresh, or Expires: 0 to end it).
    void on_subscribe(sip::TransactionId id, const osip_message_t &subscribe);
    bool owns(const osip_message_t &request) const;

    std::size_t active() const { return watchers_.size(); }
    std::uint64_t denied() const { return denied_; }
    std::uint64_t refused() const { return refused_; }
    std::uint64_t notifies_sent() const { return notifies_sent_; }
    std::size_t notifies_pending() const { return notifies_pending_; }
    std::uint64_t notifies_coalesced() const { return notifies_coalesced_; }

private:
    struct Watcher;

    void accept(sip::TransactionId id, const osip_message_t &subscribe, std::uint32_t expires);
    void refresh(Watcher &watcher, sip::TransactionId id, const osip_message_t &subscribe);
    // Expires of a SUBSCRIBE, checked: the value to grant, or a response sent.
    std::optional<std::uint32_t> granted_expires(sip::TransactionId id, const osip_message_t &subscribe);
    void arm_expiry(Watcher &watcher, std::uint32_t expires);
    void mark_changed(Watcher &watcher);
    // Sends the NOTIFYs due, within the limits.
    void pump();
    // false when it could not be sent: the watcher is then dropped.
    bool send_notify(Watcher &watcher);
    void on_notify_event(const std::string &call_id, const sip::ClientEvent &event);
    std::string notify_body() const;

    PresenceContext &context_;
    Authoriser authoriser_;
    PresenceStatus status_;
    const std::string tuple_id_;
    std::map<std::string, std::unique_ptr<Watcher>> watchers_;   // by Call-ID
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true); // for callbacks that outlive this
    std::uint64_t denied_ = 0;
    std::uint64_t refused_ = 0;
    std::uint64_t notifies_sent_ = 0;
    std::size_t notifies_pending_ = 0;
    std::uint64_t notifies_coalesced_ = 0;
};

} // namespace cordon::ua
