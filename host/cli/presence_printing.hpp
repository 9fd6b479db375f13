// How `cordon presence` names what it prints: an update of a watched
// contact, and the counters of either side of presence (watching others,
// being watched), with the names the JSON output uses.
#pragma once

#include <nlohmann/json.hpp>

#include "cordon/host/presence.hpp"

namespace cordon::cli {

// contact, state, basic, note, status_contact (where the PIDF says to reach
// them), reason, will_retry, notifies.
nlohmann::json update_details(const PresenceUpdate &update);

// Subscriptions, NOTIFYs received and the queue towards the application.
nlohmann::json watching_counters(const PresenceCounters &counters);

// Watchers of this user and the NOTIFYs sent to them.
nlohmann::json watched_counters(const PresenceCounters &counters);

} // namespace cordon::cli
