// Time on an RTP clock: a duration in timestamp units of a given rate.
#pragma once

#include <chrono>
#include <cstdint>

namespace cordon::media {

// elapsed * clock_rate, rounded toward zero, modulo 2^32 as RTP timestamps
// are. Exact for any duration (no intermediate overflow); negative durations
// give the matching negative count modulo 2^32.
uint32_t to_rtp_units(std::chrono::nanoseconds elapsed, uint32_t clock_rate);

} // namespace cordon::media
