#include "media/audio_source.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <vector>

#include "media/speech_signal.hpp"
#include "media/wav_file.hpp"
#include "media/wav_file_source.hpp"
#include "tests/media/scratch_directory.hpp"
#include "tests/media/signal_analysis.hpp"

namespace cordon::media {
namespace {

using test::ScratchDirectory;

// Reads a source frame by frame for a number of frames.
Pcm read_frames(AudioSource &source, uint32_t rate, uint32_t channels, size_t frame_per_channel, size_t frames)
{
    Pcm out{rate, channels, {}};
    std::vector<int16_t> frame(frame_per_channel * channels);
    for (size_t i = 0; i < frames; ++i) {
        const auto status = source.read(frame);
        EXPECT_TRUE(status.ok()) << status.error().message;
        out.samples.insert(out.samples.end(), frame.begin(), frame.end());
    }
    return out;
}

size_t zero_crossings(const std::vector<double> &signal)
{
    size_t crossings = 0;
    for (size_t i = 1; i < signal.size(); ++i) {
        crossings += (signal[i - 1] < 0.0) != (signal[i] < 0.0) ? 1 : 0;
    }
    return crossings;
}

TEST(ToneSource, FrequencyAndLevelAreWhatWasAsked)
{
    auto tone = ToneSource::create(16000, 2, 1000.0, -6.0);
    ASSERT_TRUE(tone.ok()) << tone.error().message;
    const Pcm pcm = read_frames(*tone, 16000, 2, 320, 50); // one second in 20 ms reads
    for (size_t channel = 0; channel < 2; ++channel) {
        const auto signal = test::channel_of(pcm, channel);
        const auto fit = test::fit_sine(signal, 1000.0, 16000.0, 0, signal.size());
        EXPECT_NEAR(fit.amplitude, 32767.0 * std::pow(10.0, -6.0 / 20.0), 2.0);
        EXPECT_LT(fit.residual_rms, 1.0); // one continuous sine across the reads
        EXPECT_NEAR(static_cast<double>(zero_crossings(signal)), 2000.0, 2.0);
    }
}

TEST(ToneSource, NonsenseIsRefused)
{
    EXPECT_FALSE(ToneSource::create(8000, 1, 4000.0, -3.0).ok()); // at Nyquist
    EXPECT_FALSE(ToneSource::create(8000, 1, 0.0, -3.0).ok());
    EXPECT_FALSE(ToneSource::create(8000, 1, 440.0, 1.0).ok()); // above full scale
    EXPECT_FALSE(ToneSource::create(8000, 0, 440.0, -3.0).ok());
    EXPECT_FALSE(ToneSource::create(8000, 1, std::nan(""), -3.0).ok());
    auto tone = ToneSource::create(8000, 2, 440.0, -3.0);
    ASSERT_TRUE(tone.ok());
    std::vector<int16_t> odd(3);
    EXPECT_EQ(tone->read(odd).error().code, ErrorCode::invalid_argument);
}

TEST(SilenceSource, IsSilentForEver)
{
    SilenceSource silence(1);
    std::vector<int16_t> frame(160, 99);
    ASSERT_TRUE(silence.read(frame).ok());
    EXPECT_EQ(frame, std::vector<int16_t>(160, 0));
    EXPECT_FALSE(silence.finished());
}

TEST(SpeechSource, StreamsTheGeneratedSignalThenSilence)
{
    auto speech = SpeechSource::create(8000, 1, 0.5, 3);
    ASSERT_TRUE(speech.ok());
    const Pcm expected = generate_speech_like(8000, 1, 0.5, 3);
    Pcm read = read_frames(*speech, 8000, 1, 160, 26); // 0.52 s
    EXPECT_TRUE(speech->finished());
    ASSERT_EQ(read.samples.size(), 26u * 160u);
    EXPECT_TRUE(std::equal(expected.samples.begin(), expected.samples.end(), read.samples.begin()));
    EXPECT_TRUE(std::all_of(read.samples.begin() + static_cast<std::ptrdiff_t>(expected.samples.size()),
                            read.samples.end(), [](int16_t s) { return s == 0; }));
}

TEST(WavFileSource, AnotherRateIsResampledWithItsFrequencyKept)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("tone-48k-stereo.wav");
    const auto tone = test::sine(440.0, 12000.0, 0.0, 48000.0, 48000); // one second
    Pcm stereo = to_channels(test::to_pcm(tone, 48000), 2);
    ASSERT_TRUE(write_wav(path, stereo).ok());

