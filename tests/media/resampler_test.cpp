#include "media/resampler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "media/speech_signal.hpp"
#include "tests/media/signal_analysis.hpp"

namespace cordon::media {
namespace {

using test::channel_of;
using test::fit_sine;
using test::sine;
using test::to_pcm;

constexpr double sine_amplitude = 10000.0;

struct Conversion {
    uint32_t from;
    uint32_t to;
    double tone_hz;
};

void PrintTo(const Conversion &c, std::ostream *out)
{
    *out << c.from << " Hz -> " << c.to << " Hz, " << c.tone_hz << " Hz tone";
}

std::string conversion_name(const ::testing::TestParamInfo<Conversion> &info)
{
    return std::to_string(info.param.from) + "_to_" + std::to_string(info.param.to) + "_tone_" +
           std::to_string(static_cast<int>(info.param.tone_hz));
}

class ResampleSine : public ::testing::TestWithParam<Conversion> {};

// The output must be the same sine sampled at the new rate: same frequency,
// same level, and the same phase (no delay introduced).
TEST_P(ResampleSine, KeepsFrequencyLevelAndTiming)
{
    const Conversion c = GetParam();
    const Pcm input = to_pcm(sine(c.tone_hz, sine_amplitude, 0.3, c.from, c.from), c.from);
    const auto output = resample(input, c.to);
    ASSERT_TRUE(output.ok()) << output.error().message;
    ASSERT_EQ(output->sample_rate, c.to);
    ASSERT_EQ(output->frames(), size_t{c.to}); // one second in, one second out

    const std::vector<double> signal = channel_of(*output, 0);
    // Skip the edges, where the filter sees the signal start and stop.
    const size_t margin = c.to / 20;
    const auto fit = fit_sine(signal, c.tone_hz, c.to, margin, signal.size() - margin);
    EXPECT_NEAR(fit.amplitude, sine_amplitude, sine_amplitude * 0.001);
    EXPECT_NEAR(fit.phase, 0.3, 0.001) << "the output is shifted in time";
    // About -74 dB: little more than the 16-bit rounding of the output.
    EXPECT_LT(fit.residual_rms, 2.0) << "distortion or a wrong frequency";
}

INSTANTIATE_TEST_SUITE_P(Rates, ResampleSine,
                         // Tones that are not round numbers: with round ones a whole
                         // number of periods can hide a shift by the filter's latency.
                         ::testing::Values(Conversion{8000, 48000, 1013}, Conversion{48000, 8000, 997},
                                           Conversion{16000, 8000, 440}, Conversion{44100, 16000, 3001},
                                           Conversion{8000, 44100, 2531}, Conversion{48000, 16000, 7013}),
                         conversion_name);

TEST(Resample, AClickStaysAtItsTime)
{
    Pcm input{8000, 1, std::vector<int16_t>(8000, 0)};
    input.samples[1000] = 20000;
    for (const uint32_t target : {16000u, 48000u}) {
        const auto output = resample(input, target);
        ASSERT_TRUE(output.ok());
        const auto loudest = std::max_element(output->samples.begin(), output->samples.end());
        EXPECT_EQ(static_cast<size_t>(loudest - output->samples.begin()), 1000u * (target / 8000)) << target;
    }
}

TEST(Resample, SameRateIsAnExactCopy)
{
    const Pcm input = generate_speech_like(16000, 2, 0.37, 4);
    const auto output = resample(input, 16000);
    ASSERT_TRUE(output.ok());
    EXPECT_EQ(*output, input);
}

TEST(Resample, LengthFollowsTheRatio)
{
    const Pcm input{8000, 1, std::vector<int16_t>(1001, 100)};
    EXPECT_EQ(resample(input, 16000)->frames(), 2002u);
    EXPECT_EQ(resample(input, 44100)->frames(), 5518u); // 1001 * 44100 / 8000 = 5517.8
    EXPECT_EQ(resample(Pcm{8000, 1, {}}, 16000)->frames(), 0u);
}

TEST(Resample, DownsamplingRemovesWhatTheNewRateCannotCarry)
{
    // 6 kHz cannot exist at 8 kHz; left in, it would alias to 2 kHz.
    std::vector<double> mix = sine(1000, sine_amplitude, 0.0, 48000, 48000);
    const std::vector<double> high = sine(6000, sine_amplitude, 0.0, 48000, 48000);
    for (size_t n = 0; n < mix.size(); ++n) {
        mix[n] += high[n];
    }
    const auto output = resample(to_pcm(mix, 48000), 8000);
    ASSERT_TRUE(output.ok());
    const std::vector<double> signal = channel_of(*output, 0);
    const auto kept = fit_sine(signal, 1000, 8000, 400, 7600);
    const auto alias = fit_sine(signal, 2000, 8000, 400, 7600);
    EXPECT_NEAR(kept.amplitude, sine_amplitude, sine_amplitude * 0.005);
    EXPECT_LT(alias.amplitude, sine_amplitude * 0.01);
}

TEST(Resample, StereoChannelsStaySeparate)
{
    const std::vector<double> left = sine(500, sine_amplitude, 0.0, 16000, 16000);
    const std::vector<double> right = sine(1500, sine_amplitude, 0.0, 16000, 16000);
    Pcm input{16000, 2, std::vector<int16_t>(32000)};
    for (size_t n = 0; n < 16000; ++n) {
        input.samples[2 * n] = static_cast<int16_t>(std::lround(left[n]));
        input.samples[2 * n + 1] = static_cast<int16_t>(std::lround(right[n]));
    }
    const auto output = resample(input, 48000);
    ASSERT_TRUE(output.ok());
    const std::vector<double> out_left = channel_of(*output, 0);
    const std::vector<double> out_right = channel_of(*output, 1);
    EXPECT_NEAR(fit_sine(out_left, 500, 48000, 2400, 45600).amplitude, sine_amplitude, 50);
    EXPECT_LT(fit_sine(out_left, 1500, 48000, 2400, 45600).amplitude, 10);
    EXPECT_NEAR(fit_sine(out_right, 1500, 48000, 2400, 45600).amplitude, sine_amplitude, 50);
    EXPECT_LT(fit_sine(out_right, 500, 48000, 2400, 45600).amplitude, 10);
}

TEST(Resample, StreamingInSmallPiecesMatchesOneCall)
{
    const Pcm input = generate_speech_like(8000, 1, 1.0, 2);
    const auto whole = resample(input, 16000);
    ASSERT_TRUE(whole.ok());
    auto resampler = Resampler::create(1, 8000, 16000);
    ASSERT_TRUE(resampler.ok());
    std::vector<int16_t> streamed;
    constexpr size_t piece = 37;
    for (size_t begin = 0; begin < input.samples.size(); begin += piece) {
        const size_t length = std::min(piece, input.samples.size() - begin);
        ASSERT_TRUE(resampler->process(std::span(input.samples).subspan(begin, length), streamed).ok());
    }
    ASSERT_TRUE(resampler->finish(streamed).ok());
    ASSERT_GE(streamed.size(), whole->samples.size());
    streamed.resize(whole->samples.size());
    EXPECT_EQ(streamed, whole->samples);
}

TEST(Resample, BadRequestsAreRefused)
{
    const Pcm mono{8000, 1, {1, 2, 3}};
    EXPECT_EQ(resample(mono, 0).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(resample(mono, max_resample_rate + 1).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(resample(Pcm{8000, 2, {1, 2, 3}}, 16000).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(resample(Pcm{0, 1, {1}}, 16000).error().code, ErrorCode::invalid_argument);
    EXPECT_FALSE(Resampler::create(0, 8000, 16000).ok());
    EXPECT_FALSE(Resampler::create(1, 8000, 16000, 11).ok());

    auto resampler = Resampler::create(2, 8000, 16000);
    ASSERT_TRUE(resampler.ok());
    std::vector<int16_t> out;
    const std::vector<int16_t> half_frame{1, 2, 3};
    EXPECT_EQ(resampler->process(half_frame, out).error().code, ErrorCode::invalid_argument);
    Resampler taken = std::move(*resampler);
    EXPECT_FALSE(resampler->process({}, out).ok()); // moved from: refused, not a crash
    EXPECT_TRUE(taken.process(std::vector<int16_t>{1, 2}, out).ok());
}

TEST(ToChannels, StereoToMonoAveragesWithSymmetricRounding)
{
    const Pcm stereo{8000, 2, {1, 2, -1, -2, 32767, 32767, -32768, -32768, 100, -100, 3, 4}};
    const Pcm mono = to_channels(stereo, 1);
    EXPECT_EQ(mono.sample_rate, 8000u);
    EXPECT_EQ(mono.channels, 1u);
    EXPECT_EQ(mono.samples, (std::vector<int16_t>{2, -2, 32767, -32768, 0, 4}));
}

TEST(ToChannels, MonoToStereoDuplicatesAndSameCountCopies)
{
    const Pcm mono{16000, 1, {5, -7, 32767}};
    EXPECT_EQ(to_channels(mono, 2).samples, (std::vector<int16_t>{5, 5, -7, -7, 32767, 32767}));
    EXPECT_EQ(to_channels(mono, 1), mono);
    const Pcm none = to_channels(mono, 0);
    EXPECT_EQ(none.channels, 0u);
    EXPECT_TRUE(none.samples.empty());
}

} // namespace
} // namespace cordon::media
