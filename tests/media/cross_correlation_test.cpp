#include "media/cross_correlation.hpp"

#include <gtest/gtest.h>

#include <random>

namespace cordon::media {
namespace {

Pcm random_pcm(uint32_t channels, size_t frames, uint32_t seed)
{
    std::mt19937 engine(seed);
    Pcm pcm{8000, channels, std::vector<int16_t>(frames * channels)};
    for (int16_t &sample : pcm.samples) {
        sample = static_cast<int16_t>(static_cast<int>(engine() % 65536) - 32768);
    }
    return pcm;
}

double direct(const Pcm &a, const Pcm &b, int64_t lag)
{
    double sum = 0;
    for (int64_t n = 0; n < static_cast<int64_t>(a.frames()); ++n) {
        const int64_t m = n + lag;
        if (m < 0 || m >= static_cast<int64_t>(b.frames())) {
            continue;
        }
        for (size_t channel = 0; channel < a.channels; ++channel) {
            sum += static_cast<double>(a.samples[static_cast<size_t>(n) * a.channels + channel]) *
                   static_cast<double>(b.samples[static_cast<size_t>(m) * b.channels + channel]);
        }
    }
    return sum;
}

TEST(CrossCorrelation, MatchesTheDirectSumAtEveryLag)
{
    // Lengths that differ and are not powers of two; lags beyond either end.
    for (const uint32_t channels : {1u, 2u}) {
        const Pcm a = random_pcm(channels, 300, 1);
        const Pcm b = random_pcm(channels, 217, 2);
        const std::vector<double> fast = cross_correlation(a, b, -320, 230);
        ASSERT_EQ(fast.size(), 551u);
        for (int64_t lag = -320; lag <= 230; ++lag) {
            const double expected = direct(a, b, lag);
            // Sums reach ~1e11; the transform's rounding stays far below one unit of a product.
            EXPECT_NEAR(fast[static_cast<size_t>(lag + 320)], expected, 1e-3 + 1e-9 * std::abs(expected))
                << "lag " << lag << ", " << channels << " channels";
        }
    }
}

TEST(CrossCorrelation, RefusesMismatchedOrEmptyInput)
{
    const Pcm mono = random_pcm(1, 10, 1);
    const Pcm stereo = random_pcm(2, 10, 1);
    EXPECT_TRUE(cross_correlation(mono, stereo, -1, 1).empty());
    EXPECT_TRUE(cross_correlation(mono, Pcm{8000, 1, {}}, -1, 1).empty());
    EXPECT_TRUE(cross_correlation(mono, mono, 2, 1).empty());
}

} // namespace
} // namespace cordon::media
