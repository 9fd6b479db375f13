#include "sandbox/supervisor/reply_validation.hpp"

#include <cstring>
#include <vector>

#include "plugin_abi/codec_contract.hpp"
#include "sandbox/protocol/create_payload.hpp"
#include "sandbox/protocol/description_payload.hpp"

namespace cordon::sandbox {

namespace {

constexpr size_t pcm_sample_bytes = sizeof(int16_t);

Error violation(const PendingRequest &request, const std::string &message)
{
    return {ErrorCode::contract_violation, std::string("sandbox reply to ") + to_string(request.operation) + " #" +
                                               std::to_string(request.sequence) + ": " + message};
}

Error host_misuse(const std::string &message) { return {ErrorCode::invalid_argument, "validate_reply: " + message}; }

bool is_known_status(int32_t status) { return status >= CORDON_STATUS_OK && status <= CORDON_STATUS_INTERNAL_ERROR; }

bool is_frame_operation(Operation operation)
{
    return operation == Operation::encode || operation == Operation::decode || operation == Operation::conceal;
}

// The largest payload a successful reply to this operation may carry, from
// host knowledge only; and the rule it breaks, for the message.
std::optional<std::string> check_frame_length(const ReplyExpectation &expected, size_t bytes)
{
    const CodecInstanceInfo &info = *expected.instance;
    const size_t channel_frame_bytes = size_t{info.channels} * pcm_sample_bytes;
    switch (expected.request.operation) {
    case Operation::encode:
        if (bytes > info.max_packet_bytes) {
            return "payload length " + std::to_string(bytes) + " exceeds the instance's max_packet_bytes " +
                   std::to_string(info.max_packet_bytes);
        }
        return std::nullopt;
    case Operation::decode:
        if (bytes > size_t{info.max_decoded_samples} * pcm_sample_bytes) {
            return "payload length " + std::to_string(bytes) + " exceeds the instance's max_decoded_samples " +
                   std::to_string(info.max_decoded_samples) + " x " + std::to_string(pcm_sample_bytes) + " bytes";
        }
        if (channel_frame_bytes == 0 || bytes % channel_frame_bytes != 0) {
            return "payload length " + std::to_string(bytes) + " is not a whole number of " +
                   std::to_string(info.channels) + "-channel sample frames";
        }
        return std::nullopt;
    case Operation::conceal:
        if (bytes != info.frame_samples() * pcm_sample_bytes) {
            return "payload length " + std::to_string(bytes) + " is not exactly one frame (" +
                   std::to_string(info.frame_samples() * pcm_sample_bytes) + " bytes)";
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

// Checks everything in the header that does not depend on the payload.
std::optional<std::string> check_header(const ReplyHeader &header, const ReplyExpectation &expected)
{
    const PendingRequest &request = expected.request;
    if (header.sequence != request.sequence) {
        return "sequence " + std::to_string(header.sequence) + ", expected " + std::to_string(request.sequence);
    }
    if (header.operation != static_cast<uint32_t>(request.operation)) {
        return "operation " + std::to_string(header.operation) + ", expected " +
               std::to_string(static_cast<uint32_t>(request.operation)) + " (" + to_string(request.operation) + ")";
    }
    if (!is_known_status(header.status)) {
        return "status " + std::to_string(header.status) + " is not a known cordon_status";
    }
    if (header.detail > last_reply_detail) {
        return "detail " + std::to_string(header.detail) + " is not a known reply detail";
    }
    if (header.payload_bytes > payload_capacity_bytes) {
        return "payload length " + std::to_string(header.payload_bytes) + " exceeds the slot's " +
               std::to_string(payload_capacity_bytes) + " bytes";
    }
    if (header.payload_bytes > request.reply_capacity_bytes) {
        return "payload length " + std::to_string(header.payload_bytes) + " exceeds the request's capacity " +
               std::to_string(request.reply_capacity_bytes) + " bytes";
    }
    const bool ok = header.status == CORDON_STATUS_OK;
    if (!ok && header.payload_bytes != 0) {
        return "payload length " + std::to_string(header.payload_bytes) + " with failure status " +
               std::to_string(header.status) + " (a failed reply carries no payload)";
    }
    if (request.operation == Operation::create && ok) {
        if (header.instance_id == no_instance_id || header.instance_id > max_instances) {
            return "new instance id " + std::to_string(header.instance_id) + " is outside 1.." +
                   std::to_string(max_instances);
        }
        if (expected.ids_in_use->test(header.instance_id)) {
            return "new instance id " + std::to_string(header.instance_id) + " is already in use";
        }
    } else if (header.instance_id != request.instance_id) {
        return "instance id " + std::to_string(header.instance_id) + ", expected " +
               std::to_string(request.instance_id);
    }
    if (ok && (request.operation == Operation::reset || request.operation == Operation::destroy) &&
        header.payload_bytes != 0) {
        return "payload length " + std::to_string(header.payload_bytes) + " where none is sent";
    }
    if (ok && is_frame_operation(request.operation)) {
        return check_frame_length(expected, header.payload_bytes);
    }
    return std::nullopt;
}

std::optional<std::string> check_expectation(const ReplyExpectation &expected, std::span<std::byte> payload_out)
{
    const Operation operation = expected.request.operation;
    if (is_frame_operation(operation) && expected.instance == nullptr) {
        return "no instance information for a frame operation";
    }
    if (is_frame_operation(operation) && payload_out.size() < expected.request.reply_capacity_bytes) {
        return "output buffer of " + std::to_string(payload_out.size()) + " bytes is below the request's capacity";
    }
    if (operation == Operation::create && (expected.config == nullptr || expected.ids_in_use == nullptr)) {
        return "no configuration or id set for CREATE";
    }
    return std::nullopt;
}

} // namespace

Result<TaintedReply> TaintedReply::capture(const RegionView &region, uint32_t slot)
{
    if (slot >= region.layout().slot_count()) {
        return host_misuse("slot " + std::to_string(slot) + " is outside the region's " +
                           std::to_string(region.layout().slot_count()) + " slots");
    }
    const auto header = region.load<ReplyHeader>(RegionLayout::reply_header_offset(slot));
    return TaintedReply(header, region.reply_payload(slot));
}

Result<VerifiedReply> validate_reply(const TaintedReply &reply, const ReplyExpectation &expected,
                                     std::span<std::byte> payload_out)
{
    if (auto misuse = check_expectation(expected, payload_out)) {
        return host_misuse(*misuse);
    }
    const ReplyHeader &header = reply.header_; // the host's copy, never shared memory
    if (auto problem = check_header(header, expected)) {
        return violation(expected.request, *problem);
    }
    VerifiedReply verified;
    verified.operation_ = expected.request.operation;
    verified.instance_id_ = header.instance_id;
    verified.status_ = static_cast<cordon_status>(header.status);
    verified.detail_ = static_cast<ReplyDetail>(header.detail);
    verified.payload_bytes_ = header.payload_bytes;
    const auto payload = reply.payload_area_.first(header.payload_bytes);
    if (is_frame_operation(verified.operation_)) {
        copy_bytes(payload_out.data(), payload.data(), payload.size());
        return verified;
    }
    if (!verified.ok() || (verified.operation_ != Operation::describe && verified.operation_ != Operation::create)) {
        return verified;
    }
    // Copied once into host memory; the parser never looks at shared memory.
    std::vector<uint8_t> copy(payload.size());
    copy_bytes(copy.data(), payload.data(), payload.size());
    if (verified.operation_ == Operation::describe) {
        auto parsed = parse_description(copy);
        if (!parsed) {
            return violation(expected.request, parsed.error().message);
        }
        auto plugin = validate_description(*parsed);
        if (!plugin) {
            return violation(expected.request, plugin.error().message);
        }
        verified.plugin_ = std::move(plugin.value());
        return verified;
    }
    auto reported = parse_instance_info(copy);
    if (!reported) {
        return violation(expected.request, reported.error().message);
    }
    auto info = validate_instance_info(*reported, *expected.config);
    if (!info) {
        return violation(expected.request, info.error().message);
    }
    verified.instance_info_ = *info;
    return verified;
}

Error VerifiedReply::failure(const std::string &context) const
{
    Error error = error_from_status(status_, context);
    if (detail_ != ReplyDetail::none) {
        error.message += std::string(" (sandbox: ") + to_string(detail_) + ")";
    }
    return error;
}

} // namespace cordon::sandbox
