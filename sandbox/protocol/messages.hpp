// The messages that travel in the slots. Headers are fixed-size structs in
// host byte order (both processes run on the same machine); payloads are
// either raw frames (PCM as int16_t, packets as bytes) or the little-endian
// serialisations of payload_codec.hpp.
//
//   operation  request payload            reply payload (status OK)
//   DESCRIBE   none                       descriptor fields + format list
//   CREATE     serialised CodecConfig     cordon_codec_instance_info (new id in header)
//   ENCODE     one frame of PCM           one packet
//   DECODE     one packet                 PCM, whole channel frames
//   CONCEAL    next packet, or none       exactly one frame of PCM
//   RESET      none                       none
//   DESTROY    none                       none
// A reply whose status is not OK carries no payload.
#pragma once

#include <cstdint>
#include <type_traits>

#include "sandbox/protocol/region_layout.hpp"

namespace cordon::sandbox {

enum class Operation : uint32_t {
    describe = 1,
    create = 2,
    encode = 3,
    decode = 4,
    conceal = 5,
    reset = 6,
    destroy = 7,
};
inline constexpr uint32_t first_operation = 1;
inline constexpr uint32_t last_operation = 7;

const char *to_string(Operation operation);
bool is_known_operation(uint32_t value);

// Why a reply failed when the plugin's status alone does not say: the child
// reports what it detected itself, so the host can classify the fault.
enum class ReplyDetail : uint32_t {
    none = 0,
    malformed_request = 1,           // the child refused the request itself
    unknown_instance = 2,            // no live instance has that id
    instance_table_full = 3,         // max_instances are alive already
    plugin_length_past_capacity = 4, // the plugin claimed more than it was given
    plugin_unknown_status = 5,       // the plugin returned a status the ABI lacks
    plugin_refused = 6,              // the plugin's own interface or descriptor is invalid
    reply_too_large = 7,             // a serialised reply did not fit the payload area
    no_concealment = 8,              // CONCEAL on a plugin without conceal()
    plugin_wrote_past_capacity = 9,  // the canary after the plugin's buffer changed
};
inline constexpr uint32_t last_reply_detail = 9;

const char *to_string(ReplyDetail detail);

// Written by the host into the control block before it wakes the child:
// slots 0..slot_count-1 hold this round trip's requests.
struct BatchHeader {
    uint32_t slot_count;
    uint32_t reserved;
};

struct RequestHeader {
    // Increases by one with every request the host sends; echoed by the reply.
    uint64_t sequence;
    uint32_t operation;   // an Operation
    uint32_t instance_id; // no_instance_id for DESCRIBE and CREATE
    uint32_t payload_bytes;
    // The most the reply payload may carry: the host's own output buffer.
    uint32_t reply_capacity_bytes;
};

struct ReplyHeader {
    uint64_t sequence;    // the request's
    uint32_t operation;   // the request's
    uint32_t instance_id; // the request's; for CREATE, the new instance's
    int32_t status;       // a cordon_status
    uint32_t detail;      // a ReplyDetail
    uint32_t payload_bytes;
    uint32_t reserved;
};

static_assert(std::is_trivially_copyable_v<BatchHeader> && sizeof(BatchHeader) <= control_block_bytes);
static_assert(std::is_trivially_copyable_v<RequestHeader> && sizeof(RequestHeader) <= message_header_bytes);
static_assert(std::is_trivially_copyable_v<ReplyHeader> && sizeof(ReplyHeader) <= message_header_bytes);

} // namespace cordon::sandbox
