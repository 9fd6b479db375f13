#include "plugin_abi/auth_reply_validation.hpp"

#include <cstring>
#include <optional>
#include <string_view>

#include "core/ascii_text.hpp"
#include "core/utf8_check.hpp"
#include "plugin_abi/codec_contract.hpp"

namespace cordon {

namespace {

// A string the plugin wrote into a fixed array of the outcome, read without
// ever looking past the array. nullopt with the problem in why.
std::optional<std::string> outcome_text(std::span<const char> field, const char *name, std::string &why)
{
    const void *end = std::memchr(field.data(), '\0', field.size());
    if (end == nullptr) {
        why = std::string("outcome ") + name + " is not NUL-terminated within its " + std::to_string(field.size()) +
              " bytes";
        return std::nullopt;
    }
    const std::string_view text(field.data(), static_cast<const char *>(end) - field.data());
    if (has_control_character(text) || !is_valid_utf8(text)) {
        why = std::string("outcome ") + name + " holds a control character or is not UTF-8";
        return std::nullopt;
    }
    return std::string(text);
}

Error violation(const std::string &plugin_id, const std::string &problem)
{
    return {ErrorCode::contract_violation, plugin_id + " answer broke the auth contract: " + problem};
}

// A failure: the status as an error, with the plugin's refusal when it gave
// a well-formed one.
Error failure(const TaintedAuthReply &reply, const std::string &plugin_id)
{
    if (reply.answer_length != 0) {
        return violation(plugin_id, "it failed but reported " + std::to_string(reply.answer_length) +
                                        " bytes of answer (must be 0)");
    }
    std::string why;
    const auto refusal = outcome_text(reply.outcome->refusal, "refusal", why);
    if (!refusal) {
        return violation(plugin_id, why);
    }
    Error error = error_from_status(reply.status, plugin_id + " answer");
    if (!refusal->empty()) {
        error.message += ": " + *refusal;
    }
    return error;
}

} // namespace

Result<AuthAnswer> check_auth_reply(const TaintedAuthReply &reply, const std::string &plugin_id)
{
    if (reply.status != CORDON_STATUS_OK) {
        return failure(reply, plugin_id);
    }
    const size_t capacity = reply.answer_buffer.size();
    if (reply.answer_length == 0 || reply.answer_length > capacity) {
        return violation(plugin_id, "answer length " + std::to_string(reply.answer_length) + " is outside 1.." +
                                        std::to_string(capacity) + " (the capacity given)");
    }
    if (reply.outcome->chosen >= reply.challenge_count) {
        return violation(plugin_id, "chose challenge " + std::to_string(reply.outcome->chosen) + " of " +
                                        std::to_string(reply.challenge_count));
    }
    if (reply.outcome->stale > 1) {
        return violation(plugin_id, "stale is " + std::to_string(reply.outcome->stale) + ", neither 0 nor 1");
    }
    const std::string_view value(reply.answer_buffer.data(), reply.answer_length);
    // CR or LF would end the header line and start one the plugin chose.
    if (has_control_character(value) || !is_valid_utf8(value)) {
        return violation(plugin_id, "the answer holds a control character (CR, LF, NUL...) or is not UTF-8");
    }
    std::string why;
    auto realm = outcome_text(reply.outcome->realm, "realm", why);
    auto algorithm = realm ? outcome_text(reply.outcome->algorithm, "algorithm", why) : std::nullopt;
    if (!realm || !algorithm) {
        return violation(plugin_id, why);
    }
    AuthAnswer answer;
    answer.header_value.assign(value);
    answer.chosen = reply.outcome->chosen;
    answer.stale = reply.outcome->stale == 1;
    answer.realm = std::move(*realm);
    answer.algorithm = std::move(*algorithm);
    return answer;
}

} // namespace cordon
