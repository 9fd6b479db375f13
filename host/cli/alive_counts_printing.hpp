// How the agent commands print what is alive in their agent now
// (UserAgent::alive): one "counters" event with the same names in every
// command, so a long-lived agent can be watched for anything that grows.
#pragma once

#include <nlohmann/json.hpp>

#include "cordon/host/user_agent.hpp"

namespace cordon::cli {

// calls, call_objects, dialogs, transactions, media_streams, subscriptions,
// watchers, and codec_instances: one {plugin, isolation, instances} each.
nlohmann::json alive_counters(const AliveCounts &alive);

} // namespace cordon::cli
