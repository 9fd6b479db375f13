// What the presence parts (subscriptions, publication, watchers) need from
// their user agent.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "cordon/host/log.hpp"
#include "cordon/host/presence.hpp"
#include "sip/challenge_answerer.hpp"
#include "sip/signalling_context.hpp"
#include "sip/transaction_layer.hpp"

namespace cordon::ua {

struct PresenceContext {
    sip::SignallingContext &signalling;
    sip::ChallengeAnswerer &answerer;
    sip::TransactionLayer &transactions;
    Logger &logger;
    std::string local_identity;    // name-addr of this agent's address of record (From)
    std::string address_of_record; // "sip:alice@example.com": the presentity we publish
    PresenceLimits limits;
};

// Event package and body type of RFC 3856.
inline constexpr const char *presence_event = "presence";
inline constexpr const char *pidf_type = "application/pidf+xml";

// Retrying after a failure: twice as long each time, up to a limit.
std::chrono::seconds presence_backoff(unsigned attempts);

// Answers a presence request (SUBSCRIBE, NOTIFY, PUBLISH) with code and the
// extra headers; to_tag for requests outside a dialog. Failures are logged.
void presence_respond(PresenceContext &context, sip::TransactionId id, const osip_message_t &request, int code,
                      const std::vector<std::pair<std::string, std::string>> &headers = {},
                      const std::string &to_tag = {});

} // namespace cordon::ua
