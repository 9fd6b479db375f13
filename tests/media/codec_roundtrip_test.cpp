#include "media/codec_roundtrip.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <vector>

namespace cordon::media {
namespace {

constexpr int16_t conceal_marker = 1234;

// A "codec" whose packets are the PCM bytes themselves, so that the round trip
// must give back exactly what went in. Concealment without a next packet
// writes conceal_marker; with one, it decodes that packet (standing in for FEC).
class IdentityCodec : public CodecInstance {
public:
    IdentityCodec(uint32_t rate, uint32_t channels, uint32_t frame_per_channel)
    {
        info_.sample_rate = rate;
        info_.channels = channels;
        info_.frame_samples_per_channel = frame_per_channel;
        info_.max_packet_bytes = static_cast<uint32_t>(info_.frame_samples() * sizeof(int16_t));
        info_.max_decoded_samples = static_cast<uint32_t>(info_.frame_samples());
    }

    const CodecInstanceInfo &info() const override { return info_; }

    Result<size_t> encode(std::span<const int16_t> pcm, std::span<uint8_t> packet) override
    {
        EXPECT_EQ(pcm.size(), info_.frame_samples()) << "encode must get exactly one frame";
        ++encoded_frames;
        if (fail_encode_at && *fail_encode_at == encoded_frames - 1) {
            return Error{ErrorCode::plugin_failure, "encoder exploded"};
        }
        if (dtx_every_other && (encoded_frames - 1) % 2 == 1) {
            return size_t{0};
        }
        std::memcpy(packet.data(), pcm.data(), pcm.size_bytes());
        return pcm.size_bytes() + (overrun_packet ? packet.size() : 0);
    }

    Result<size_t> decode(std::span<const uint8_t> packet, std::span<int16_t> pcm) override
    {
        EXPECT_EQ(packet.size() % sizeof(int16_t), 0u);
        std::memcpy(pcm.data(), packet.data(), packet.size());
        return packet.size() / sizeof(int16_t) - (odd_decode ? 1 : 0);
    }

    Result<size_t> conceal(std::span<const uint8_t> next_packet, std::span<int16_t> pcm) override
    {
        conceal_next_sizes.push_back(next_packet.size());
        if (!next_packet.empty()) {
            return decode(next_packet, pcm);
        }
        std::fill_n(pcm.begin(), info_.frame_samples(), conceal_marker);
        return info_.frame_samples();
    }

    bool has_native_concealment() const override { return false; }
    Result<void> reset() override { return {}; }

    bool dtx_every_other = false;
    bool overrun_packet = false;
    bool odd_decode = false;
    std::optional<size_t> fail_encode_at;
    size_t encoded_frames = 0;
    std::vector<size_t> conceal_next_sizes;

private:
    CodecInstanceInfo info_;
};

Pcm ramp(uint32_t rate, uint32_t channels, size_t frames)
{
    Pcm pcm{rate, channels, std::vector<int16_t>(frames * channels)};
    for (size_t i = 0; i < pcm.samples.size(); ++i) {
        pcm.samples[i] = static_cast<int16_t>(static_cast<int>(i % 2000) - 1000);
    }
    return pcm;
}

TEST(CodecRoundtrip, IdentityCodecGivesTheInputBackPaddedToWholeFrames)
{
    IdentityCodec codec(8000, 1, 160);
    const Pcm input = ramp(8000, 1, 1001); // 6 frames and 41 samples
    const auto result = roundtrip(codec, input);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->frames, 7u);
    Pcm expected = input;
    expected.samples.resize(7 * 160, 0);
    EXPECT_EQ(result->decoded, expected);
    EXPECT_EQ(result->packet_bytes_total, 7u * 320u);
    EXPECT_EQ(result->max_packet_bytes_seen, 320u);
    EXPECT_DOUBLE_EQ(result->bitrate_bps, 7.0 * 320.0 * 8.0 / (1001.0 / 8000.0));
    EXPECT_EQ(result->dtx_frames, 0u);
    EXPECT_EQ(result->lost_frames, 0u);
    EXPECT_TRUE(codec.conceal_next_sizes.empty());
}

TEST(CodecRoundtrip, StereoFramesStayInterleaved)
{
    IdentityCodec codec(48000, 2, 960);
    const Pcm input = ramp(48000, 2, 4800); // exactly 5 frames
    const auto result = roundtrip(codec, input);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->frames, 5u);
    EXPECT_EQ(result->decoded, input);
    // 1920 samples of 2 bytes per 20 ms: 1536 kbit/s.
    EXPECT_DOUBLE_EQ(result->bitrate_bps, 1536000.0);
}

