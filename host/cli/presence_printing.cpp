#include "host/cli/presence_printing.hpp"

namespace cordon::cli {

nlohmann::json update_details(const PresenceUpdate &update)
{
    return nlohmann::json{{"contact", update.contact},
                          {"state", to_string(update.state)},
                          {"basic", to_string(update.status.basic)},
                          {"note", update.status.note},
                          {"status_contact", update.status.contact},
                          {"reason", update.reason},
                          {"will_retry", update.will_retry},
                          {"notifies", update.notifies}};
}

nlohmann::json watching_counters(const PresenceCounters &counters)
{
    return nlohmann::json{{"subscriptions_active", counters.subscriptions_active},
                          {"subscriptions_refused", counters.subscriptions_refused},
                          {"notifies_received", counters.notifies_received},
                          {"notifies_rejected", counters.notifies_rejected},
                          {"updates_queued", counters.updates_queued},
                          {"updates_queued_peak", counters.updates_queued_peak},
                          {"updates_delivered", counters.updates_delivered},
                          {"updates_coalesced", counters.updates_coalesced},
                          {"updates_dropped", counters.updates_dropped}};
}

nlohmann::json watched_counters(const PresenceCounters &counters)
{
    return nlohmann::json{
        {"watchers_active", counters.watchers_active},   {"watchers_denied", counters.watchers_denied},
        {"watchers_refused", counters.watchers_refused}, {"notifies_sent", counters.notifies_sent},
        {"notifies_pending", counters.notifies_pending}, {"notifies_coalesced", counters.notifies_coalesced}};
}

} // namespace cordon::cli
