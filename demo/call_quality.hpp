// How faithfully one direction of the demo call carried its speech: the
// recording the receiver made against the file the sender played. The
// recording starts with the first packet, the file with the call, so the two
// are first aligned (compare_windowed finds the overall offset, within
// seconds), then compared sample by sample at that delay (measure_quality).
#pragma once

#include <filesystem>

#include <cordon/host/result.hpp>

#include "media/quality.hpp"
#include "media/windowed_similarity.hpp"

namespace cordon::demo {

// The floors a direction must reach for the demo to pass, on the windowed
// figures: a single glitch (a late packet concealed on a busy machine) costs
// the windows it touches, where it can pull the whole-file correlation far
// down. Measured with the demo's two voices (seeds 1 and 2): over the call,
// median window correlation 0.98 and 89-94 % of windows matched (Opus alone,
// in process: 98 %; its noise-like fricatives keep their spectrum, not their
// waveform); the other voice, best aligned, a median of 0.11-0.14 and 2 %.
inline constexpr double min_median_correlation = 0.8;
inline constexpr double min_matched_share = 0.8;

struct DirectionQuality {
    media::QualityFigures figures;     // whole files, at the aligned delay (reported, not judged)
    media::WindowedSimilarity windows; // 100 ms windows, each aligned on its own
    double delay_ms = 0.0;             // how much later the recording carries the source
    bool passed = false;               // both floors reached
};

// Reads both files and compares them. Errors: a file unreadable, or the
// signals too short or silent to compare (a recording of nothing).
Result<DirectionQuality> measure_direction(const std::filesystem::path &source, const std::filesystem::path &recording);

} // namespace cordon::demo
