#include "media/windowed_similarity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "media/cross_correlation.hpp"
#include "media/resampler.hpp"

namespace cordon::media {
namespace {

constexpr double full_scale = 32767.0;
// The overall offset is found on at most this much of the reference: enough
// to be unambiguous, and it bounds the transform's size.
constexpr double offset_analysis_seconds = 10.0;
// An overall offset is only considered where the signals overlap over at
// least this share of the analysed reference; tiny overlaps correlate by chance.
constexpr double min_offset_overlap_share = 0.25;
// Limits on the options, far beyond any call: they bound the transforms.
constexpr double max_window_seconds = 10.0;
constexpr double max_offset_seconds = 600.0;
constexpr double parts_per_million = 1e6;

Result<void> check_options(const WindowedSimilarityOptions &options)
{
    const bool valid = options.window_seconds > 0.0 && options.window_seconds <= max_window_seconds &&
                       options.max_start_offset_seconds >= 0.0 &&
                       options.max_start_offset_seconds <= max_offset_seconds && options.window_search_seconds >= 0.0 &&
                       options.window_search_seconds <= max_window_seconds && options.match_correlation > -1.0 &&
                       options.match_correlation <= 1.0 && options.silent_window_dbfs <= 0.0;
    if (!valid) {
        return Error{ErrorCode::invalid_argument,
                     "windowed comparison options out of range (window and search 0..10 s, offset 0..600 s, "
                     "correlation -1..1, silence threshold at most 0 dBFS)"};
    }
    return {};
}

// prefix[n] is the energy of samples [0, n).
std::vector<double> energy_prefix(const std::vector<int16_t> &samples)
{
    std::vector<double> prefix(samples.size() + 1, 0.0);
    for (size_t n = 0; n < samples.size(); ++n) {
        const double value = samples[n];
        prefix[n + 1] = prefix[n] + value * value;
    }
    return prefix;
}

double energy_between(const std::vector<double> &prefix, int64_t begin, int64_t end)
{
    const auto size = static_cast<int64_t>(prefix.size()) - 1;
    begin = std::clamp<int64_t>(begin, 0, size);
    end = std::clamp<int64_t>(end, begin, size);
    return prefix[static_cast<size_t>(end)] - prefix[static_cast<size_t>(begin)];
}

// samples[begin, end) with zeros wherever the range leaves the signal.
Pcm mono_slice(const Pcm &mono, int64_t begin, int64_t end)
{
    Pcm slice{mono.sample_rate, 1, std::vector<int16_t>(static_cast<size_t>(std::max<int64_t>(0, end - begin)), 0)};
    const auto frames = static_cast<int64_t>(mono.frames());
    for (int64_t n = std::max<int64_t>(begin, 0); n < std::min(end, frames); ++n) {
        slice.samples[static_cast<size_t>(n - begin)] = mono.samples[static_cast<size_t>(n)];
    }
    return slice;
}

// The lag (in frames) maximising the correlation of the reference's start
// with the recording, normalised by the energies of the overlap.
Result<int64_t> overall_offset(const Pcm &reference, const Pcm &recording, int64_t max_lag)
{
    const auto analysed_frames = static_cast<int64_t>(
        std::min<double>(static_cast<double>(reference.frames()), offset_analysis_seconds * reference.sample_rate));
    const Pcm analysed = mono_slice(reference, 0, analysed_frames);
    const Pcm searched = mono_slice(
        recording, 0, std::min<int64_t>(static_cast<int64_t>(recording.frames()), analysed_frames + max_lag));
    const std::vector<double> correlation = cross_correlation(analysed, searched, -max_lag, max_lag);
    if (correlation.empty()) {
        return Error{ErrorCode::invalid_argument, "cannot align the recording: the signals are too long to correlate"};
    }
    const std::vector<double> reference_energy = energy_prefix(analysed.samples);
    const std::vector<double> recording_energy = energy_prefix(searched.samples);
    const auto min_overlap =
        static_cast<int64_t>(std::ceil(min_offset_overlap_share * static_cast<double>(analysed_frames)));
    int64_t best_lag = 0;
    double best_score = -std::numeric_limits<double>::infinity();
    for (int64_t lag = -max_lag; lag <= max_lag; ++lag) {
        const int64_t begin = std::max<int64_t>(0, -lag);
        const int64_t end = std::min(analysed_frames, static_cast<int64_t>(searched.frames()) - lag);
        if (end - begin < std::max<int64_t>(1, min_overlap)) {
            continue;
        }
        const double denominator = std::sqrt(energy_between(reference_energy, begin, end) *
                                             energy_between(recording_energy, begin + lag, end + lag));
        const double score = denominator > 0.0 ? correlation[static_cast<size_t>(lag + max_lag)] / denominator : 0.0;
        if (score > best_score) {
            best_score = score;
            best_lag = lag;
        }
    }
    if (best_score == -std::numeric_limits<double>::infinity()) {
        return Error{ErrorCode::invalid_argument, "cannot align the recording: the signals are too short to overlap"};
    }
    return best_lag;
}

struct WindowAlignment {
    double correlation = 0.0;
    int64_t lag = 0;
};

// The best normalised correlation of reference[begin, begin + length) with
// the recording at lags centre - search .. centre + search.
WindowAlignment align_window(const Pcm &reference, const Pcm &recording, const std::vector<double> &recording_energy,
                             int64_t begin, int64_t length, int64_t centre, int64_t search)
{
    const Pcm window = mono_slice(reference, begin, begin + length);
    const double window_energy = energy_between(energy_prefix(window.samples), 0, length);
    const int64_t searched_begin = begin + centre - search;
    const Pcm searched = mono_slice(recording, searched_begin, begin + centre + search + length);
    const std::vector<double> correlation = cross_correlation(window, searched, 0, 2 * search);
    WindowAlignment best;
    for (int64_t offset = 0; offset <= 2 * search && !correlation.empty(); ++offset) {
        const int64_t start = searched_begin + offset;
        const double denominator = std::sqrt(window_energy * energy_between(recording_energy, start, start + length));
        const double score = denominator > 0.0 ? correlation[static_cast<size_t>(offset)] / denominator : 0.0;
        if (score > best.correlation) {
            best = {score, start - begin};
        }
    }
    return best;
}

double median(std::vector<double> values)
{
    if (values.empty()) {
        return 0.0;
    }
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1) {
        return *middle;
    }
    return (*middle + *std::max_element(values.begin(), middle)) / 2.0;
}

// Theil-Sen: the median of the slopes between every pair of matched windows
// (lag against start, both in frames). A window matched at a wrong period of
// a voice, next to a gap, moves a least-squares line; it does not move this.
double robust_slope(const std::vector<double> &starts, const std::vector<double> &lags)
{
    std::vector<double> slopes;
    for (size_t i = 0; i < starts.size(); ++i) {
        for (size_t j = i + 1; j < starts.size(); ++j) {
            slopes.push_back((lags[j] - lags[i]) / (starts[j] - starts[i]));
        }
    }
    return median(std::move(slopes));
}

} // namespace

