// Reading a presence NOTIFY (RFC 6665 section 4.1.3, RFC 3856): its Event,
// its Subscription-State and its PIDF body, each checked, or the response
// that refuses it and why.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "presence/pidf_document.hpp"
#include "presence/subscription_state.hpp"
#include "sip/osip_handles.hpp"

namespace cordon::ua {

struct PresenceNotify {
    presence::SubscriptionState state;
    std::optional<presence::PidfDocument> document; // none: the NOTIFY had no body
};

struct NotifyRefusal {
    int status_code = 400;
    std::string reason;                                       // for the log: what was wrong
    std::vector<std::pair<std::string, std::string>> headers; // Accept, Allow-Events
};

std::variant<PresenceNotify, NotifyRefusal> read_presence_notify(const osip_message_t &notify);

} // namespace cordon::ua
