#include "plugin_abi/media_encryption_reply_validation.hpp"

#include <cstring>
#include <optional>
#include <string_view>

#include "core/ascii_text.hpp"
#include "plugin_abi/codec_contract.hpp"

namespace cordon {

namespace {

// The smallest packet unprotect may leave: the fixed RTP and RTCP headers.
constexpr size_t rtp_header_bytes = 12;
constexpr size_t rtcp_header_bytes = 8;

Error violation(const std::string &plugin_id, const std::string &context, const std::string &problem)
{
    return {ErrorCode::contract_violation,
            plugin_id + " " + context + " broke the media encryption contract: " + problem};
}

// A string in a fixed array of the reply, read without ever looking past
// the array. nullopt with the problem in why.
std::optional<std::string> field_text(const char *field, size_t size, const std::string &name, std::string &why)
{
    const void *end = std::memchr(field, '\0', size);
    if (end == nullptr) {
        why = name + " is not NUL-terminated within its " + std::to_string(size) + " bytes";
        return std::nullopt;
    }
    const std::string_view text(field, static_cast<size_t>(static_cast<const char *>(end) - field));
    if (!is_printable_ascii(text)) {
        why = name + " holds a control character (CR, LF...) or a byte outside printable ASCII";
        return std::nullopt;
    }
    return std::string(text);
}

const char *to_string(NegotiationCall call)
{
    switch (call) {
    case NegotiationCall::offer:
        return "offer";
    case NegotiationCall::answer:
        return "answer";
    case NegotiationCall::accept_answer:
        return "accept_answer";
    }
    return "negotiation";
}

bool is_protect(PacketCall call) { return call == PacketCall::protect_rtp || call == PacketCall::protect_rtcp; }

size_t header_bytes(PacketCall call)
{
    return call == PacketCall::unprotect_rtp ? rtp_header_bytes : rtcp_header_bytes;
}

} // namespace

Error media_error_from_status(int status, const std::string &context)
{
    // On the integer: converting an unknown value to the enum is undefined.
    const auto error = [&](ErrorCode code, cordon_media_status known) {
        return Error{code, context + ": " + cordon_media_status_message(known)};
    };
    switch (status) {
    case CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE:
        return error(ErrorCode::signalling_not_secure, CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE);
    case CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO:
        return error(ErrorCode::no_acceptable_crypto, CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO);
    case CORDON_MEDIA_STATUS_AUTHENTICATION_FAILED:
        return error(ErrorCode::authentication_failed, CORDON_MEDIA_STATUS_AUTHENTICATION_FAILED);
    case CORDON_MEDIA_STATUS_REPLAYED:
        return error(ErrorCode::replayed, CORDON_MEDIA_STATUS_REPLAYED);
    default:
        break;
    }
    // 0..6 mean what cordon_status's values mean.
    return error_from_status(status, context);
}

const char *to_string(PacketCall call)
{
    switch (call) {
    case PacketCall::protect_rtp:
        return "protect_rtp";
    case PacketCall::unprotect_rtp:
        return "unprotect_rtp";
    case PacketCall::protect_rtcp:
        return "protect_rtcp";
    case PacketCall::unprotect_rtcp:
        return "unprotect_rtcp";
    }
    return "packet call";
}

Result<Negotiated> check_negotiation(const TaintedNegotiation &negotiation, const std::string &plugin_id)
{
    const cordon_media_negotiation &reply = *negotiation.reply;
    const std::string context = to_string(negotiation.call);
    std::string why;
    if (negotiation.status != CORDON_MEDIA_STATUS_OK) {
        if (reply.attribute_count != 0) {
            return violation(plugin_id, context,
                             "it failed but reported " + std::to_string(reply.attribute_count) + " attributes");
        }
        const auto refusal = field_text(reply.refusal, sizeof reply.refusal, "refusal", why);
        if (!refusal) {
            return violation(plugin_id, context, why);
        }
        Error error = media_error_from_status(negotiation.status, plugin_id + " " + context);
        if (!refusal->empty()) {
            error.message += ": " + *refusal;
        }
        return error;
    }
    const uint32_t count = reply.attribute_count;
    const bool count_fits = negotiation.call == NegotiationCall::offer
                                ? count >= 1 && count <= CORDON_MEDIA_MAX_ATTRIBUTES
                                : count == (negotiation.call == NegotiationCall::answer ? 1u : 0u);
    if (!count_fits) {
        return violation(plugin_id, context,
                         "attribute count " + std::to_string(count) + " is not what " + context + " writes (offer 1.." +
                             std::to_string(CORDON_MEDIA_MAX_ATTRIBUTES) + ", answer 1, accept_answer 0)");
    }
    Negotiated result;
    for (uint32_t i = 0; i < count; ++i) {
        auto value = field_text(reply.attributes[i], sizeof reply.attributes[i], "attribute " + std::to_string(i), why);
        if (!value) {
            return violation(plugin_id, context, why);
        }
        if (value->empty()) {
            return violation(plugin_id, context, "attribute " + std::to_string(i) + " is empty");
        }
        result.attributes.push_back(std::move(*value));
    }
    if (negotiation.call == NegotiationCall::offer) {
        return result;
    }
    auto suite = field_text(reply.suite, sizeof reply.suite, "suite", why);
    if (!suite) {
        return violation(plugin_id, context, why);
    }
    if (suite->empty()) {
        return violation(plugin_id, context, "no suite named");
    }
    if (reply.overhead == 0 || reply.overhead > negotiation.max_overhead) {
        return violation(plugin_id, context,
                         "overhead " + std::to_string(reply.overhead) + " is outside 1.." +
                             std::to_string(negotiation.max_overhead) + " (the interface's max_overhead)");
    }
    result.suite = std::move(*suite);
    result.overhead = reply.overhead;
    return result;
}

Result<size_t> check_packet_reply(const TaintedPacketReply &reply, const std::string &plugin_id)
{
    const char *context = to_string(reply.call);
    if (reply.status != CORDON_MEDIA_STATUS_OK) {
        if (reply.out_length != 0) {
            return violation(plugin_id, context,
                             "it failed but reported a length of " + std::to_string(reply.out_length));
        }
        return media_error_from_status(reply.status, plugin_id + " " + context);
    }
    const size_t out = reply.out_length;
    if (out > reply.capacity) {
        return violation(plugin_id, context,
                         "length " + std::to_string(out) + " is past the capacity " + std::to_string(reply.capacity));
    }
    if (is_protect(reply.call)) {
        if (out < reply.length || out - reply.length > reply.overhead) {
            return violation(plugin_id, context,
                             "protect turned " + std::to_string(reply.length) + " bytes into " + std::to_string(out) +
                                 "; it may add 0.." + std::to_string(reply.overhead));
        }
        return out;
    }
    if (out >= reply.length || out < header_bytes(reply.call)) {
        return violation(plugin_id, context,
                         "unprotect turned " + std::to_string(reply.length) + " bytes into " + std::to_string(out) +
                             "; the result must be shorter and hold at least the " +
                             std::to_string(header_bytes(reply.call)) + "-byte header");
    }
    return out;
}

} // namespace cordon
