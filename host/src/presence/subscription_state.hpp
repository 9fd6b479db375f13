// The Subscription-State header value of a NOTIFY (RFC 6665 sections 4.1.3
// and 8.4): where the subscription stands, for how long, and why it ended.
// State and reason are tokens and compare case-insensitively (RFC 3261
// section 7.3.1); values this code does not know are kept, not refused, as
// the grammar lets other specifications add them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"
#include "presence/header_parameters.hpp"

namespace cordon::presence {

// delta-seconds above this read as this (2**32 - 1, RFC 3261's bound for
// delta-seconds), so no value overflows; the user agent applies its own,
// shorter, maximum when it schedules a refresh.
inline constexpr std::uint32_t max_delta_seconds = 4294967295u;

// other: an extension-substate. RFC 6665 gives it no meaning of its own; the
// token is kept in extension_state for the user agent to decide (and log).
enum class SubscriptionStateValue { active, pending, terminated, other };

// none: no reason parameter; other: an event-reason-extension, kept in
// extension_reason. RFC 6665 section 4.1.3: with no reason or an unknown
// one, the subscriber may subscribe again (after retry-after, if given).
enum class TerminationReason { none, deactivated, probation, rejected, timeout, giveup, noresource, invariant, other };

struct SubscriptionState {
    SubscriptionStateValue state = SubscriptionStateValue::active;
    std::string extension_state; // the token as received, when state is other
    std::optional<std::uint32_t> expires;
    TerminationReason reason = TerminationReason::none;
    std::string extension_reason; // the token as received, when reason is other
    std::optional<std::uint32_t> retry_after;
    std::vector<HeaderParameter> parameters; // any other (max-rate, min-rate, ...), in order

    bool operator==(const SubscriptionState &) const = default;
};

// Refused (malformed_input): no state token, expires or retry-after that is
// not 1*DIGIT, a reason that is not a token, a parameter given twice, and
// anything over the caps of header_parameters.hpp.
Result<SubscriptionState> read_subscription_state(std::string_view value);

// "active;expires=3600", "terminated;reason=timeout": state, reason,
// expires, retry-after, then the other parameters. Nothing is refused: the
// caller gives tokens for extension_state and extension_reason and
// parameters as read_subscription_state would return them.
std::string to_header_value(const SubscriptionState &state);

const char *to_string(SubscriptionStateValue state);
const char *to_string(TerminationReason reason);

} // namespace cordon::presence
