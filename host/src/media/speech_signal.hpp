// A synthetic, deterministic speech-like test signal: what codec tests feed
// instead of a recording, so results are reproducible and license-free.
#pragma once

#include <cstdint>

#include "media/pcm.hpp"

namespace cordon::media {

// Level of the loudest sample, so that codecs and resamplers have headroom.
inline constexpr double speech_peak_dbfs = -3.0;
// Longest signal generated; longer requests are shortened to this.
inline constexpr double max_speech_seconds = 600.0;

// A glottal pulse train (pitch gliding in about 90..250 Hz with phrase
// intonation) shaped by three formant resonators moving between vowels, in
// syllables at about 4 per second with short pauses, and unvoiced fricative
// bursts. The loudest sample is at speech_peak_dbfs.
//
// The same arguments always give the same samples. With two or more channels,
// channel 1 onwards is a different mix of the same voice (delayed slightly,
// other voiced/unvoiced balance), so stereo coding has real work to do.
// A zero rate, zero channels or a non-positive duration give an empty Pcm.
Pcm generate_speech_like(uint32_t sample_rate, uint32_t channels, double seconds, uint32_t seed);

} // namespace cordon::media
