// A logarithmic sine sweep: a second test signal as unlike speech as a
// signal can be, so that two parties playing one each cannot be confused.
#pragma once

#include <cstdint>

#include "media/pcm.hpp"

namespace cordon::media {

// Level of the sweep's peak: the same headroom as the speech-like signal.
inline constexpr double sweep_peak_dbfs = -3.0;
// Longest sweep generated; longer requests are shortened to this.
inline constexpr double max_sweep_seconds = 600.0;

// Mono, from start_hz to end_hz over `seconds`, the frequency rising (or
// falling) by the same ratio every second, so each octave lasts as long.
// Frequencies must lie in (0, sample_rate / 2); anything else, a zero rate
// or a non-positive duration gives an empty Pcm.
Pcm generate_tone_sweep(uint32_t sample_rate, double seconds, double start_hz, double end_hz);

} // namespace cordon::media
