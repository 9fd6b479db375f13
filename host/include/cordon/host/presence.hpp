// Presence (RFC 3856 over RFC 6665, PIDF bodies of RFC 3863): watching
// contacts, publishing the user's own status (RFC 3903), and answering those
// who watch this user, with every queue bounded.
//
// A client that watches many contacts must not let their events pile up
// when the application is slow. The agent therefore keeps at most one
// undelivered update per contact: a newer state for a contact whose update
// is still waiting replaces it (counted as coalesced), so the application
// always reads each contact's newest state, however many NOTIFYs arrived.
// The application takes updates when it is ready (take_presence_updates);
// on_presence_ready says when there are some.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cordon {

enum class PresenceBasic { unknown, open, closed };

const char *to_string(PresenceBasic basic);

// What a person's presence says, reduced to what an application shows.
struct PresenceStatus {
    PresenceBasic basic = PresenceBasic::unknown; // open: reachable for communication
    std::string note;                             // free text ("In a meeting"), may be empty
    std::string contact;                          // where to reach them, from the PIDF tuple; may be empty
};

enum class SubscriptionState { pending, active, terminated };

const char *to_string(SubscriptionState state);

// The newest news of one watched contact.
struct PresenceUpdate {
    std::string contact; // the URI subscribed to, as given to subscribe_presence
    SubscriptionState state = SubscriptionState::pending;
    PresenceStatus status; // unknown until a NOTIFY with a document arrived
    // For terminated: why ("rejected", "noresource", "timeout", a failure
    // response such as "403 Forbidden", ...), and whether the agent
    // subscribes again by itself.
    std::string reason;
    bool will_retry = false;
    std::uint64_t notifies = 0; // NOTIFYs of this subscription so far (coalesced ones included)
};

// What a watcher asks and what the application decides.
enum class WatcherDecision { allow, deny };

// Limits (UserAgentOptions::presence). Every one bounds memory or work a
// peer can cause; see `cordon config explain presence`.
struct PresenceLimits {
    std::size_t max_subscriptions = 256;        // contacts watched at once; more are refused
    std::size_t max_queued_updates = 256;       // updates waiting for the application
    std::size_t max_watchers = 32;              // subscriptions to this user at once; more get 480
    std::size_t max_pending_notifies = 8;       // NOTIFYs sent and not answered, all watchers together
    std::size_t max_subscribes_in_flight = 16;  // SUBSCRIBEs sent and not answered; the rest wait their turn
    std::uint32_t subscription_expires_s = 600; // asked for in SUBSCRIBE, refreshed before
    std::uint32_t publication_expires_s = 600;  // asked for in PUBLISH, refreshed before
};

// Every figure counts since the agent was created, except the *_active and
// queued ones, which are now.
struct PresenceCounters {
    std::size_t subscriptions_active = 0;    // watched contacts (pending or active)
    std::uint64_t subscriptions_refused = 0; // subscribe_presence over max_subscriptions
    std::uint64_t notifies_received = 0;     // NOTIFYs of our subscriptions answered 200
    std::uint64_t notifies_rejected = 0;     // NOTIFYs refused: unknown subscription, bad body or header
    std::size_t updates_queued = 0;          // waiting for the application (outstanding)
    std::size_t updates_queued_peak = 0;
    std::uint64_t updates_delivered = 0; // taken by the application
    std::uint64_t updates_coalesced = 0; // replaced by a newer state before the application took them
    std::uint64_t updates_dropped = 0;   // not queued: the queue was full (presence_of still has them)
    std::size_t watchers_active = 0;
    std::uint64_t watchers_denied = 0;  // refused by the application (or by default)
    std::uint64_t watchers_refused = 0; // over max_watchers
    std::uint64_t notifies_sent = 0;
    std::size_t notifies_pending = 0;     // sent, no final response yet
    std::uint64_t notifies_coalesced = 0; // a newer status replaced one not yet sent to a watcher
};

} // namespace cordon
