#include "media/quality.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "media/cross_correlation.hpp"

namespace cordon::media {
namespace {

constexpr double full_scale = 32767.0;

Result<void> check_formats(const Pcm &reference, const Pcm &decoded)
{
    if (!reference.is_well_formed() || !decoded.is_well_formed()) {
        return Error{ErrorCode::invalid_argument, "cannot compare audio that is not a whole number of frames"};
    }
    if (reference.sample_rate != decoded.sample_rate || reference.channels != decoded.channels) {
        return Error{ErrorCode::invalid_argument, "cannot compare " + std::to_string(reference.sample_rate) + " Hz " +
                                                      std::to_string(reference.channels) + "-channel reference with " +
                                                      std::to_string(decoded.sample_rate) + " Hz " +
                                                      std::to_string(decoded.channels) +
                                                      "-channel decoded audio; convert first"};
    }
    if (reference.frames() == 0 || decoded.frames() == 0) {
        return Error{ErrorCode::invalid_argument, "cannot compare empty audio"};
    }
    return {};
}

Pcm first_frames(const Pcm &pcm, size_t frames)
{
    const size_t kept = std::min(frames, pcm.frames()) * pcm.channels;
    return Pcm{pcm.sample_rate, pcm.channels,
               std::vector<int16_t>(pcm.samples.begin(), pcm.samples.begin() + static_cast<std::ptrdiff_t>(kept))};
}

// energy_prefix[n] is the energy of frames [0, n), all channels.
std::vector<double> energy_prefix(const Pcm &pcm)
{
    std::vector<double> prefix(pcm.frames() + 1, 0.0);
    for (size_t frame = 0; frame < pcm.frames(); ++frame) {
        int64_t energy = 0;
        for (size_t channel = 0; channel < pcm.channels; ++channel) {
            const int64_t value = pcm.samples[frame * pcm.channels + channel];
            energy += value * value;
        }
        prefix[frame + 1] = prefix[frame] + static_cast<double>(energy);
    }
    return prefix;
}

// Frames n of the reference with decoded[n + lag] inside the decoded signal.
struct Overlap {
    int64_t begin = 0;
    int64_t end = 0;
    int64_t length() const { return std::max<int64_t>(0, end - begin); }
};

Overlap overlap_at(int64_t lag, size_t reference_frames, size_t decoded_frames)
{
    return {std::max<int64_t>(0, -lag),
            std::min(static_cast<int64_t>(reference_frames), static_cast<int64_t>(decoded_frames) - lag)};
}

double clamp_segment(double snr_db) { return std::clamp(snr_db, segmental_snr_floor_db, segmental_snr_ceiling_db); }

double ratio_db(double signal, double noise)
{
    if (noise <= 0.0) {
        return signal > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
    }
    if (signal <= 0.0) {
        return -std::numeric_limits<double>::infinity();
    }
    return 10.0 * std::log10(signal / noise);
}

} // namespace

Result<int> find_delay(const Pcm &reference, const Pcm &decoded, std::optional<int> delay_hint)
{
    if (auto formats = check_formats(reference, decoded); !formats) {
        return formats.error();
    }
    const double rate = reference.sample_rate;
    const auto window = static_cast<int64_t>(std::lround(max_delay_search_seconds * rate));
    const int64_t centre = delay_hint.value_or(0);
    const auto analysis_frames = static_cast<size_t>(std::lround(delay_analysis_seconds * rate));
    const Pcm reference_part = first_frames(reference, analysis_frames);
    const Pcm decoded_part =
        first_frames(decoded, analysis_frames + static_cast<size_t>(std::max<int64_t>(0, centre + window)));

    const std::vector<double> reference_energy = energy_prefix(reference_part);
    const std::vector<double> decoded_energy = energy_prefix(decoded_part);
    if (reference_energy.back() <= 0.0) {
        return Error{ErrorCode::invalid_argument, "cannot find the delay: the reference is silent"};
    }
    const std::vector<double> correlation =
        cross_correlation(reference_part, decoded_part, centre - window, centre + window);
    if (correlation.empty()) {
        return Error{ErrorCode::invalid_argument, "cannot find the delay: the signals are too long to correlate"};
    }
    const auto min_overlap = static_cast<int64_t>(
        std::ceil(min_overlap_share * static_cast<double>(std::min(reference_part.frames(), decoded_part.frames()))));
    std::optional<int64_t> best_lag;
    double best_score = -std::numeric_limits<double>::infinity();
    for (int64_t lag = centre - window; lag <= centre + window; ++lag) {
        const Overlap overlap = overlap_at(lag, reference_part.frames(), decoded_part.frames());
        if (overlap.length() < std::max<int64_t>(1, min_overlap)) {
            continue;
        }
        const auto ref_begin = static_cast<size_t>(overlap.begin);
        const auto ref_end = static_cast<size_t>(overlap.end);
        const double reference_power = reference_energy[ref_end] - reference_energy[ref_begin];
        const double decoded_power = decoded_energy[static_cast<size_t>(overlap.end + lag)] -
                                     decoded_energy[static_cast<size_t>(overlap.begin + lag)];
        const double denominator = std::sqrt(reference_power * decoded_power);
        const double score =
            denominator > 0.0 ? correlation[static_cast<size_t>(lag - (centre - window))] / denominator : 0.0;
        if (score > best_score) {
            best_score = score;
            best_lag = lag;
        }
    }
    if (!best_lag) {
        return Error{ErrorCode::invalid_argument, "cannot find the delay: the signals are too short to overlap"};
    }
    if (*best_lag < std::numeric_limits<int>::min() || *best_lag > std::numeric_limits<int>::max()) {
        return Error{ErrorCode::invalid_argument, "cannot find the delay: the delay hint is out of range"};
    }
    return static_cast<int>(*best_lag);
}

Result<QualityFigures> measure_at_delay(const Pcm &reference, const Pcm &decoded, int delay)
{
    if (auto formats = check_formats(reference, decoded); !formats) {
        return formats.error();
    }
    const Overlap overlap = overlap_at(delay, reference.frames(), decoded.frames());
    if (overlap.length() == 0) {
        return Error{ErrorCode::invalid_argument,
                     "cannot compare at a delay of " + std::to_string(delay) + " samples: the signals do not overlap"};
    }
    const size_t channels = reference.channels;
    const auto segment_frames =
        std::max<size_t>(1, static_cast<size_t>(std::lround(segment_seconds * reference.sample_rate)));
    const double silent_rms = full_scale * std::pow(10.0, silent_segment_dbfs / 20.0);
    const double silent_segment_energy = silent_rms * silent_rms; // per sample

    QualityFigures figures;
    figures.delay_samples = delay;
    figures.compared_frames = static_cast<size_t>(overlap.length());
    double reference_power = 0.0;
    double decoded_power = 0.0;
    double noise_power = 0.0;
    double product = 0.0;
    double segmental_sum = 0.0;
    size_t segments = 0;
    for (int64_t start = overlap.begin; start < overlap.end; start += static_cast<int64_t>(segment_frames)) {
        const int64_t stop = std::min(overlap.end, start + static_cast<int64_t>(segment_frames));
        double segment_signal = 0.0;
        double segment_noise = 0.0;
        for (int64_t frame = start; frame < stop; ++frame) {
            const size_t ref_base = static_cast<size_t>(frame) * channels;
            const size_t dec_base = static_cast<size_t>(frame + delay) * channels;
            for (size_t channel = 0; channel < channels; ++channel) {
                const double r = reference.samples[ref_base + channel];
                const double d = decoded.samples[dec_base + channel];
                segment_signal += r * r;
                segment_noise += (d - r) * (d - r);
                decoded_power += d * d;
                product += r * d;
                figures.max_abs_error = std::max(figures.max_abs_error, std::abs(d - r));
            }
        }
        reference_power += segment_signal;
        noise_power += segment_noise;
        const double samples = static_cast<double>(stop - start) * static_cast<double>(channels);
        if (segment_signal / samples >= silent_segment_energy) {
            segmental_sum += clamp_segment(ratio_db(segment_signal, segment_noise));
            ++segments;
        }
    }
    figures.snr_db = ratio_db(reference_power, noise_power);
    figures.segmental_snr_db =
        segments > 0 ? segmental_sum / static_cast<double>(segments) : clamp_segment(figures.snr_db);
    const double denominator = std::sqrt(reference_power * decoded_power);
    figures.correlation = denominator > 0.0 ? product / denominator : 0.0;
    return figures;
}

Result<QualityFigures> measure_quality(const Pcm &reference, const Pcm &decoded, std::optional<int> delay_hint)
{
    auto delay = find_delay(reference, decoded, delay_hint);
    if (!delay) {
        return delay.error();
    }
    return measure_at_delay(reference, decoded, *delay);
}

} // namespace cordon::media
