// Where everything lives in the shared region the host and one sandbox child
// both map. The host computes this layout from the slot count alone and keeps
// its own copy: nothing about sizes or offsets is ever read back from shared
// memory, so a hostile child cannot move a slot or grow a payload area.
//
//   [control block][slot 0: request half | reply half][slot 1: ...] ...
//   each half: [message header][payload area]
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "cordon/codec.h"

namespace cordon::sandbox {

// Everything in the region starts on a cache line, so the two processes do
// not share a line between a request half and a reply half.
inline constexpr size_t region_alignment_bytes = 64;

// The batch header (messages.hpp) and room to grow, at the start of the region.
inline constexpr size_t control_block_bytes = region_alignment_bytes;
// A request or reply header (messages.hpp) and room to grow.
inline constexpr size_t message_header_bytes = region_alignment_bytes;

// The largest payloads a frame can need either way.
inline constexpr size_t max_packet_payload_bytes = CORDON_CODEC_MAX_PACKET_BYTES;
inline constexpr size_t max_pcm_payload_bytes = size_t{CORDON_CODEC_MAX_FRAME_SAMPLES} * sizeof(int16_t);
// Room for a serialised create config or a plugin's format list; a plugin
// whose list does not fit is refused by the child (plenty for real codecs: a
// G.711 list takes about 100 bytes).
inline constexpr size_t max_serialised_payload_bytes = 32768;

// One payload area holds the largest of the three.
inline constexpr size_t payload_capacity_bytes =
    std::max({max_packet_payload_bytes, max_pcm_payload_bytes, max_serialised_payload_bytes});
inline constexpr size_t half_slot_bytes = message_header_bytes + payload_capacity_bytes;
inline constexpr size_t slot_bytes = 2 * half_slot_bytes;

// Slots in a region: the default carries 16 instances' frames per round trip.
inline constexpr uint32_t default_slot_count = 16;
inline constexpr uint32_t max_slot_count = 64;
// Live instances one child serves; ids run from 1 to this (0 is "none").
inline constexpr uint32_t max_instances = 256;
inline constexpr uint32_t no_instance_id = 0;

static_assert(payload_capacity_bytes % region_alignment_bytes == 0, "payload areas stay aligned");
static_assert(payload_capacity_bytes <= UINT32_MAX, "payload lengths travel as uint32_t");

// The host's own copy of the layout, made from a slot count and nothing else.
class RegionLayout {
public:
    // slot_count must be 1..max_slot_count; anything else yields the default.
    static constexpr RegionLayout for_slots(uint32_t slot_count)
    {
        return RegionLayout(slot_count >= 1 && slot_count <= max_slot_count ? slot_count : default_slot_count);
    }

    constexpr uint32_t slot_count() const { return slot_count_; }
    constexpr size_t region_bytes() const { return control_block_bytes + size_t{slot_count_} * slot_bytes; }

    // Offsets from the start of the region; slot must be < slot_count().
    static constexpr size_t batch_header_offset() { return 0; }
    static constexpr size_t request_header_offset(uint32_t slot) { return slot_offset(slot); }
    static constexpr size_t request_payload_offset(uint32_t slot) { return slot_offset(slot) + message_header_bytes; }
    static constexpr size_t reply_header_offset(uint32_t slot) { return slot_offset(slot) + half_slot_bytes; }
    static constexpr size_t reply_payload_offset(uint32_t slot)
    {
        return slot_offset(slot) + half_slot_bytes + message_header_bytes;
    }

private:
    explicit constexpr RegionLayout(uint32_t slot_count) : slot_count_(slot_count) {}
    static constexpr size_t slot_offset(uint32_t slot) { return control_block_bytes + size_t{slot} * slot_bytes; }

    uint32_t slot_count_;
};

static_assert(RegionLayout::reply_payload_offset(0) % region_alignment_bytes == 0);
static_assert(RegionLayout::request_payload_offset(1) % region_alignment_bytes == 0);

} // namespace cordon::sandbox
