#include "media/windowed_similarity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "media/quality.hpp"
#include "media/resampler.hpp"
#include "media/speech_signal.hpp"
#include "media/tone_sweep.hpp"

namespace cordon::media {
namespace {

constexpr uint32_t rate_hz = 8000;
constexpr double duration_seconds = 3.0;

Pcm speech(uint32_t seed, uint32_t rate = rate_hz) { return generate_speech_like(rate, 1, duration_seconds, seed); }

// `seconds` of silence, then the signal.
Pcm after_silence(const Pcm &signal, double seconds)
{
    Pcm out{signal.sample_rate, signal.channels,
            std::vector<int16_t>(static_cast<size_t>(std::lround(seconds * signal.sample_rate)) * signal.channels, 0)};
    out.samples.insert(out.samples.end(), signal.samples.begin(), signal.samples.end());
    return out;
}

// The signal without its first `seconds`: a recording that began late.
Pcm without_start(const Pcm &signal, double seconds)
{
    const auto skipped = static_cast<std::ptrdiff_t>(std::lround(seconds * signal.sample_rate) * signal.channels);
    return Pcm{signal.sample_rate, signal.channels,
               std::vector<int16_t>(signal.samples.begin() + skipped, signal.samples.end())};
}

// The same sound in stretched_rate / rate as many samples, labelled with the
// original rate: a sender whose clock runs slow, as its receiver records it.
Pcm drifted(const Pcm &signal, uint32_t stretched_rate)
{
    auto stretched = resample(signal, stretched_rate);
    EXPECT_TRUE(stretched.ok());
    stretched->sample_rate = signal.sample_rate;
    return *stretched;
}

Pcm with_gap(Pcm signal, double from_seconds, double seconds)
{
    const auto begin = static_cast<size_t>(std::lround(from_seconds * signal.sample_rate));
    const auto end = begin + static_cast<size_t>(std::lround(seconds * signal.sample_rate));
    std::fill(signal.samples.begin() + static_cast<std::ptrdiff_t>(begin),
              signal.samples.begin() + static_cast<std::ptrdiff_t>(end), 0);
    return signal;
}

Pcm with_noise(Pcm signal, double amplitude, uint32_t seed)
{
    std::mt19937 engine(seed);
    std::normal_distribution<double> gaussian(0.0, amplitude);
    for (int16_t &sample : signal.samples) {
        sample = static_cast<int16_t>(std::lround(std::clamp(sample + gaussian(engine), -32768.0, 32767.0)));
    }
    return signal;
}

TEST(WindowedSimilarity, IdenticalCopyMatchesEveryWindow)
{
    const Pcm reference = speech(1);
    const auto similarity = compare_windowed(reference, reference);
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_GT(similarity->windows_compared, 15u);
    EXPECT_EQ(similarity->windows_matched, similarity->windows_compared);
    EXPECT_NEAR(similarity->median_correlation, 1.0, 1e-9);
    EXPECT_DOUBLE_EQ(similarity->start_offset_seconds, 0.0);
    EXPECT_NEAR(similarity->drift_ppm, 0.0, 1e-6);
}

TEST(WindowedSimilarity, PausesOfTheReferenceAreNotCounted)
{
    const Pcm reference = after_silence(speech(1), 1.0);
    const auto similarity = compare_windowed(reference, reference);
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    // One second of silence is ten windows that are not compared.
    EXPECT_LE(similarity->windows_compared, 30u);
    EXPECT_EQ(similarity->windows_matched, similarity->windows_compared);
}

TEST(WindowedSimilarity, FindsARecordingThatStartedEarly)
{
    const Pcm reference = speech(2);
    const auto similarity = compare_windowed(reference, after_silence(reference, 0.7));
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_NEAR(similarity->start_offset_seconds, 0.7, 1.0 / rate_hz);
    EXPECT_EQ(similarity->windows_matched, similarity->windows_compared);
}

TEST(WindowedSimilarity, ARecordingThatStartedLateMissesOnlyItsFirstWindows)
{
    const Pcm reference = speech(3);
    const auto similarity = compare_windowed(reference, without_start(reference, 0.5));
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_NEAR(similarity->start_offset_seconds, -0.5, 1.0 / rate_hz);
    EXPECT_LT(similarity->matched_share, 0.9);
    EXPECT_GT(similarity->matched_share, 0.7);
}

TEST(WindowedSimilarity, ToleratesClockDriftThatDefeatsAWholeFileCorrelation)
{
    const Pcm reference = speech(4);
    // 8008 / 8000: the recording runs 0.1 % long, and starts 0.25 s early.
    const Pcm recording = after_silence(drifted(reference, rate_hz + rate_hz / 1000), 0.25);
    const auto similarity = compare_windowed(reference, recording);
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_GE(similarity->matched_share, 0.95);
    EXPECT_GT(similarity->median_correlation, 0.95);
    EXPECT_NEAR(similarity->drift_ppm, 1000.0, 150.0);
    EXPECT_NEAR(similarity->start_offset_seconds, 0.25, 0.005);

    // The whole-file figure on the same pair: what this comparison replaces.
    auto whole = measure_quality(reference, recording, static_cast<int>(0.25 * rate_hz));
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    EXPECT_LT(whole->correlation, similarity->median_correlation - 0.2);
}

TEST(WindowedSimilarity, GapsInTheRecordingCostOnlyTheirWindows)
{
    const Pcm reference = speech(5);
    // Each gap covers at least two whole windows, even searched 60 ms either side.
    const Pcm recording = with_gap(with_gap(reference, 0.55, 0.3), 1.95, 0.3);
    const auto similarity = compare_windowed(reference, recording);
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_LE(similarity->windows_matched + 3, similarity->windows_compared);
    EXPECT_GT(similarity->matched_share, 0.7);
    EXPECT_NEAR(similarity->drift_ppm, 0.0, 1.0);
}

TEST(WindowedSimilarity, NoiseAtCodecLevelsStillMatches)
{
    const Pcm reference = speech(6);
    const auto similarity = compare_windowed(reference, with_noise(reference, 300.0, 1));
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_GE(similarity->matched_share, 0.9);
}

TEST(WindowedSimilarity, AnotherVoiceDoesNotMatch)
{
    const auto similarity = compare_windowed(speech(7), speech(8));
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_GT(similarity->windows_compared, 15u);
    EXPECT_LT(similarity->matched_share, 0.2);
    EXPECT_LT(similarity->median_correlation, 0.6);
}

TEST(WindowedSimilarity, ASweepDoesNotMatchAVoice)
{
    const auto similarity = compare_windowed(generate_tone_sweep(rate_hz, duration_seconds, 200.0, 3000.0), speech(9));
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_LT(similarity->matched_share, 0.2);
}

TEST(WindowedSimilarity, ComparesAtTheRecordingsRate)
{
    const Pcm reference = speech(10, 48000);
    auto recording = resample(reference, rate_hz);
    ASSERT_TRUE(recording.ok());
    const auto similarity = compare_windowed(reference, after_silence(*recording, 0.1));
    ASSERT_TRUE(similarity.ok()) << similarity.error().message;
    EXPECT_GE(similarity->matched_share, 0.95);
    EXPECT_NEAR(similarity->start_offset_seconds, 0.1, 1.0 / rate_hz);
}

TEST(WindowedSimilarity, AHighRateRecordingIsComparedAtTheAnalysisRate)
{
    const Pcm reference = speech(12, 48000);
    const Pcm recording = after_silence(reference, 0.3);
    const auto fast = compare_windowed(reference, recording);
    WindowedSimilarityOptions full_rate;
    full_rate.analysis_rate = 0;
    const auto full = compare_windowed(reference, recording, full_rate);
    ASSERT_TRUE(fast.ok()) << fast.error().message;
    ASSERT_TRUE(full.ok()) << full.error().message;
    EXPECT_EQ(fast->windows_matched, fast->windows_compared);
    EXPECT_EQ(full->windows_matched, full->windows_compared);
    EXPECT_NEAR(fast->start_offset_seconds, 0.3, 1.0 / similarity_analysis_rate);
    EXPECT_NEAR(full->start_offset_seconds, 0.3, 1.0 / 48000);
    // An unrelated voice stays unrelated at the lower rate.
    const auto other = compare_windowed(reference, speech(13, 48000));
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_LT(other->matched_share, 0.2);
}

TEST(WindowedSimilarity, RefusesWhatCannotBeCompared)
{
    const Pcm reference = speech(11);
    const Pcm silent{rate_hz, 1, std::vector<int16_t>(rate_hz, 0)};
    EXPECT_EQ(compare_windowed(silent, reference).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(compare_windowed(reference, Pcm{rate_hz, 1, {}}).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(compare_windowed(Pcm{rate_hz, 2, {1, 2, 3}}, reference).error().code, ErrorCode::invalid_argument);
    WindowedSimilarityOptions options;
    options.window_seconds = 0.0;
    EXPECT_EQ(compare_windowed(reference, reference, options).error().code, ErrorCode::invalid_argument);
    options = {};
    options.max_start_offset_seconds = -1.0;
    EXPECT_EQ(compare_windowed(reference, reference, options).error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon::media
