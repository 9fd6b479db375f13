// NTP timestamps as RTCP carries them (RFC 3550 section 4): 32 bits of seconds
// since 1900 and 32 bits of fraction; the "compact" middle 32 bits (16.16
// fixed point, units of 1/65536 s) are what LSR and DLSR use.
#pragma once

#include <chrono>
#include <cstdint>

namespace cordon::media {

// Seconds from 1900-01-01 (NTP's epoch) to 1970-01-01 (the system clock's).
inline constexpr uint64_t ntp_unix_epoch_offset_seconds = 2208988800;
// Units of a compact NTP time per second.
inline constexpr uint32_t compact_ntp_units_per_second = 65536;

struct NtpTimestamp {
    uint32_t seconds = 0;
    uint32_t fraction = 0; // 1/2^32 s

    // The low 16 bits of the seconds and the high 16 bits of the fraction.
    uint32_t compact() const { return seconds << 16u | fraction >> 16u; }

    bool operator==(const NtpTimestamp &) const = default;
};

// The wall clock as NTP (the seconds field wraps in 2036, as NTP's era 0 does).
NtpTimestamp to_ntp(std::chrono::system_clock::time_point time);

// A duration as compact NTP units, rounded down, saturating at 2^32 - 1
// (about 18 hours); negative durations give 0.
uint32_t to_compact_ntp(std::chrono::nanoseconds duration);

std::chrono::microseconds from_compact_ntp(uint32_t units);

} // namespace cordon::media
