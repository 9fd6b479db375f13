// Cross-correlation of two multichannel signals over a range of lags, through
// the FFT so that searching a 100 ms window costs O(N log N), not O(N * lags).
#pragma once

#include <cstdint>
#include <vector>

#include "media/pcm.hpp"

namespace cordon::media {

// Longest input the transform takes (2^26 points): beyond it memory use would
// be unreasonable, and callers cut their signals shorter first.
inline constexpr size_t max_correlation_points = size_t{1} << 26;

// For each lag in [min_lag, max_lag], the sum over channels and frames of
// a[n] * b[n + lag] (terms outside either signal count as zero). a and b must
// have the same channel count; element i of the result is lag min_lag + i.
// Returns an empty vector when the inputs are empty, the channel counts differ,
// min_lag > max_lag, or the transform would exceed max_correlation_points.
std::vector<double> cross_correlation(const Pcm &a, const Pcm &b, int64_t min_lag, int64_t max_lag);

} // namespace cordon::media
