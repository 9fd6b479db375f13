#include "presence/subscription_state.hpp"

#include <array>
#include <utility>

#include "core/ascii_text.hpp"
#include "sip/header_syntax.hpp"
#include "sip/wire_text.hpp"

namespace cordon::presence {
namespace {

constexpr std::string_view header_name = "Subscription-State";

constexpr std::array<std::pair<SubscriptionStateValue, const char *>, 3> state_names{{
    {SubscriptionStateValue::active, "active"},
    {SubscriptionStateValue::pending, "pending"},
    {SubscriptionStateValue::terminated, "terminated"},
}};

constexpr std::array<std::pair<TerminationReason, const char *>, 7> reason_names{{
    {TerminationReason::deactivated, "deactivated"},
    {TerminationReason::probation, "probation"},
    {TerminationReason::rejected, "rejected"},
    {TerminationReason::timeout, "timeout"},
    {TerminationReason::giveup, "giveup"},
    {TerminationReason::noresource, "noresource"},
    {TerminationReason::invariant, "invariant"},
}};

Error state_error(const std::string &what)
{
    return Error{ErrorCode::malformed_input, std::string(header_name) + ": " + what};
}

// delta-seconds = 1*DIGIT, saturating at max_delta_seconds.
Result<std::uint32_t> read_delta_seconds(const HeaderParameter &parameter)
{
    if (!parameter.value || parameter.value->empty()) {
        return state_error(parameter.name + " needs a number of seconds");
    }
    const std::string &digits = *parameter.value;
    std::uint64_t seconds = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9') {
            return state_error(parameter.name + "='" + sip::printable(digits) + "' is not a number of seconds");
        }
        if (seconds <= max_delta_seconds) {
            seconds = seconds * 10 + static_cast<std::uint64_t>(c - '0');
        }
    }
    return static_cast<std::uint32_t>(seconds > max_delta_seconds ? max_delta_seconds : seconds);
}

Result<void> read_reason(const HeaderParameter &parameter, SubscriptionState &state)
{
    const std::string reason = parameter.value.value_or(std::string());
    if (!is_rfc3261_token(reason)) {
        return state_error("reason='" + sip::printable(reason) + "' is not a token");
    }
    state.reason = TerminationReason::other;
    for (const auto &[value, name] : reason_names) {
        if (equal_ignoring_ascii_case(reason, name)) {
            state.reason = value;
        }
    }
    if (state.reason == TerminationReason::other) {
        state.extension_reason = reason;
    }
    return {};
}

Result<void> read_parameter(const HeaderParameter &parameter, SubscriptionState &state)
{
    if (equal_ignoring_ascii_case(parameter.name, "expires")) {
        auto seconds = read_delta_seconds(parameter);
        if (!seconds) {
            return seconds.error();
        }
        state.expires = *seconds;
    } else if (equal_ignoring_ascii_case(parameter.name, "retry-after")) {
        auto seconds = read_delta_seconds(parameter);
        if (!seconds) {
            return seconds.error();
        }
        state.retry_after = *seconds;
    } else if (equal_ignoring_ascii_case(parameter.name, "reason")) {
        return read_reason(parameter, state);
    } else {
        state.parameters.push_back(parameter);
    }
    return {};
}

} // namespace

Result<SubscriptionState> read_subscription_state(std::string_view value)
{
    auto split = split_header_value(value, header_name);
    if (!split) {
        return split.error();
    }
    SubscriptionState state;
    state.state = SubscriptionStateValue::other;
    for (const auto &[known, name] : state_names) {
        if (equal_ignoring_ascii_case(split->head, name)) {
            state.state = known;
        }
    }
    if (state.state == SubscriptionStateValue::other) {
        state.extension_state = std::string(split->head);
    }
    for (const HeaderParameter &parameter : split->parameters) {
        if (auto read = read_parameter(parameter, state); !read) {
            return read.error();
        }
    }
    return state;
}

std::string to_header_value(const SubscriptionState &state)
{
    std::string text = state.state == SubscriptionStateValue::other ? state.extension_state : to_string(state.state);
    if (state.reason != TerminationReason::none) {
        text += ";reason=";
        text += state.reason == TerminationReason::other ? state.extension_reason : to_string(state.reason);
    }
    if (state.expires) {
        text += ";expires=" + std::to_string(*state.expires);
    }
    if (state.retry_after) {
        text += ";retry-after=" + std::to_string(*state.retry_after);
    }
    return text + write_parameters(state.parameters);
}

const char *to_string(SubscriptionStateValue state)
{
    for (const auto &[value, name] : state_names) {
        if (value == state) {
            return name;
        }
    }
    return "other";
}

const char *to_string(TerminationReason reason)
{
    for (const auto &[value, name] : reason_names) {
        if (value == reason) {
            return name;
        }
    }
    return reason == TerminationReason::none ? "none" : "other";
}

} // namespace cordon::presence
