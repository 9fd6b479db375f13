// RTP packets (RFC 3550 section 5.1): the fixed header, CSRCs, the header
// extension and padding, read from bytes off the wire and written for sending.
// A parsed packet is a view into the caller's buffer: nothing is copied but
// the header's fields.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "cordon/host/result.hpp"

namespace cordon::media {

inline constexpr uint8_t rtp_version = 2;
inline constexpr size_t rtp_fixed_header_bytes = 12;
// CC is a 4-bit field.
inline constexpr size_t max_rtp_csrcs = 15;
inline constexpr uint8_t max_rtp_payload_type = 127;
// RFC 5761 section 4: with RTP and RTCP on one port, payload types 64..95
// would put the second byte in RTCP's packet type range 192..223 (when the
// marker is set), so they are never used and always refused.
inline constexpr uint8_t first_rtcp_conflicting_payload_type = 64;
inline constexpr uint8_t last_rtcp_conflicting_payload_type = 95;
inline constexpr uint8_t first_multiplexed_rtcp_packet_type = 192;
inline constexpr uint8_t last_multiplexed_rtcp_packet_type = 223;
// The extension header: 16 bits defined by the profile, 16 bits of length in
// 32-bit words, the words not counting this header.
inline constexpr size_t rtp_extension_header_bytes = 4;
inline constexpr size_t max_rtp_extension_words = 0xFFFF;

struct RtpHeader {
    uint8_t payload_type = 0;
    bool marker = false;
    uint16_t sequence = 0;
    uint32_t timestamp = 0;
    uint32_t ssrc = 0;
    uint8_t csrc_count = 0;
    std::array<uint32_t, max_rtp_csrcs> csrcs{}; // the first csrc_count are used, the rest stay 0
    bool has_extension = false;
    uint16_t extension_profile = 0; // the extension's first 16 bits (0xBEDE for RFC 8285 one-byte headers)

    // Never past the array, even when csrc_count is out of range (write_rtp refuses that).
    std::span<const uint32_t> contributing_sources() const
    {
        return {csrcs.data(), csrc_count < max_rtp_csrcs ? csrc_count : max_rtp_csrcs};
    }

    bool operator==(const RtpHeader &) const = default;
};

struct RtpPacketView {
    RtpHeader header;
    std::span<const uint8_t> extension; // the extension's data words, without its 4-byte header
    std::span<const uint8_t> payload;   // may be empty
    size_t padding = 0;                 // bytes of padding at the end, the count byte included
};

// True when the packet's second byte is an RTCP packet type (192..223): on a
// port carrying both (RFC 5761 section 4), such a packet goes to parse_rtcp.
bool looks_like_rtcp(std::span<const uint8_t> packet);

// Errors (malformed_input, the message naming the problem): shorter than the
// fixed header, version other than 2, a payload type in 64..95, CSRCs or an
// extension that run past the end, a padding count of 0 or past the header.
Result<RtpPacketView> parse_rtp(std::span<const uint8_t> packet);

// Bytes write_rtp needs for this header, extension and payload.
size_t rtp_packet_size(const RtpHeader &header, size_t extension_bytes, size_t payload_bytes);

// Writes the header (with its CSRCs, and the extension when has_extension:
// `extension` is its data, a whole number of 32-bit words) and the payload,
// without padding; returns the bytes written. Errors: invalid_argument (a
// payload type above 127 or in 64..95, more than 15 CSRCs, an extension that
// is not whole words or is given without has_extension), buffer_too_small.
Result<size_t> write_rtp(const RtpHeader &header, std::span<const uint8_t> payload, std::span<uint8_t> out,
                         std::span<const uint8_t> extension = {});

} // namespace cordon::media
