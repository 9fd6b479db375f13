#include "media/playout.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace cordon::media {
namespace {

using FrameKind = Playout::FrameKind;

constexpr uint32_t rate_hz = 8000;
constexpr uint32_t frame_length = 160;
constexpr int16_t concealed_marker = -777;

// A sample-based stand-in for G.711: each payload byte b decodes to the
// sample b * 100, so the test sees which packet each sample came from.
class ByteCodec final : public CodecInstance {
public:
    explicit ByteCodec(bool native_concealment) : native_(native_concealment)
    {
        info_.sample_rate = rate_hz;
        info_.channels = 1;
        info_.frame_samples_per_channel = frame_length;
        info_.max_packet_bytes = frame_length;
        info_.max_decoded_samples = frame_length * 6;
    }

    const CodecInstanceInfo &info() const override { return info_; }
    Result<size_t> encode(std::span<const int16_t>, std::span<uint8_t>) override
    {
        return Error{ErrorCode::unsupported, "not used"};
    }
    Result<size_t> decode(std::span<const uint8_t> packet, std::span<int16_t> pcm) override
    {
        if (fail_next) {
            fail_next = false;
            return Error{ErrorCode::sandbox_fault, "sandbox child died"};
        }
        if (packet.size() > pcm.size()) {
            return Error{ErrorCode::buffer_too_small, "too long"};
        }
        for (size_t i = 0; i < packet.size(); ++i) {
            pcm[i] = static_cast<int16_t>(packet[i] * 100);
        }
        return packet.size() - (short_decode ? 1 : 0);
    }
    Result<size_t> conceal(std::span<const uint8_t> next_packet, std::span<int16_t> pcm) override
    {
        next_sizes.push_back(next_packet.size());
        std::fill_n(pcm.begin(), frame_length, concealed_marker);
        return size_t{frame_length};
    }
    bool has_native_concealment() const override { return native_; }
    Result<void> reset() override
    {
        ++resets;
        return {};
    }

