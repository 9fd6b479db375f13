#include "media/tone_sweep.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "tests/media/signal_analysis.hpp"

namespace cordon::media {
namespace {

constexpr uint32_t rate_hz = 16000;

// Frequency of signal[begin, begin + length) from its zero crossings.
double crossing_frequency(const std::vector<double> &signal, size_t begin, size_t length)
{
    size_t crossings = 0;
    for (size_t n = begin + 1; n < begin + length; ++n) {
        crossings += (signal[n - 1] < 0.0) != (signal[n] < 0.0) ? 1 : 0;
    }
    return static_cast<double>(crossings) / 2.0 / (static_cast<double>(length) / rate_hz);
}

TEST(ToneSweep, RisesLogarithmicallyFromStartToEnd)
{
    const Pcm sweep = generate_tone_sweep(rate_hz, 4.0, 250.0, 4000.0);
    ASSERT_EQ(sweep.frames(), 4u * rate_hz);
    ASSERT_EQ(sweep.channels, 1u);
    const std::vector<double> signal = test::channel_of(sweep, 0);
    const size_t block = rate_hz / 20; // 50 ms
    // Four octaves in four seconds: one octave a second.
    EXPECT_NEAR(crossing_frequency(signal, 0, block), 250.0 * std::pow(2.0, 0.025), 25.0);
    EXPECT_NEAR(crossing_frequency(signal, rate_hz, block), 500.0 * std::pow(2.0, 0.025), 30.0);
    EXPECT_NEAR(crossing_frequency(signal, 3 * rate_hz - block / 2, block), 2000.0, 60.0);
    EXPECT_NEAR(crossing_frequency(signal, 4 * rate_hz - block, block), 4000.0 * std::pow(2.0, -0.025), 100.0);
}

TEST(ToneSweep, PeaksAtItsLevel)
{
    const Pcm sweep = generate_tone_sweep(rate_hz, 1.0, 3000.0, 300.0);
    const auto peak = std::abs(*std::max_element(sweep.samples.begin(), sweep.samples.end(),
                                                 [](int16_t a, int16_t b) { return std::abs(a) < std::abs(b); }));
    EXPECT_NEAR(20.0 * std::log10(peak / 32767.0), sweep_peak_dbfs, 0.1);
}

TEST(ToneSweep, RefusesFrequenciesOutsideTheBand)
{
    EXPECT_TRUE(generate_tone_sweep(8000, 1.0, 100.0, 4000.0).samples.empty());
    EXPECT_TRUE(generate_tone_sweep(8000, 1.0, 0.0, 1000.0).samples.empty());
    EXPECT_TRUE(generate_tone_sweep(0, 1.0, 100.0, 1000.0).samples.empty());
    EXPECT_TRUE(generate_tone_sweep(8000, 0.0, 100.0, 1000.0).samples.empty());
    EXPECT_EQ(generate_tone_sweep(8000, 1.0, 100.0, 1000.0).frames(), 8000u);
}

} // namespace
} // namespace cordon::media
