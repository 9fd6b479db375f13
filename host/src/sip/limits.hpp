// Caps applied to a received SIP message before any parser sees it, so the
// cost of parsing stays linear in a size Cordon chose, not one the sender chose.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cordon::sip {

// The largest UDP payload; a stream transport frames messages no larger.
inline constexpr std::size_t max_message_bytes = 65535;
// RFC 3261 messages carry a few dozen header fields; torture tests stay under 50.
inline constexpr std::size_t max_header_fields = 128;
// One header field after unfolding continuation lines.
inline constexpr std::size_t max_header_field_bytes = 4096;

// Ranges RFC 3261 gives scalar fields (sections 8.1.1.5, 20.22, 20.19).
inline constexpr std::uint64_t max_cseq_number = 2147483647; // 2**31 - 1
inline constexpr std::uint64_t max_max_forwards = 255;
inline constexpr std::uint64_t max_expires_seconds = 4294967295; // 2**32 - 1

} // namespace cordon::sip
