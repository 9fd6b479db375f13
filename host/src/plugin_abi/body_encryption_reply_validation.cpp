#include "plugin_abi/body_encryption_reply_validation.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "core/ascii_text.hpp"
#include "core/media_type.h"
#include "plugin_abi/codec_contract.hpp"

namespace cordon {

namespace {

// What encrypt's outer content type must start with (RFC 8551 section 3.2).
constexpr std::string_view pkcs7_mime_type = "application/pkcs7-mime";

// Whether a content type (checked by is_content_type_value) is of this
// type/subtype, in any case.
bool is_of_type(std::string_view text, std::string_view type)
{
    return starts_with_ignoring_ascii_case(text, type) &&
           (text.size() == type.size() || !is_rfc2045_token_char(text[type.size()]));
}

Error violation(const std::string &plugin_id, BodyCall call, const std::string &problem)
{
    return {ErrorCode::contract_violation,
            plugin_id + " " + to_string(call) + " broke the body encryption contract: " + problem};
}

// The largest body the call may give: the envelope after encrypt, the
// inner body after decrypt.
size_t body_limit(BodyCall call)
{
    return call == BodyCall::encrypt ? CORDON_BODY_MAX_ENVELOPE_BYTES : CORDON_BODY_MAX_BYTES;
}

Result<CheckedBodyReply> check_retry(const cordon_body_output &reply, BodyCall call, const std::string &plugin_id)
{
    const size_t type_needed = reply.content_type_length;
    const size_t body_needed = reply.body_length;
    if (type_needed > CORDON_BODY_CONTENT_TYPE_BYTES || body_needed > body_limit(call)) {
        return violation(plugin_id, call,
                         "it asked for " + std::to_string(type_needed) + " content type and " +
                             std::to_string(body_needed) + " body bytes, past the limits of " +
                             std::to_string(CORDON_BODY_CONTENT_TYPE_BYTES) + " and " +
                             std::to_string(body_limit(call)));
    }
    if (type_needed <= reply.content_type_capacity && body_needed <= reply.body_capacity) {
        return violation(plugin_id, call, "it said the buffers were too small, yet asked for no more than they hold");
    }
    return CheckedBodyReply{true, type_needed, body_needed};
}

} // namespace

bool is_body_content_type(std::string_view text)
{
    return text.size() <= CORDON_BODY_CONTENT_TYPE_BYTES && is_content_type_value(text.data(), text.size());
}

Error body_error_from_status(int status, const std::string &context)
{
    // On the integer: converting an unknown value to the enum is undefined.
    const auto error = [&](ErrorCode code, cordon_body_status known) {
        return Error{code, context + ": " + cordon_body_status_message(known)};
    };
    switch (status) {
    case CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE:
        return error(ErrorCode::certificate_unusable, CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE);
    case CORDON_BODY_STATUS_NOT_FOR_THIS_RECIPIENT:
        return error(ErrorCode::not_for_this_recipient, CORDON_BODY_STATUS_NOT_FOR_THIS_RECIPIENT);
    case CORDON_BODY_STATUS_AUTHENTICATION_FAILED:
        return error(ErrorCode::authentication_failed, CORDON_BODY_STATUS_AUTHENTICATION_FAILED);
    default:
        break;
    }
    // 0..6 mean what cordon_status's values mean.
    return error_from_status(status, context);
}

const char *to_string(BodyCall call)
{
    switch (call) {
    case BodyCall::identity_create:
        return "identity_create";
    case BodyCall::encrypt:
        return "encrypt";
    case BodyCall::decrypt:
        return "decrypt";
    }
    return "body call";
}

Result<std::string> check_refusal_text(const char *refusal, size_t capacity, const std::string &plugin_id,
                                       BodyCall call)
{
    const void *end = std::memchr(refusal, '\0', capacity);
    if (end == nullptr) {
        return violation(plugin_id, call,
                         "refusal is not NUL-terminated within its " + std::to_string(capacity) + " bytes");
    }
    const std::string_view text(refusal, static_cast<size_t>(static_cast<const char *>(end) - refusal));
    if (!is_printable_ascii(text)) {
        return violation(plugin_id, call, "refusal holds a control character or a byte outside printable ASCII");
    }
    return std::string(text);
}

Result<CheckedBodyReply> check_body_reply(const TaintedBodyReply &tainted, const std::string &plugin_id)
{
    const cordon_body_output &reply = *tainted.reply;
    const BodyCall call = tainted.call;
    if (tainted.status == CORDON_BODY_STATUS_BUFFER_TOO_SMALL) {
        return check_retry(reply, call, plugin_id);
    }
    if (tainted.status != CORDON_BODY_STATUS_OK) {
        if (reply.content_type_length != 0 || reply.body_length != 0) {
            return violation(plugin_id, call,
                             "it failed but reported lengths " + std::to_string(reply.content_type_length) + " and " +
                                 std::to_string(reply.body_length));
        }
        auto refusal = check_refusal_text(reply.refusal, sizeof reply.refusal, plugin_id, call);
        if (!refusal) {
            return refusal.error();
        }
        Error error = body_error_from_status(tainted.status, plugin_id + " " + to_string(call));
        if (!refusal->empty()) {
            error.message += ": " + *refusal;
        }
        return error;
    }
    const size_t type_length = reply.content_type_length;
    const size_t body_length = reply.body_length;
    if (type_length > reply.content_type_capacity || body_length > reply.body_capacity) {
        return violation(plugin_id, call,
                         "lengths " + std::to_string(type_length) + " and " + std::to_string(body_length) +
                             " are past the capacities " + std::to_string(reply.content_type_capacity) + " and " +
                             std::to_string(reply.body_capacity));
    }
    if (body_length > body_limit(call) || (call == BodyCall::encrypt && body_length == 0)) {
        return violation(plugin_id, call,
                         "a body of " + std::to_string(body_length) + " bytes is outside " +
                             (call == BodyCall::encrypt ? "1.." : "0..") + std::to_string(body_limit(call)));
    }
    const std::string_view type(reply.content_type, type_length);
    if (!is_body_content_type(type)) {
        return violation(plugin_id, call,
                         "the content type is not a printable type/subtype of 1.." +
                             std::to_string(CORDON_BODY_CONTENT_TYPE_BYTES) + " characters");
    }
    if (call == BodyCall::encrypt && !is_of_type(type, pkcs7_mime_type)) {
        return violation(plugin_id, call, "the outer content type is not application/pkcs7-mime");
    }
    return CheckedBodyReply{false, type_length, body_length};
}

} // namespace cordon
