#include "sandbox/supervisor/request_writer.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace cordon::sandbox {

namespace {

Error misuse(const std::string &message) { return {ErrorCode::invalid_argument, "sandbox request: " + message}; }

} // namespace

Result<PendingRequest> RequestWriter::write(uint32_t slot, Operation operation, uint32_t instance_id,
                                            std::span<const std::byte> payload, uint32_t reply_capacity_bytes)
{
    if (slot >= region_.layout().slot_count()) {
        return misuse("slot " + std::to_string(slot) + " is outside the region's " +
                      std::to_string(region_.layout().slot_count()) + " slots");
    }
    if (payload.size() > payload_capacity_bytes) {
        return misuse("payload of " + std::to_string(payload.size()) + " bytes exceeds the slot's " +
                      std::to_string(payload_capacity_bytes));
    }
    if (instance_id > max_instances) {
        return misuse("instance id " + std::to_string(instance_id) + " exceeds " + std::to_string(max_instances));
    }
    PendingRequest pending;
    pending.sequence = next_sequence_++;
    pending.operation = operation;
    pending.instance_id = instance_id;
    pending.reply_capacity_bytes =
        static_cast<uint32_t>(std::min<size_t>(reply_capacity_bytes, payload_capacity_bytes));

    copy_bytes(region_.request_payload(slot).data(), payload.data(), payload.size());
    RequestHeader header{};
    header.sequence = pending.sequence;
    header.operation = static_cast<uint32_t>(operation);
    header.instance_id = instance_id;
    header.payload_bytes = static_cast<uint32_t>(payload.size());
    header.reply_capacity_bytes = pending.reply_capacity_bytes;
    region_.store(RegionLayout::request_header_offset(slot), header);
    region_.store(RegionLayout::reply_header_offset(slot), ReplyHeader{});
    return pending;
}

Result<void> RequestWriter::publish_batch(uint32_t slot_count)
{
    if (slot_count == 0 || slot_count > region_.layout().slot_count()) {
        return misuse("batch of " + std::to_string(slot_count) + " slots, the region has " +
                      std::to_string(region_.layout().slot_count()));
    }
    region_.store(RegionLayout::batch_header_offset(), BatchHeader{slot_count, 0});
    return {};
}

} // namespace cordon::sandbox
