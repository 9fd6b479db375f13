// Whether a call recording carries a reference signal, when a whole-file
// correlation cannot say: the recording started at another moment, the
// sender's clock ran slightly fast or slow (0.1 % is 3 ms over 3 s, more
// than a voice's period), packets were lost or concealed. The reference is cut
// into short windows and each is aligned on its own, within a small range
// around the overall offset, so drift and gaps cost only the windows they touch.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

namespace cordon::media {

// Short enough that 0.1 % drift moves a window by a tenth of a millisecond,
// long enough to hold a few periods of a low voice.
inline constexpr double similarity_window_seconds = 0.1;
// How far apart the starts of the reference and the recording may be: the
// recording of a call begins with the first packet, the source with the call.
inline constexpr double default_max_start_offset_seconds = 2.0;
// Each window is searched this far on either side of the overall offset:
// drift over a minute at 0.1 %, or a few lost packets.
inline constexpr double default_window_search_seconds = 0.06;
// A window matches when its normalised correlation reaches this: G.711 scores
// above 0.99, Opus at low bitrates about 0.9; unrelated voices, best aligned,
// have a median near 0.1 (generate_speech_like, seeds 1 to 7).
inline constexpr double window_match_correlation = 0.75;
// Signals recorded above this rate are compared at it: up to 8 kHz is all
// of a voice that matters, and it keeps a 48 kHz comparison fast.
inline constexpr uint32_t similarity_analysis_rate = 16000;
// Reference windows quieter than this (RMS, dB full scale) are pauses: they
// say nothing about alignment and are not counted.
inline constexpr double default_silent_window_dbfs = -45.0;

struct WindowedSimilarityOptions {
    double window_seconds = similarity_window_seconds;
    double max_start_offset_seconds = default_max_start_offset_seconds;
    double window_search_seconds = default_window_search_seconds;
    double match_correlation = window_match_correlation;
    double silent_window_dbfs = default_silent_window_dbfs;
    uint32_t analysis_rate = similarity_analysis_rate; // 0: the recording's rate, whatever it is
};

struct WindowedSimilarity {
    // recording[t + start_offset] carries reference[t], overall; positive
    // when the recording starts earlier than the reference's first sample.
    double start_offset_seconds = 0.0;
    size_t windows_compared = 0; // reference windows that are not silent
    size_t windows_matched = 0;  // of those, aligned at or above match_correlation
    double matched_share = 0.0;  // windows_matched / windows_compared
    double median_correlation = 0.0;
    // How much longer the recording's time runs than the reference's, in
    // parts per million, from the matched windows' offsets (0 with fewer than two).
    double drift_ppm = 0.0;
};

// Compares at the recording's sample rate or analysis_rate, whichever is
// lower, both signals mixed to mono and resampled to it. Errors (invalid_argument):
// a malformed or empty signal, a silent reference, options out of range.
Result<WindowedSimilarity> compare_windowed(const Pcm &reference, const Pcm &recording,
                                            const WindowedSimilarityOptions &options = {});

} // namespace cordon::media