Result<WindowedSimilarity> compare_windowed(const Pcm &reference, const Pcm &recording,
                                            const WindowedSimilarityOptions &options)
{
    if (auto checked = check_options(options); !checked) {
        return checked.error();
    }
    if (!reference.is_well_formed() || !recording.is_well_formed() || reference.frames() == 0 ||
        recording.frames() == 0) {
        return Error{ErrorCode::invalid_argument, "cannot compare audio that is empty or not whole frames"};
    }
    const uint32_t analysis_rate =
        options.analysis_rate == 0 ? recording.sample_rate : std::min(recording.sample_rate, options.analysis_rate);
    auto reference_mono = resample(to_channels(reference, 1), analysis_rate);
    if (!reference_mono) {
        return reference_mono.error();
    }
    auto resampled_recording = resample(to_channels(recording, 1), analysis_rate);
    if (!resampled_recording) {
        return resampled_recording.error();
    }
    const Pcm &recording_mono = *resampled_recording;
    const double rate = analysis_rate;
    const auto window = std::max<int64_t>(1, std::llround(options.window_seconds * rate));
    const int64_t max_offset = std::llround(options.max_start_offset_seconds * rate);
    const int64_t search = std::llround(options.window_search_seconds * rate);
    const double silent_rms = full_scale * std::pow(10.0, options.silent_window_dbfs / 20.0);

    const std::vector<double> reference_energy = energy_prefix(reference_mono->samples);
    if (reference_energy.back() <= 0.0) {
        return Error{ErrorCode::invalid_argument, "cannot compare against a silent reference"};
    }
    auto offset = overall_offset(*reference_mono, recording_mono, max_offset);
    if (!offset) {
        return offset.error();
    }
    const std::vector<double> recording_energy = energy_prefix(recording_mono.samples);

    WindowedSimilarity result;
    result.start_offset_seconds = static_cast<double>(*offset) / rate;
    std::vector<double> correlations;
    std::vector<double> matched_starts;
    std::vector<double> matched_lags;
    const auto reference_frames = static_cast<int64_t>(reference_mono->frames());
    for (int64_t begin = 0; begin + window <= reference_frames; begin += window) {
        const double window_rms =
            std::sqrt(energy_between(reference_energy, begin, begin + window) / static_cast<double>(window));
        if (window_rms < silent_rms) {
            continue;
        }
        const WindowAlignment aligned =
            align_window(*reference_mono, recording_mono, recording_energy, begin, window, *offset, search);
        correlations.push_back(aligned.correlation);
        if (aligned.correlation >= options.match_correlation) {
            matched_starts.push_back(static_cast<double>(begin));
            matched_lags.push_back(static_cast<double>(aligned.lag));
        }
    }
    result.windows_compared = correlations.size();
    result.windows_matched = matched_starts.size();
    result.matched_share = correlations.empty() ? 0.0
                                                : static_cast<double>(result.windows_matched) /
                                                      static_cast<double>(result.windows_compared);
    result.median_correlation = median(correlations);
    result.drift_ppm = robust_slope(matched_starts, matched_lags) * parts_per_million;
    return result;
}

} // namespace cordon::media
