#include "media/quality.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "media/speech_signal.hpp"

namespace cordon::media {
namespace {

// decoded = `delay` frames of silence then the reference (or the reference
// without its first -delay frames when delay is negative).
Pcm delayed(const Pcm &reference, int delay)
{
    Pcm out{reference.sample_rate, reference.channels, {}};
    const auto shift = static_cast<size_t>(std::abs(delay)) * reference.channels;
    if (delay >= 0) {
        out.samples.assign(shift, 0);
        out.samples.insert(out.samples.end(), reference.samples.begin(), reference.samples.end());
    } else {
        out.samples.assign(reference.samples.begin() + static_cast<std::ptrdiff_t>(shift), reference.samples.end());
    }
    return out;
}

// reference + white Gaussian noise scaled to the wanted SNR exactly (before rounding).
Pcm with_noise(const Pcm &reference, double snr_db, uint32_t seed)
{
    std::mt19937 engine(seed);
    std::normal_distribution<double> gaussian;
    std::vector<double> noise(reference.samples.size());
    double signal_energy = 0, noise_energy = 0;
    for (size_t i = 0; i < noise.size(); ++i) {
        noise[i] = gaussian(engine);
        noise_energy += noise[i] * noise[i];
        signal_energy += static_cast<double>(reference.samples[i]) * reference.samples[i];
    }
    const double scale = std::sqrt(signal_energy / noise_energy / std::pow(10.0, snr_db / 10.0));
    Pcm out = reference;
    for (size_t i = 0; i < noise.size(); ++i) {
        out.samples[i] =
            static_cast<int16_t>(std::lround(std::clamp(reference.samples[i] + scale * noise[i], -32768.0, 32767.0)));
    }
    return out;
}

TEST(Quality, DelayedCopyIsFoundExactlyAndIsPerfect)
{
    const Pcm reference = generate_speech_like(16000, 1, 2.0, 1);
    for (const int delay : {0, 1, 37, 1500, -12}) {
        const auto figures = measure_quality(reference, delayed(reference, delay));
        ASSERT_TRUE(figures.ok()) << figures.error().message;
        EXPECT_EQ(figures->delay_samples, delay);
        EXPECT_TRUE(std::isinf(figures->snr_db) && figures->snr_db > 0) << figures->snr_db;
        EXPECT_DOUBLE_EQ(figures->segmental_snr_db, segmental_snr_ceiling_db);
        EXPECT_NEAR(figures->correlation, 1.0, 1e-12);
        EXPECT_EQ(figures->max_abs_error, 0.0);
        EXPECT_EQ(figures->compared_frames, reference.frames() - static_cast<size_t>(std::max(0, -delay)));
    }
}

TEST(Quality, StereoDelayIsFoundAcrossChannels)
{
    const Pcm reference = generate_speech_like(48000, 2, 1.5, 8);
    const auto figures = measure_quality(reference, delayed(reference, 312));
    ASSERT_TRUE(figures.ok()) << figures.error().message;
    EXPECT_EQ(figures->delay_samples, 312);
    EXPECT_EQ(figures->max_abs_error, 0.0);
}

TEST(Quality, HintReachesDelaysBeyondTheSearchWindow)
{
    const Pcm reference = generate_speech_like(8000, 1, 3.0, 2);
    const int delay = 2000; // 250 ms: outside a 100 ms window around zero
    const Pcm decoded = delayed(reference, delay);
    const auto unaided = measure_quality(reference, decoded);
    ASSERT_TRUE(unaided.ok());
    EXPECT_LE(std::abs(unaided->delay_samples), 800);
    EXPECT_LT(unaided->correlation, 0.5) << "a wrong alignment must not look good";
    const auto hinted = measure_quality(reference, decoded, 1950);
    ASSERT_TRUE(hinted.ok());
    EXPECT_EQ(hinted->delay_samples, delay);
    EXPECT_EQ(hinted->max_abs_error, 0.0);
}

class QualityWithNoise : public ::testing::TestWithParam<double> {};

TEST_P(QualityWithNoise, ReportsTheSnrThatWasAdded)
{
    const double snr_db = GetParam();
    const Pcm reference = generate_speech_like(16000, 1, 3.0, 5);
    const Pcm decoded = delayed(with_noise(reference, snr_db, 99), 25);
    const auto figures = measure_quality(reference, decoded);
    ASSERT_TRUE(figures.ok()) << figures.error().message;
    EXPECT_EQ(figures->delay_samples, 25);
    EXPECT_NEAR(figures->snr_db, snr_db, 0.3);
    // Noise at a constant level hurts quiet segments most.
    EXPECT_LT(figures->segmental_snr_db, figures->snr_db);
    const double expected_correlation = 1.0 / std::sqrt(1.0 + std::pow(10.0, -snr_db / 10.0));
    EXPECT_NEAR(figures->correlation, expected_correlation, 0.002);
}

INSTANTIATE_TEST_SUITE_P(Levels, QualityWithNoise, ::testing::Values(5.0, 20.0, 40.0));

TEST(Quality, HalfLevelIsSixDbAndFullyCorrelated)
{
    const Pcm reference = generate_speech_like(8000, 1, 1.0, 6);
    Pcm decoded = reference;
    for (int16_t &sample : decoded.samples) {
        sample = static_cast<int16_t>(sample / 2);
    }
    const auto figures = measure_quality(reference, decoded);
    ASSERT_TRUE(figures.ok());
    EXPECT_EQ(figures->delay_samples, 0);
    EXPECT_NEAR(figures->snr_db, 20.0 * std::log10(2.0), 0.05);
    EXPECT_NEAR(figures->correlation, 1.0, 1e-4);
}

TEST(Quality, MaxAbsErrorFindsOneBadSample)
{
    const Pcm reference = generate_speech_like(8000, 2, 1.0, 6);
    Pcm decoded = reference;
    decoded.samples[4001] = static_cast<int16_t>(decoded.samples[4001] + 1000);
    const auto figures = measure_quality(reference, decoded);
    ASSERT_TRUE(figures.ok());
    EXPECT_EQ(figures->delay_samples, 0);
    EXPECT_EQ(figures->max_abs_error, 1000.0);
    EXPECT_GT(figures->snr_db, 40.0);
}

TEST(Quality, RefusesWhatCannotBeCompared)
{
    const Pcm reference = generate_speech_like(8000, 1, 0.5, 1);
    EXPECT_EQ(measure_quality(reference, generate_speech_like(16000, 1, 0.5, 1)).error().code,
              ErrorCode::invalid_argument);
    const auto channels = measure_quality(reference, generate_speech_like(8000, 2, 0.5, 1));
    ASSERT_FALSE(channels.ok());
    EXPECT_NE(channels.error().message.find("2-channel"), std::string::npos) << channels.error().message;
    EXPECT_FALSE(measure_quality(reference, Pcm{8000, 1, {}}).ok());
    EXPECT_FALSE(measure_quality(Pcm{8000, 1, std::vector<int16_t>(4000, 0)}, reference).ok()); // silent
    EXPECT_FALSE(measure_at_delay(reference, reference, 10000).ok());                           // no overlap
}

} // namespace
} // namespace cordon::media
