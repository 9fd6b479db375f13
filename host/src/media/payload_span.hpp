// How much time an RTP payload covers, read from the payload itself where
// its format says: the jitter buffer must know a packet's span when it
// arrives, before anything decodes it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::media {

// Opus's RTP clock is 48 kHz whatever the sampling rate (RFC 7587).
inline constexpr uint32_t opus_rtp_clock_rate = 48000;
// The longest Opus packet: 120 ms (RFC 6716 section 3.2.5).
inline constexpr uint32_t opus_max_packet_span = opus_rtp_clock_rate * 120 / 1000;

// RTP units covered by payload:
// - PCMU, PCMA: one byte per sample per channel (a payload that is not a
//   whole number of channel frames is malformed);
// - opus: the frame size and count its TOC byte (and, for code 3, its frame
//   count byte) state, RFC 6716 section 3.1; over 120 ms is malformed;
// - any other encoding: fallback_span, one codec frame per packet.
// Errors: malformed_input (empty payload included).
Result<uint32_t> payload_span(std::string_view encoding_name, uint32_t channels, std::span<const uint8_t> payload,
                              uint32_t fallback_span);

} // namespace cordon::media
