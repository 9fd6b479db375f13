#include "tests/media/signal_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cordon::media::test {

namespace {
constexpr double two_pi = 2.0 * std::numbers::pi;
constexpr size_t band_block_frames = 512;
constexpr double subharmonic_guard = 0.9;
} // namespace

std::vector<double> channel_of(const Pcm &pcm, size_t channel)
{
    std::vector<double> out(pcm.frames());
    for (size_t n = 0; n < out.size(); ++n) {
        out[n] = pcm.samples[n * pcm.channels + channel];
    }
    return out;
}

std::vector<double> sine(double frequency_hz, double amplitude, double phase, double sample_rate, size_t frames)
{
    std::vector<double> out(frames);
    for (size_t n = 0; n < frames; ++n) {
        out[n] = amplitude * std::sin(two_pi * frequency_hz * static_cast<double>(n) / sample_rate + phase);
    }
    return out;
}

Pcm to_pcm(const std::vector<double> &mono, uint32_t sample_rate)
{
    Pcm pcm{sample_rate, 1, std::vector<int16_t>(mono.size())};
    for (size_t n = 0; n < mono.size(); ++n) {
        pcm.samples[n] = static_cast<int16_t>(std::lround(std::clamp(mono[n], -32768.0, 32767.0)));
    }
    return pcm;
}

SineFit fit_sine(const std::vector<double> &signal, double frequency_hz, double sample_rate, size_t begin, size_t end)
{
    // Solve the 2x2 normal equations for signal ~ a sin(wn) + b cos(wn).
    double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
    for (size_t n = begin; n < end; ++n) {
        const double w = two_pi * frequency_hz * static_cast<double>(n) / sample_rate;
        const double s = std::sin(w);
        const double c = std::cos(w);
        ss += s * s;
        cc += c * c;
        sc += s * c;
        ys += signal[n] * s;
        yc += signal[n] * c;
    }
    const double det = ss * cc - sc * sc;
    const double a = (ys * cc - yc * sc) / det;
    const double b = (yc * ss - ys * sc) / det;
    SineFit fit;
    fit.amplitude = std::hypot(a, b);
    fit.phase = std::atan2(b, a);
    double residual = 0;
    for (size_t n = begin; n < end; ++n) {
        const double w = two_pi * frequency_hz * static_cast<double>(n) / sample_rate;
        const double e = signal[n] - (a * std::sin(w) + b * std::cos(w));
        residual += e * e;
    }
    fit.residual_rms = std::sqrt(residual / static_cast<double>(end - begin));
    return fit;
}

double goertzel_power(const std::vector<double> &signal, size_t begin, size_t length, size_t bin)
{
    const double coefficient = 2.0 * std::cos(two_pi * static_cast<double>(bin) / static_cast<double>(length));
    double s1 = 0, s2 = 0;
    for (size_t n = 0; n < length; ++n) {
        const double s0 = signal[begin + n] + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

double band_energy_share(const std::vector<double> &signal, double sample_rate, double low_hz, double high_hz)
{
    double in_band = 0, total = 0;
    const double bin_hz = sample_rate / static_cast<double>(band_block_frames);
    for (size_t begin = 0; begin + band_block_frames <= signal.size(); begin += band_block_frames) {
        for (size_t bin = 0; bin < band_block_frames; ++bin) {
            const double power = goertzel_power(signal, begin, band_block_frames, bin);
            // Bins above Nyquist mirror those below; fold them back.
            const size_t folded = std::min(bin, band_block_frames - bin);
            const double frequency = static_cast<double>(folded) * bin_hz;
            total += power;
            if (frequency >= low_hz && frequency <= high_hz) {
                in_band += power;
            }
        }
    }
    return total > 0 ? in_band / total : 0.0;
}

PitchEstimate estimate_pitch(const std::vector<double> &signal, double sample_rate, size_t begin, size_t length,
                             double min_hz, double max_hz)
{
    const auto shortest = static_cast<size_t>(std::floor(sample_rate / max_hz));
    const auto longest = std::min(static_cast<size_t>(std::ceil(sample_rate / min_hz)), length - 1);
    std::vector<double> scores(longest + 2, 0.0);
    for (size_t lag = shortest; lag <= longest; ++lag) {
        double product = 0, energy_a = 0, energy_b = 0;
        for (size_t n = begin; n + lag < begin + length; ++n) {
            product += signal[n] * signal[n + lag];
            energy_a += signal[n] * signal[n];
            energy_b += signal[n + lag] * signal[n + lag];
        }
        scores[lag] = energy_a > 0 && energy_b > 0 ? product / std::sqrt(energy_a * energy_b) : 0.0;
    }
    const double best = *std::max_element(scores.begin(), scores.end());
    // Multiples of the period correlate almost as well as the period itself:
    // take the shortest peak close to the best, as pitch trackers do.
    for (size_t lag = std::max<size_t>(shortest, 1); lag <= longest; ++lag) {
        const bool peak = scores[lag] >= scores[lag - 1] && scores[lag] >= scores[lag + 1];
        if (peak && scores[lag] >= subharmonic_guard * best) {
            return {sample_rate / static_cast<double>(lag), scores[lag]};
        }
    }
    return {};
}

double rms(const std::vector<double> &signal, size_t begin, size_t end)
{
    double sum = 0;
    for (size_t n = begin; n < end; ++n) {
        sum += signal[n] * signal[n];
    }
    return end > begin ? std::sqrt(sum / static_cast<double>(end - begin)) : 0.0;
}

} // namespace cordon::media::test
