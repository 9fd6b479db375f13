#include "media/audio_sink.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "media/speech_signal.hpp"
#include "media/wav_file.hpp"
#include "media/wav_file_sink.hpp"
#include "tests/media/scratch_directory.hpp"

namespace cordon::media {
namespace {

using test::ScratchDirectory;

Result<void> write_in_frames(AudioSink &sink, const Pcm &pcm, size_t frame_samples)
{
    for (size_t offset = 0; offset < pcm.samples.size(); offset += frame_samples) {
        const size_t count = std::min(frame_samples, pcm.samples.size() - offset);
        if (auto status = sink.write(std::span<const int16_t>(pcm.samples).subspan(offset, count)); !status) {
            return status;
        }
    }
    return {};
}

TEST(WavFileSink, WritesAFileThatReadsBackIdentically)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("call.wav");
    const Pcm speech = generate_speech_like(16000, 2, 1.0, 5);
    auto sink = WavFileSink::create(path, 16000, 2);
    ASSERT_TRUE(sink.ok()) << sink.error().message;
    ASSERT_TRUE(write_in_frames(**sink, speech, 640).ok());
    ASSERT_TRUE((*sink)->close().ok());
    const auto read = read_wav(path);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(*read, speech);
    EXPECT_EQ((*sink)->write(speech.samples).error().code, ErrorCode::invalid_argument); // closed
}

TEST(WavFileSink, DestructionFinishesTheHeader)
{
    ScratchDirectory scratch;
    const auto path = scratch.file("dropped.wav");
    const Pcm speech = generate_speech_like(8000, 1, 0.3, 2);
    {
        auto sink = WavFileSink::create(path, 8000, 1);
        ASSERT_TRUE(sink.ok());
        ASSERT_TRUE(write_in_frames(**sink, speech, 160).ok());
    }
    const auto read = read_wav(path);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(*read, speech);
}

TEST(WavFileSink, ErrorsNameThePath)
{
    ScratchDirectory scratch;
    const auto unwritable = scratch.file("no-such-folder") / "call.wav";
    const auto created = WavFileSink::create(unwritable, 8000, 1);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::io);
    EXPECT_NE(created.error().message.find(unwritable.string()), std::string::npos) << created.error().message;

    const auto three = WavFileSink::create(scratch.file("surround.wav"), 8000, 3);
    ASSERT_FALSE(three.ok());
    EXPECT_EQ(three.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(three.error().message.find("surround.wav"), std::string::npos);

    auto stereo = WavFileSink::create(scratch.file("stereo.wav"), 8000, 2);
    ASSERT_TRUE(stereo.ok());
    const std::vector<int16_t> odd(3);
    const auto refused = (*stereo)->write(odd);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("stereo.wav"), std::string::npos);
}

TEST(MemorySink, KeepsWhatIsWrittenUpToItsLimit)
{
    MemorySink sink(8000, 1, 0.04); // 320 samples
    const std::vector<int16_t> frame(160, 7);
    EXPECT_TRUE(sink.write(frame).ok());
    EXPECT_TRUE(sink.write(frame).ok());
    EXPECT_EQ(sink.write(frame).error().code, ErrorCode::io);
    EXPECT_EQ(sink.pcm().samples, std::vector<int16_t>(320, 7));
    NullSink null;
    EXPECT_TRUE(null.write(frame).ok());
}

} // namespace
} // namespace cordon::media
