// The host's only way to read what a sandbox child wrote. In the manner of
// RLBox's tainted<T>: a reply in shared memory is a TaintedReply, which offers
// nothing to read; only validate_reply turns it into a VerifiedReply, after
// checking every field against what the host itself asked for and knows.
//
// No double fetch: capture() copies the header out of shared memory once,
// validation looks only at that copy, and the payload is copied out exactly
// once, with the validated length, before anything parses it.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"
#include "sandbox/protocol/messages.hpp"
#include "sandbox/protocol/shared_region.hpp"
#include "sandbox/supervisor/description_validation.hpp"

namespace cordon::sandbox {

// What the host sent, as request_writer.hpp recorded it in host memory.
struct PendingRequest {
    uint64_t sequence = 0;
    Operation operation = Operation::describe;
    uint32_t instance_id = no_instance_id;
    uint32_t reply_capacity_bytes = 0;
};

// Instance ids the host has live in this child, indexed by id.
using InstanceIdSet = std::bitset<size_t{max_instances} + 1>;

// Everything a reply is checked against, all of it host memory.
struct ReplyExpectation {
    PendingRequest request;
    // ENCODE, DECODE, CONCEAL: the instance's information, validated at CREATE.
    const CodecInstanceInfo *instance = nullptr;
    // CREATE: the configuration sent, and the ids already in use.
    const CodecConfig *config = nullptr;
    const InstanceIdSet *ids_in_use = nullptr;
};

class TaintedReply;

// A reply that passed validation. Only validate_reply makes one.
class VerifiedReply {
public:
    Operation operation() const { return operation_; }
    // The request's instance, or the new one for a successful CREATE.
    uint32_t instance_id() const { return instance_id_; }
    cordon_status status() const { return status_; }
    ReplyDetail detail() const { return detail_; }
    bool ok() const { return status_ == CORDON_STATUS_OK; }
    // ENCODE, DECODE, CONCEAL: bytes copied into the caller's buffer.
    size_t payload_bytes() const { return payload_bytes_; }
    // DESCRIBE: the plugin, validated like a trusted one. CREATE: the instance.
    const std::optional<DescribedPlugin> &plugin() const { return plugin_; }
    const std::optional<CodecInstanceInfo> &instance_info() const { return instance_info_; }
    // The plugin's failure as an Error (only when !ok()).
    Error failure(const std::string &context) const;

private:
    VerifiedReply() = default;
    friend Result<VerifiedReply> validate_reply(const TaintedReply &reply, const ReplyExpectation &expected,
                                                std::span<std::byte> payload_out);

    Operation operation_ = Operation::describe;
    uint32_t instance_id_ = no_instance_id;
    cordon_status status_ = CORDON_STATUS_INTERNAL_ERROR;
    ReplyDetail detail_ = ReplyDetail::none;
    size_t payload_bytes_ = 0;
    std::optional<DescribedPlugin> plugin_;
    std::optional<CodecInstanceInfo> instance_info_;
};

// A reply still in (or just copied from) shared memory: nothing to read.
class TaintedReply {
public:
    // Copies slot's reply header out of shared memory, once. slot must be
    // below the host's own slot count (invalid_argument otherwise).
    static Result<TaintedReply> capture(const RegionView &region, uint32_t slot);

private:
    TaintedReply(const ReplyHeader &header, std::span<const std::byte> payload_area)
        : header_(header), payload_area_(payload_area)
    {
    }
    friend Result<VerifiedReply> validate_reply(const TaintedReply &reply, const ReplyExpectation &expected,
                                                std::span<std::byte> payload_out);

    ReplyHeader header_;
    std::span<const std::byte> payload_area_;
};

// Checks the captured header against expected: sequence, operation, a known
// status and detail, instance id, a payload length within the slot, within
// what the request allowed and within the instance's stated maximum (and
// whole channel frames for PCM, exactly one frame for CONCEAL), no payload
// on failure. Then copies the payload: ENCODE, DECODE and CONCEAL into
// payload_out (at least request.reply_capacity_bytes long); DESCRIBE and
// CREATE into host memory, parsed and validated.
// Any violation: ErrorCode::contract_violation naming the field and values.
Result<VerifiedReply> validate_reply(const TaintedReply &reply, const ReplyExpectation &expected,
                                     std::span<std::byte> payload_out = {});

} // namespace cordon::sandbox
