// The host's half of a round trip: requests written into slots, each with the
// next sequence number, and the batch header that says how many slots the
// child is to serve. What was sent is returned as a PendingRequest in host
// memory, for validate_reply to check the reply against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "cordon/host/result.hpp"
#include "sandbox/protocol/messages.hpp"
#include "sandbox/protocol/shared_region.hpp"
#include "sandbox/supervisor/reply_validation.hpp"

namespace cordon::sandbox {

class RequestWriter {
public:
    explicit RequestWriter(RegionView region) : region_(region) {}

    // Writes one request into slot and clears its reply header, so a child
    // that never answers cannot leave an old, valid-looking reply behind.
    // reply_capacity_bytes: the most the reply may carry (clamped to the
    // payload area). invalid_argument for a slot or payload out of bounds.
    Result<PendingRequest> write(uint32_t slot, Operation operation, uint32_t instance_id,
                                 std::span<const std::byte> payload, uint32_t reply_capacity_bytes);

    // Makes slots 0..slot_count-1 this round trip's batch.
    Result<void> publish_batch(uint32_t slot_count);

    uint64_t last_sequence() const { return next_sequence_ - 1; }

private:
    RegionView region_;
    uint64_t next_sequence_ = 1;
};

} // namespace cordon::sandbox