    bool fail_next = false;
    bool short_decode = false;
    std::vector<size_t> next_sizes;
    int resets = 0;

private:
    CodecInstanceInfo info_;
    bool native_;
};

std::vector<uint8_t> packet_of(uint8_t value, size_t frames = 1)
{
    return std::vector<uint8_t>(frame_length * frames, value);
}

Playout make_playout(ByteCodec &codec)
{
    PlayoutConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = rate_hz;
    auto created = Playout::create(codec, config);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return std::move(created).value();
}

// What each tick played: its kind and its first sample.
struct Played {
    FrameKind kind;
    int16_t first;
    bool operator==(const Played &) const = default;
};

std::vector<Played> play(Playout &playout, size_t ticks)
{
    std::vector<Played> played;
    for (size_t i = 0; i < ticks; ++i) {
        const auto frame = playout.next_frame();
        EXPECT_EQ(frame.pcm.size(), frame_length);
        played.push_back({frame.kind, frame.pcm.empty() ? int16_t{0} : frame.pcm[0]});
    }
    return played;
}

TEST(Playout, PacketsAreDecodedOneFramePerTick)
{
    ByteCodec codec(true);
    Playout playout = make_playout(codec);
    EXPECT_EQ(play(playout, 1), (std::vector<Played>{{FrameKind::idle, 0}}));
    for (uint8_t i = 1; i <= 3; ++i) {
        playout.put(packet_of(i), i * frame_length, i);
    }
    EXPECT_EQ(play(playout, 3),
              (std::vector<Played>{{FrameKind::decoded, 100}, {FrameKind::decoded, 200}, {FrameKind::decoded, 300}}));
    EXPECT_EQ(playout.counters().frames_decoded, 3u);
    EXPECT_EQ(playout.counters().frames_idle, 1u);
}

TEST(Playout, ALostPacketIsConcealedWithTheNextPacketGiven)
{
    ByteCodec codec(true);
    Playout playout = make_playout(codec);
    for (int i : {1, 2, 4}) {
        const auto number = static_cast<uint8_t>(i);
        playout.put(packet_of(number), number * frame_length, number);
    }
    EXPECT_EQ(play(playout, 4), (std::vector<Played>{{FrameKind::decoded, 100},
                                                     {FrameKind::decoded, 200},
                                                     {FrameKind::concealed, concealed_marker},
                                                     {FrameKind::decoded, 400}}));
    EXPECT_EQ(codec.next_sizes, (std::vector<size_t>{frame_length}));
    const auto counters = playout.counters();
    EXPECT_EQ(counters.frames_concealed, 1u);
    EXPECT_EQ(counters.frames_with_next_packet, 1u);
}

TEST(Playout, ACodecWithoutConcealmentPlaysSilence)
{
    ByteCodec codec(false);
    Playout playout = make_playout(codec);
    playout.put(packet_of(1), 0, 0);
    playout.put(packet_of(3), 2 * frame_length, 2);
    EXPECT_EQ(play(playout, 3),
              (std::vector<Played>{{FrameKind::decoded, 100}, {FrameKind::silence, 0}, {FrameKind::decoded, 300}}));
    EXPECT_TRUE(codec.next_sizes.empty());
    EXPECT_EQ(playout.counters().frames_silence, 1u);
}

TEST(Playout, CodecFailuresAreConcealedAndCounted)
{
    ByteCodec codec(true);
    Playout playout = make_playout(codec);
    for (uint8_t i = 0; i < 3; ++i) {
        playout.put(packet_of(i + 1), i * frame_length, i);
    }
    codec.fail_next = true; // the sandboxed codec crashes on the first packet
    EXPECT_EQ(play(playout, 2),
              (std::vector<Played>{{FrameKind::concealed, concealed_marker}, {FrameKind::decoded, 200}}));
    codec.short_decode = true; // one sample short of the packet's span
    EXPECT_EQ(play(playout, 1), (std::vector<Played>{{FrameKind::concealed, concealed_marker}}));
    const auto counters = playout.counters();
    EXPECT_EQ(counters.decode_errors, 1u);
    EXPECT_EQ(counters.wrong_sample_counts, 1u);
    EXPECT_EQ(counters.frames_concealed, 2u);
    EXPECT_EQ(counters.frames_decoded, 1u);
}

TEST(Playout, APacketOfSeveralFramesPlaysOverSeveralTicks)
{
    ByteCodec codec(true);
    Playout playout = make_playout(codec);
    std::vector<uint8_t> long_packet = packet_of(1, 3); // 60 ms, one value per frame
    std::fill(long_packet.begin() + frame_length, long_packet.begin() + 2 * frame_length, uint8_t{2});
    std::fill(long_packet.begin() + 2 * frame_length, long_packet.end(), uint8_t{3});
    playout.put(long_packet, 0, 0);
    playout.put(packet_of(4, 3), 3 * frame_length, 1);
    const auto played = play(playout, 6);
    std::vector<Played> expected;
    for (int value : {100, 200, 300, 400, 400, 400}) {
        expected.push_back({FrameKind::decoded, static_cast<int16_t>(value)});
    }
    EXPECT_EQ(played, expected);
    EXPECT_EQ(playout.counters().jitter.missing, 0u);
}

TEST(Playout, UnreadableAndMisfitPayloadsAreDropped)
{
    ByteCodec codec(true);
    Playout playout = make_playout(codec);
    playout.put({}, 0, 0);
    playout.put(std::vector<uint8_t>(frame_length / 2, 1), 0, 0); // 10 ms: shorter than the frame
    const auto counters = playout.counters();
    EXPECT_EQ(counters.unreadable_payloads, 1u);
    EXPECT_EQ(counters.jitter.refused_span, 1u);
    EXPECT_EQ(play(playout, 1), (std::vector<Played>{{FrameKind::idle, 0}}));
}

TEST(Playout, ResetStartsBufferAndDecoderAfresh)
{
    ByteCodec codec(true);
    Playout playout = make_playout(codec);
    playout.put(packet_of(1, 2), 0, 0);
    play(playout, 1);
    playout.reset();
    EXPECT_EQ(codec.resets, 1);
    EXPECT_EQ(play(playout, 1), (std::vector<Played>{{FrameKind::idle, 0}}));
    playout.put(packet_of(9), 123456, 77);
    EXPECT_EQ(play(playout, 1), (std::vector<Played>{{FrameKind::decoded, 900}}));
}

TEST(Playout, AFrameThatIsNotWholeClockUnitsIsRefused)
{
    ByteCodec codec(true);
    PlayoutConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = 44100; // 160 samples at 8 kHz are 882 units: fine
    EXPECT_TRUE(Playout::create(codec, config).ok());
    config.clock_rate = 11025; // 220.5 units: refused
    const auto refused = Playout::create(codec, config);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon::media
