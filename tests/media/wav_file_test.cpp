#include "media/wav_file.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <fstream>
#include <limits>
#include <vector>

#include "media/speech_signal.hpp"
#include "tests/media/scratch_directory.hpp"

namespace cordon::media {
namespace {

using test::ScratchDirectory;

// Writes a file with libsndfile directly, bypassing write_wav's own limits.
void write_raw(const std::filesystem::path &path, int format, int channels, int rate, const std::vector<float> &samples)
{
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE *file = sf_open(path.c_str(), SFM_WRITE, &info);
    ASSERT_NE(file, nullptr) << sf_strerror(nullptr);
    const auto frames = static_cast<sf_count_t>(samples.size() / static_cast<size_t>(channels));
    EXPECT_EQ(sf_writef_float(file, samples.data(), frames), frames);
    sf_close(file);
}

Pcm extremes_and_ramp(uint32_t rate, uint32_t channels, size_t frames)
{
    Pcm pcm{rate, channels, std::vector<int16_t>(frames * channels)};
    for (size_t i = 0; i < pcm.samples.size(); ++i) {
        pcm.samples[i] = static_cast<int16_t>(static_cast<int>(i * 7919 % 65536) - 32768);
    }
    pcm.samples[0] = std::numeric_limits<int16_t>::min();
    pcm.samples[1] = std::numeric_limits<int16_t>::max();
    pcm.samples[2] = 0;
    return pcm;
}

TEST(WavFile, MonoRoundTripIsExact)
{
    ScratchDirectory scratch;
    const Pcm original = extremes_and_ramp(8000, 1, 12345);
    ASSERT_TRUE(write_wav(scratch.file("mono.wav"), original).ok());
    const auto read = read_wav(scratch.file("mono.wav"));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(*read, original);
}

TEST(WavFile, StereoSpeechRoundTripIsExact)
{
    ScratchDirectory scratch;
    const Pcm original = generate_speech_like(48000, 2, 1.5, 7);
    ASSERT_TRUE(write_wav(scratch.file("stereo.wav"), original).ok());
    const auto read = read_wav(scratch.file("stereo.wav"));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->sample_rate, 48000u);
    EXPECT_EQ(read->channels, 2u);
    EXPECT_EQ(read->samples, original.samples);
}

TEST(WavFile, MissingFileIsNotFoundAndNamed)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("no-such-recording.wav");
    const auto read = read_wav(path);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::not_found);
    EXPECT_NE(read.error().message.find(path.string()), std::string::npos) << read.error().message;
}

TEST(WavFile, TextFileIsMalformedAndNamed)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("notes.wav");
    std::ofstream(path) << "These are meeting notes, not audio. RIFF? No.\n";
    const auto read = read_wav(path);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::malformed_input);
    EXPECT_NE(read.error().message.find(path.string()), std::string::npos) << read.error().message;
}

TEST(WavFile, EmptyFileAndDirectoryAreRefused)
{
    ScratchDirectory scratch;
    const auto empty = scratch.file("empty.wav");
    std::ofstream{empty};
    const auto from_empty = read_wav(empty);
    ASSERT_FALSE(from_empty.ok());
    EXPECT_NE(from_empty.error().message.find(empty.string()), std::string::npos);

    const auto folder = scratch.file("folder.wav");
    std::filesystem::create_directory(folder);
    const auto from_folder = read_wav(folder);
    ASSERT_FALSE(from_folder.ok());
    EXPECT_NE(from_folder.error().message.find("directory"), std::string::npos) << from_folder.error().message;
}

TEST(WavFile, ThreeChannelsAreRefusedClearly)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("surround.wav");
    write_raw(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 3, 8000, std::vector<float>(3 * 800, 0.25f));
    const auto read = read_wav(path);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::unsupported);
    EXPECT_NE(read.error().message.find("3 channels"), std::string::npos) << read.error().message;
    EXPECT_NE(read.error().message.find(path.string()), std::string::npos);
}

// At 1000 Hz, the ten-minute cap is 600000 frames: small files either side of it.
TEST(WavFile, DurationCapIsEnforcedAtTheLimit)
{
    ScratchDirectory scratch;
    constexpr int rate_hz = 1000;
    const auto at_limit = scratch.file("at-limit.wav");
    const auto over_limit = scratch.file("over-limit.wav");
    write_raw(at_limit, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1, rate_hz,
              std::vector<float>(size_t{max_audio_file_seconds} * rate_hz, 0.1f));
    write_raw(over_limit, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1, rate_hz,
              std::vector<float>(size_t{max_audio_file_seconds} * rate_hz + 1, 0.1f));

    const auto accepted = read_wav(at_limit);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->frames(), size_t{max_audio_file_seconds} * rate_hz);

    const auto refused = read_wav(over_limit);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::unsupported);
    EXPECT_NE(refused.error().message.find("600 seconds"), std::string::npos) << refused.error().message;
}

TEST(WavFile, FloatFilesAreScaledAndClippedTo16Bit)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("float.wav");
    write_raw(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 1, 16000,
              {0.0f, 0.5f, -0.5f, 1.5f, -1.5f, std::numeric_limits<float>::quiet_NaN()});
    const auto read = read_wav(path);
    ASSERT_TRUE(read.ok()) << read.error().message;
    // Full scale is 1.0; beyond it clips instead of wrapping; NaN is silence.
    EXPECT_EQ(read->samples, (std::vector<int16_t>{0, 16384, -16384, 32767, -32768, 0}));
}

TEST(WavFile, TwentyFourBitFilesAreRoundedTo16Bit)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("pcm24.wav");
    write_raw(path, SF_FORMAT_WAV | SF_FORMAT_PCM_24, 2, 48000, {0.25f, -0.25f, 0.001f, -1.0f});
    const auto read = read_wav(path);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->channels, 2u);
    EXPECT_EQ(read->samples, (std::vector<int16_t>{8192, -8192, 33, -32768}));
}

TEST(WavFile, WriteRefusesMalformedAudioAndLeavesNoFile)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("bad.wav");
    const Pcm odd_stereo{8000, 2, {1, 2, 3}};
    const Pcm no_channels{8000, 0, {}};
    const Pcm three_channels{8000, 3, std::vector<int16_t>(30)};
    const Pcm no_rate{0, 1, {1}};
    for (const Pcm &bad : {odd_stereo, no_channels, three_channels, no_rate}) {
        const auto written = write_wav(path, bad);
        ASSERT_FALSE(written.ok());
        EXPECT_EQ(written.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(written.error().message.find(path.string()), std::string::npos);
        EXPECT_FALSE(std::filesystem::exists(path));
    }
}

TEST(WavFile, WriteIntoMissingDirectoryIsAnIoError)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("missing-dir") / "out.wav";
    const auto written = write_wav(path, Pcm{8000, 1, {1, 2, 3}});
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().code, ErrorCode::io);
    EXPECT_NE(written.error().message.find(path.string()), std::string::npos) << written.error().message;
}

} // namespace
} // namespace cordon::media