TEST(CodecRoundtrip, DtxPacketsAreConcealedWithoutANextPacket)
{
    IdentityCodec codec(8000, 1, 160);
    codec.dtx_every_other = true;
    const Pcm input = ramp(8000, 1, 7 * 160);
    const auto result = roundtrip(codec, input);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->frames, 7u);
    EXPECT_EQ(result->dtx_frames, 3u);
    EXPECT_EQ(result->packet_bytes_total, 4u * 320u); // frames 0, 2, 4, 6
    EXPECT_EQ(result->max_packet_bytes_seen, 320u);
    EXPECT_EQ(codec.conceal_next_sizes, (std::vector<size_t>{0, 0, 0}));
    ASSERT_EQ(result->decoded.samples.size(), input.samples.size());
    for (size_t frame = 0; frame < 7; ++frame) {
        for (size_t n = frame * 160; n < (frame + 1) * 160; ++n) {
            const int16_t expected = frame % 2 == 1 ? conceal_marker : input.samples[n];
            ASSERT_EQ(result->decoded.samples[n], expected) << "frame " << frame << " sample " << n;
        }
    }
}

TEST(CodecRoundtrip, LostFramesAreConcealedWithTheNextPacketWhenItArrived)
{
    IdentityCodec codec(8000, 1, 160);
    const Pcm input = ramp(8000, 1, 7 * 160);
    // 2 and 3 lost in a row (2 has no next packet), 6 is the last frame.
    const auto result = roundtrip(codec, input, [](size_t frame) { return frame == 2 || frame == 3 || frame == 6; });
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->lost_frames, 3u);
    EXPECT_EQ(result->packet_bytes_total, 7u * 320u) << "lost packets were still sent";
    EXPECT_EQ(codec.conceal_next_sizes, (std::vector<size_t>{0, 320, 0}));
    const auto frame_of = [](const Pcm &pcm, size_t frame) {
        return std::vector<int16_t>(pcm.samples.begin() + static_cast<std::ptrdiff_t>(frame * 160),
                                    pcm.samples.begin() + static_cast<std::ptrdiff_t>((frame + 1) * 160));
    };
    EXPECT_EQ(frame_of(result->decoded, 2), std::vector<int16_t>(160, conceal_marker));
    EXPECT_EQ(frame_of(result->decoded, 3), frame_of(input, 4)) << "frame 3 rebuilt from packet 4";
    EXPECT_EQ(frame_of(result->decoded, 5), frame_of(input, 5));
    EXPECT_EQ(frame_of(result->decoded, 6), std::vector<int16_t>(160, conceal_marker));
}

TEST(CodecRoundtrip, InputInAnotherFormatIsRefusedNamingBoth)
{
    IdentityCodec codec(8000, 1, 160);
    const auto rate = roundtrip(codec, ramp(16000, 1, 320));
    ASSERT_FALSE(rate.ok());
    EXPECT_EQ(rate.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(rate.error().message.find("16000 Hz"), std::string::npos) << rate.error().message;
    EXPECT_NE(rate.error().message.find("8000 Hz"), std::string::npos) << rate.error().message;

    const auto channels = roundtrip(codec, ramp(8000, 2, 320));
    ASSERT_FALSE(channels.ok());
    EXPECT_NE(channels.error().message.find("2 channels"), std::string::npos) << channels.error().message;
    EXPECT_NE(channels.error().message.find("1 channel"), std::string::npos) << channels.error().message;
    EXPECT_EQ(codec.encoded_frames, 0u);
}

TEST(CodecRoundtrip, CodecErrorsCarryTheFrameIndex)
{
    IdentityCodec codec(8000, 1, 160);
    codec.fail_encode_at = 3;
    const auto result = roundtrip(codec, ramp(8000, 1, 1600));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::plugin_failure);
    EXPECT_NE(result.error().message.find("frame 3"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("encoder exploded"), std::string::npos);
}

TEST(CodecRoundtrip, LengthsBeyondTheBufferOrFrameAreContractViolations)
{
    IdentityCodec overrunning(8000, 1, 160);
    overrunning.overrun_packet = true;
    EXPECT_EQ(roundtrip(overrunning, ramp(8000, 1, 160)).error().code, ErrorCode::contract_violation);

    IdentityCodec half_frame(8000, 2, 160);
    half_frame.odd_decode = true; // 319 samples of a stereo signal
    EXPECT_EQ(roundtrip(half_frame, ramp(8000, 2, 160)).error().code, ErrorCode::contract_violation);
}

TEST(CodecRoundtrip, EmptyInputEncodesNothing)
{
    IdentityCodec codec(8000, 1, 160);
    const auto result = roundtrip(codec, Pcm{8000, 1, {}});
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->frames, 0u);
    EXPECT_TRUE(result->decoded.samples.empty());
    EXPECT_EQ(result->bitrate_bps, 0.0);
    EXPECT_EQ(codec.encoded_frames, 0u);
}

} // namespace
} // namespace cordon::media
