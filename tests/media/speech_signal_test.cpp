#include "media/speech_signal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include "tests/media/signal_analysis.hpp"

namespace cordon::media {
namespace {

using test::channel_of;

int peak_of(const Pcm &pcm)
{
    int peak = 0;
    for (const int16_t sample : pcm.samples) {
        peak = std::max(peak, std::abs(int{sample}));
    }
    return peak;
}

const int expected_peak = static_cast<int>(std::lround(32767.0 * std::pow(10.0, speech_peak_dbfs / 20.0)));

TEST(SpeechSignal, SameArgumentsGiveTheSameSamples)
{
    const Pcm first = generate_speech_like(16000, 2, 2.0, 42);
    const Pcm second = generate_speech_like(16000, 2, 2.0, 42);
    EXPECT_EQ(first, second);
    const Pcm other_seed = generate_speech_like(16000, 2, 2.0, 43);
    EXPECT_NE(first.samples, other_seed.samples);
}

TEST(SpeechSignal, FormatAndLengthAreAsAsked)
{
    for (const uint32_t rate : {8000u, 16000u, 44100u, 48000u}) {
        const Pcm pcm = generate_speech_like(rate, 1, 1.25, 1);
        EXPECT_EQ(pcm.sample_rate, rate);
        EXPECT_EQ(pcm.channels, 1u);
        EXPECT_EQ(pcm.frames(), static_cast<size_t>(std::lround(1.25 * rate)));
    }
    EXPECT_EQ(generate_speech_like(8000, 2, 0.5, 1).samples.size(), 8000u);
}

TEST(SpeechSignal, DegenerateRequestsAreEmptyAndHugeOnesCapped)
{
    EXPECT_TRUE(generate_speech_like(0, 1, 1.0, 1).samples.empty());
    EXPECT_TRUE(generate_speech_like(8000, 0, 1.0, 1).samples.empty());
    EXPECT_TRUE(generate_speech_like(8000, 1, 0.0, 1).samples.empty());
    EXPECT_TRUE(generate_speech_like(8000, 1, -3.0, 1).samples.empty());
    EXPECT_TRUE(generate_speech_like(8000, 1, std::nan(""), 1).samples.empty());
    // A tiny rate keeps this quick; the cap is in seconds.
    EXPECT_EQ(generate_speech_like(100, 1, 10 * max_speech_seconds, 1).frames(),
              static_cast<size_t>(max_speech_seconds * 100));
}

TEST(SpeechSignal, PeakSitsAtMinusThreeDbfsAtEveryRate)
{
    for (const uint32_t rate : {8000u, 16000u, 48000u}) {
        for (const uint32_t channels : {1u, 2u}) {
            const Pcm pcm = generate_speech_like(rate, channels, 2.0, 5);
            EXPECT_NEAR(peak_of(pcm), expected_peak, 1) << rate << " Hz, " << channels << " channels";
        }
    }
}

TEST(SpeechSignal, EnergyIsInTheSpeechBand)
{
    const Pcm pcm = generate_speech_like(16000, 1, 3.0, 11);
    const std::vector<double> signal = channel_of(pcm, 0);
    EXPECT_GT(test::band_energy_share(signal, 16000, 80, 4000), 0.95);
    EXPECT_LT(test::band_energy_share(signal, 16000, 0, 60), 0.02); // no rumble or DC
    // Fricatives put some energy up high, as real speech does.
    EXPECT_GT(test::band_energy_share(signal, 16000, 2500, 8000), 0.005);
}

TEST(SpeechSignal, VoicedStretchesHaveAPitchInRangeThatMoves)
{
    constexpr double rate_hz = 16000;
    const Pcm pcm = generate_speech_like(16000, 1, 4.0, 3);
    const std::vector<double> signal = channel_of(pcm, 0);
    const auto window = static_cast<size_t>(0.04 * rate_hz);
    double loudest = 0;
    for (size_t begin = 0; begin + window <= signal.size(); begin += window) {
        loudest = std::max(loudest, test::rms(signal, begin, begin + window));
    }
    std::vector<double> pitches;
    size_t loud_windows = 0;
    for (size_t begin = 0; begin + window <= signal.size(); begin += window) {
        if (test::rms(signal, begin, begin + window) < 0.3 * loudest) {
            continue;
        }
        ++loud_windows;
        // Search well outside 90..250 Hz so that a wrong pitch can show.
        const auto pitch = test::estimate_pitch(signal, rate_hz, begin, window, 50, 500);
        if (pitch.strength > 0.6) {
            pitches.push_back(pitch.frequency_hz);
        }
    }
    ASSERT_GT(loud_windows, 20u);
    EXPECT_GT(pitches.size(), loud_windows * 7 / 10) << "most loud stretches should be voiced";
    const auto in_range =
        std::count_if(pitches.begin(), pitches.end(), [](double hz) { return hz >= 85 && hz <= 260; });
    EXPECT_GE(static_cast<size_t>(in_range), pitches.size() * 95 / 100);
    const auto [lowest, highest] = std::minmax_element(pitches.begin(), pitches.end());
    EXPECT_GT(*highest - *lowest, 30.0) << "intonation should move the pitch";
}

// The envelope should rise and fall about four times a second (syllables),
// with pauses between phrases. Phrases themselves modulate slower, below 2 Hz.
TEST(SpeechSignal, SyllableRhythmAndPauses)
{
    constexpr double rate_hz = 8000;
    constexpr double envelope_rate = 100; // one RMS value per 10 ms
    for (const uint32_t seed : {21u, 22u, 23u}) {
        const Pcm pcm = generate_speech_like(8000, 1, 20.0, seed);
        const std::vector<double> signal = channel_of(pcm, 0);
        const auto hop = static_cast<size_t>(rate_hz / envelope_rate);
        std::vector<double> envelope;
        for (size_t begin = 0; begin + hop <= signal.size(); begin += hop) {
            envelope.push_back(test::rms(signal, begin, begin + hop));
        }
        const double loudest = *std::max_element(envelope.begin(), envelope.end());
        const auto quiet =
            std::count_if(envelope.begin(), envelope.end(), [&](double v) { return v < 0.01 * loudest; });
        const double quiet_share = static_cast<double>(quiet) / static_cast<double>(envelope.size());
        EXPECT_GT(quiet_share, 0.05) << "seed " << seed;
        EXPECT_LT(quiet_share, 0.4) << "seed " << seed;

        double mean = 0;
        for (const double v : envelope) {
            mean += v / static_cast<double>(envelope.size());
        }
        double strongest = 0, strongest_hz = 0;
        for (double hz = 2.0; hz <= 20.0; hz += 0.1) {
            double re = 0, im = 0;
            for (size_t n = 0; n < envelope.size(); ++n) {
                const double w = 2.0 * std::numbers::pi * hz * static_cast<double>(n) / envelope_rate;
                re += (envelope[n] - mean) * std::cos(w);
                im += (envelope[n] - mean) * std::sin(w);
            }
            if (re * re + im * im > strongest) {
                strongest = re * re + im * im;
                strongest_hz = hz;
            }
        }
        EXPECT_GE(strongest_hz, 2.8) << "seed " << seed;
        EXPECT_LE(strongest_hz, 5.5) << "seed " << seed;
    }
}

TEST(SpeechSignal, StereoChannelsDifferButCarryTheSameVoice)
{
    const Pcm pcm = generate_speech_like(16000, 2, 2.0, 9);
    const std::vector<double> left = channel_of(pcm, 0);
    const std::vector<double> right = channel_of(pcm, 1);
    EXPECT_NE(left, right);
    // Best normalised correlation over small lags: the same voice, not identical.
    double best = -1;
    for (size_t lag = 0; lag < 32; ++lag) {
        double product = 0, energy_left = 0, energy_right = 0;
        for (size_t n = 0; n + lag < left.size(); ++n) {
            product += left[n] * right[n + lag];
            energy_left += left[n] * left[n];
            energy_right += right[n + lag] * right[n + lag];
        }
        best = std::max(best, product / std::sqrt(energy_left * energy_right));
    }
    EXPECT_GT(best, 0.8);
    EXPECT_LT(best, 0.99999);
}

} // namespace
} // namespace cordon::media
