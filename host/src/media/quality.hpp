// Objective quality of a decoded signal against the reference it came from:
// align the two, then compare sample by sample. No perceptual model; these
// figures catch broken codecs and pipelines, not subtle artefacts.
#pragma once

#include <cstddef>
#include <optional>

#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

namespace cordon::media {

// Delays searched on either side of the hint (or of zero): more than any
// codec's algorithmic delay plus a jitter buffer's start-up.
inline constexpr double max_delay_search_seconds = 0.1;
// The delay is found on at most this much of the reference; enough to be
// unambiguous, and it bounds the transform's memory.
inline constexpr double delay_analysis_seconds = 10.0;
// A lag is only considered when the signals overlap over at least this share
// of the shorter one; tiny overlaps correlate well by chance.
inline constexpr double min_overlap_share = 0.5;
// Segmental SNR: the classic 20 ms segments, each clamped to [-10, 35] dB so
// that near-silent or perfect segments do not dominate; segments of the
// reference quieter than silent_segment_dbfs (RMS) are skipped.
inline constexpr double segment_seconds = 0.02;
inline constexpr double segmental_snr_floor_db = -10.0;
inline constexpr double segmental_snr_ceiling_db = 35.0;
inline constexpr double silent_segment_dbfs = -50.0;

struct QualityFigures {
    // decoded[n + delay_samples] lines up with reference[n] (per channel, so
    // in frames); positive when the decoded signal lags.
    int delay_samples = 0;
    double snr_db = 0.0; // +infinity when the overlap is identical
    double segmental_snr_db = 0.0;
    double correlation = 0.0;   // normalised, -1..1, all channels together
    double max_abs_error = 0.0; // in 16-bit sample units
    size_t compared_frames = 0; // length of the overlap the figures cover
};

// The lag in [hint - W, hint + W] (W = max_delay_search_seconds) that maximises
// the normalised cross-correlation over all channels. hint: the codec's stated
// delay when known. Errors (invalid_argument): formats differ, a signal is
// empty, the reference is silent, or the signals are too short to align.
Result<int> find_delay(const Pcm &reference, const Pcm &decoded, std::optional<int> delay_hint = std::nullopt);

// Figures over the overlap of reference[n] and decoded[n + delay].
Result<QualityFigures> measure_at_delay(const Pcm &reference, const Pcm &decoded, int delay);

// find_delay, then measure_at_delay.
Result<QualityFigures> measure_quality(const Pcm &reference, const Pcm &decoded,
                                       std::optional<int> delay_hint = std::nullopt);

} // namespace cordon::media
