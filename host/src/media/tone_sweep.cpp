#include "media/tone_sweep.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cordon::media {

Pcm generate_tone_sweep(uint32_t sample_rate, double seconds, double start_hz, double end_hz)
{
    const double nyquist = sample_rate / 2.0;
    if (sample_rate == 0 || !(seconds > 0.0) || !(start_hz > 0.0) || !(end_hz > 0.0) || start_hz >= nyquist ||
        end_hz >= nyquist) {
        return {};
    }
    seconds = std::min(seconds, max_sweep_seconds);
    const auto frames = static_cast<size_t>(std::llround(seconds * sample_rate));
    const double amplitude = 32767.0 * std::pow(10.0, sweep_peak_dbfs / 20.0);
    // f(t) = start * ratio^(t / seconds); the phase is its integral.
    const double log_ratio = std::log(end_hz / start_hz);
    Pcm pcm{sample_rate, 1, std::vector<int16_t>(frames)};
    for (size_t n = 0; n < frames; ++n) {
        const double t = static_cast<double>(n) / sample_rate;
        const double phase = log_ratio == 0.0 ? 2.0 * std::numbers::pi * start_hz * t
                                              : 2.0 * std::numbers::pi * start_hz * seconds / log_ratio *
                                                    (std::exp(log_ratio * t / seconds) - 1.0);
        pcm.samples[n] = static_cast<int16_t>(std::lround(amplitude * std::sin(phase)));
    }
    return pcm;
}

} // namespace cordon::media