    auto source = WavFileSource::open(path, 8000, 1);
    ASSERT_TRUE(source.ok()) << source.error().message;
    const Pcm pcm = read_frames(**source, 8000, 1, 160, 55); // 1.1 s: past the end
    EXPECT_TRUE((*source)->finished());
    const auto signal = test::channel_of(pcm, 0);
    // Away from the filter's edges at the start and end of the file.
    const auto fit = test::fit_sine(signal, 440.0, 8000.0, 400, 7600);
    EXPECT_NEAR(fit.amplitude, 12000.0, 120.0);
    EXPECT_LT(fit.residual_rms, 60.0);
    EXPECT_NEAR(static_cast<double>(zero_crossings({signal.begin() + 400, signal.begin() + 7600})), 2 * 440.0 * 0.9,
                3.0);
    EXPECT_LT(test::rms(signal, 8100, signal.size()), 1.0); // silence after the end
}

TEST(WavFileSource, LoopsWithoutAGap)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("ramp.wav");
    Pcm ramp{8000, 1, {}};
    for (int i = 0; i < 800; ++i) {
        ramp.samples.push_back(static_cast<int16_t>(i * 10 - 4000));
    }
    ASSERT_TRUE(write_wav(path, ramp).ok());
    auto source = WavFileSource::open(path, 8000, 1, AtEnd::loop);
    ASSERT_TRUE(source.ok()) << source.error().message;
    const Pcm pcm = read_frames(**source, 8000, 1, 160, 18); // 3.6 times the file
    EXPECT_FALSE((*source)->finished());
    for (size_t i = 0; i < pcm.samples.size(); ++i) {
        ASSERT_EQ(pcm.samples[i], ramp.samples[i % ramp.samples.size()]) << "at sample " << i;
    }
}

TEST(WavFileSource, StopsWithSilenceAtTheEnd)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("short.wav");
    const Pcm speech = generate_speech_like(16000, 1, 0.05, 1);
    ASSERT_TRUE(write_wav(path, speech).ok());
    auto source = WavFileSource::open(path, 16000, 2);
    ASSERT_TRUE(source.ok());
    const Pcm pcm = read_frames(**source, 16000, 2, 320, 4);
    EXPECT_TRUE((*source)->finished());
    for (size_t frame = 0; frame < pcm.frames(); ++frame) {
        const int16_t expected = frame < speech.samples.size() ? speech.samples[frame] : int16_t{0};
        ASSERT_EQ(pcm.samples[2 * frame], expected) << frame;
        ASSERT_EQ(pcm.samples[2 * frame + 1], expected) << frame;
    }
}

TEST(WavFileSource, FileErrorsNameThePath)
{
    ScratchDirectory scratch;
    const auto missing = scratch.file("absent.wav");
    const auto not_audio = scratch.file("notes.wav");
    std::ofstream(not_audio) << "not audio at all\n";
    const auto folder = scratch.file("folder.wav");
    std::filesystem::create_directory(folder);
    const struct {
        std::filesystem::path path;
        ErrorCode code;
    } cases[] = {{missing, ErrorCode::not_found}, {not_audio, ErrorCode::malformed_input}, {folder, ErrorCode::io}};
    for (const auto &c : cases) {
        const auto source = WavFileSource::open(c.path, 8000, 1);
        ASSERT_FALSE(source.ok()) << c.path;
        EXPECT_EQ(source.error().code, c.code) << source.error().message;
        EXPECT_NE(source.error().message.find(c.path.string()), std::string::npos) << source.error().message;
    }
}

} // namespace
} // namespace cordon::media
