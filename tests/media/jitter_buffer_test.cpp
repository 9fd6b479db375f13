#include "media/jitter_buffer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace cordon::media {
namespace {

using Kind = JitterBuffer::Pulled::Kind;

constexpr uint32_t frame_span = 160; // 20 ms of PCMU

// A payload that names its packet, so the test can tell which one came out.
std::vector<uint8_t> payload_of(uint16_t sequence)
{
    return {static_cast<uint8_t>(sequence >> 8), static_cast<uint8_t>(sequence & 0xff), 0x5a};
}

uint16_t sequence_in(std::span<const uint8_t> payload)
{
    return payload.size() == 3 ? static_cast<uint16_t>(payload[0] << 8 | payload[1]) : uint16_t{0xffff};
}

JitterBuffer make_buffer(const JitterBufferLimits &limits = {})
{
    auto created = JitterBuffer::create(frame_span, limits);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return std::move(created).value();
}

void put_packet(JitterBuffer &buffer, int sequence, uint32_t first_timestamp = 0)
{
    const auto number = static_cast<uint16_t>(sequence);
    buffer.put(payload_of(number), first_timestamp + number * frame_span, frame_span, number);
}

// One play-out tick: the pull, then the tick closed with nothing held back.
JitterBuffer::Pulled tick(JitterBuffer &buffer)
{
    JitterBuffer::Pulled pulled = buffer.pull();
    buffer.end_tick(0);
    return pulled;
}

constexpr uint16_t missing_marker = 0xfffe;
constexpr uint16_t idle_marker = 0xfffd;
constexpr uint16_t inserted_marker = 0xfffc;

// The sequence numbers played over ticks, or what took a packet's place.
std::vector<uint16_t> play(JitterBuffer &buffer, size_t ticks)
{
    std::vector<uint16_t> played;
    for (size_t i = 0; i < ticks; ++i) {
        const auto pulled = tick(buffer);
        played.push_back(pulled.kind == Kind::packet     ? sequence_in(pulled.payload)
                         : pulled.kind == Kind::idle     ? idle_marker
                         : pulled.kind == Kind::inserted ? inserted_marker
                                                         : missing_marker);
    }
    return played;
}

TEST(JitterBuffer, BeforeTheFirstPacketNothingIsConcealed)
{
    JitterBuffer buffer = make_buffer();
    EXPECT_EQ(play(buffer, 5), std::vector<uint16_t>(5, idle_marker));
    EXPECT_EQ(buffer.counters().missing, 0u);
}

TEST(JitterBuffer, InOrderPacketsComeOutInOrder)
{
    JitterBuffer buffer = make_buffer();
    std::vector<uint16_t> played;
    for (uint16_t sequence = 0; sequence < 20; ++sequence) {
        put_packet(buffer, sequence, 12345);
        const auto pulled = tick(buffer);
        ASSERT_EQ(pulled.kind, Kind::packet) << "tick " << sequence;
        EXPECT_EQ(pulled.timestamp, 12345u + sequence * frame_span);
        EXPECT_EQ(pulled.span, frame_span);
        played.push_back(sequence_in(pulled.payload));
    }
    std::vector<uint16_t> expected(20);
    for (uint16_t i = 0; i < 20; ++i) {
        expected[i] = i;
    }
    EXPECT_EQ(played, expected);
    const auto counters = buffer.counters();
    EXPECT_EQ(counters.played, 20u);
    EXPECT_EQ(counters.missing, 0u);
    EXPECT_EQ(counters.held_packets, 0u);
}

TEST(JitterBuffer, APacketMissingIsReportedWithTheNextOneVisible)
{
    JitterBuffer buffer = make_buffer();
    for (uint16_t sequence : {uint16_t{0}, uint16_t{1}, uint16_t{3}, uint16_t{4}}) {
        put_packet(buffer, sequence);
    }
    EXPECT_EQ(sequence_in(tick(buffer).payload), 0);
    EXPECT_EQ(sequence_in(tick(buffer).payload), 1);
    const auto lost = buffer.pull();
    ASSERT_EQ(lost.kind, Kind::missing);
    EXPECT_EQ(lost.timestamp, 2 * frame_span);
    EXPECT_EQ(lost.span, frame_span);
    // The packet after the gap is there for the codec's in-band FEC.
    EXPECT_EQ(sequence_in(buffer.peek(lost.timestamp + lost.span)), 3);
    buffer.end_tick(0);
    EXPECT_EQ(play(buffer, 2), (std::vector<uint16_t>{3, 4}));
    EXPECT_EQ(buffer.counters().missing, 1u);
}

TEST(JitterBuffer, ReorderedPacketsPlayInOrder)
{
    JitterBuffer buffer = make_buffer();
    for (int sequence : {0, 2, 1, 4, 3, 5}) {
        put_packet(buffer, sequence);
    }
    EXPECT_EQ(play(buffer, 6), (std::vector<uint16_t>{0, 1, 2, 3, 4, 5}));
}

TEST(JitterBuffer, ALatePacketIsDroppedAndCounted)
{
    JitterBuffer buffer = make_buffer();
    for (int sequence : {0, 1, 3}) {
        put_packet(buffer, sequence);
    }
    EXPECT_EQ(play(buffer, 3), (std::vector<uint16_t>{0, 1, missing_marker}));
    put_packet(buffer, 2); // its time has passed
    put_packet(buffer, 4);
    // Lateness makes SpeexDSP buffer one frame more: a frame is inserted.
    EXPECT_EQ(play(buffer, 3), (std::vector<uint16_t>{3, inserted_marker, 4}));
    EXPECT_EQ(buffer.counters().late, 1u);
    EXPECT_EQ(buffer.counters().inserted, 1u);
    EXPECT_EQ(buffer.counters().played, 4u);
}

TEST(JitterBuffer, DuplicatesPlayOnce)
{
    JitterBuffer buffer = make_buffer();
    put_packet(buffer, 0);
    put_packet(buffer, 1);
    put_packet(buffer, 1);
    EXPECT_EQ(play(buffer, 2), (std::vector<uint16_t>{0, 1}));
    put_packet(buffer, 1); // once played, a copy is simply late
    put_packet(buffer, 2);
    EXPECT_EQ(play(buffer, 1), (std::vector<uint16_t>{2}));
    const auto counters = buffer.counters();
    EXPECT_EQ(counters.duplicate, 1u);
    EXPECT_EQ(counters.late, 1u);
    EXPECT_EQ(counters.played, 3u);
}

TEST(JitterBuffer, TimestampsWrapAt32Bits)
{
    JitterBuffer buffer = make_buffer();
    const uint32_t first = UINT32_MAX - 3 * frame_span + 1;
    std::vector<uint16_t> played;
    for (uint16_t sequence = 0; sequence < 8; ++sequence) {
        put_packet(buffer, sequence, first);
    }
    EXPECT_EQ(play(buffer, 8), (std::vector<uint16_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(buffer.counters().refused_ahead, 0u);
}

TEST(JitterBuffer, APeerRestartStartsANewTimeline)
{
    JitterBuffer buffer = make_buffer();
    for (uint16_t sequence = 0; sequence < 3; ++sequence) {
        put_packet(buffer, sequence, 1000);
    }
    EXPECT_EQ(play(buffer, 2), (std::vector<uint16_t>{0, 1}));
    buffer.reset(); // new SSRC: what is held belongs to the old stream
    EXPECT_EQ(play(buffer, 1), (std::vector<uint16_t>{idle_marker}));
    // The new stream's timestamps lie anywhere, here behind the old ones.
    for (uint16_t sequence = 100; sequence < 103; ++sequence) {
        buffer.put(payload_of(sequence), 77 + (sequence - 100u) * frame_span, frame_span, sequence);
    }
    EXPECT_EQ(play(buffer, 3), (std::vector<uint16_t>{100, 101, 102}));
    EXPECT_EQ(buffer.counters().discarded_unplayed, 1u);
    EXPECT_EQ(buffer.counters().late, 0u);
}

TEST(JitterBuffer, WhenThePeerStopsConcealmentEndsAndABurstResumesPlay)
{
    JitterBufferLimits limits;
    limits.max_missing_frames = 5;
    JitterBuffer buffer = make_buffer(limits);
    for (uint16_t sequence = 0; sequence < 3; ++sequence) {
        put_packet(buffer, sequence);
        tick(buffer);
    }
    // On hold: five frames concealed, then nothing.
    std::vector<uint16_t> expected(5, missing_marker);
    expected.resize(12, idle_marker);
    EXPECT_EQ(play(buffer, 12), expected);
    EXPECT_EQ(buffer.counters().stream_restarts, 1u);
    // Resumed three seconds of timestamps later, in a burst.
    for (uint16_t sequence = 150; sequence < 156; ++sequence) {
        put_packet(buffer, sequence);
    }
    EXPECT_EQ(play(buffer, 6), (std::vector<uint16_t>{150, 151, 152, 153, 154, 155}));
    EXPECT_EQ(buffer.counters().late, 0u);
    EXPECT_EQ(buffer.counters().refused_ahead, 0u);
}

TEST(JitterBuffer, PacketsHeldAcrossAStopArePlayedNotDropped)
{
    JitterBufferLimits limits;
    limits.max_missing_frames = 3;
    JitterBuffer buffer = make_buffer(limits);
    put_packet(buffer, 0);
    put_packet(buffer, 10); // ahead by more than the missing frames allowed
    EXPECT_EQ(play(buffer, 5), (std::vector<uint16_t>{0, missing_marker, missing_marker, missing_marker, 10}));
    EXPECT_EQ(buffer.counters().stream_restarts, 1u);
}

TEST(JitterBuffer, FloodingWithoutPullingStaysBounded)
{
    JitterBufferLimits limits;
    limits.max_packets = 32;
    JitterBuffer buffer = make_buffer(limits);
    put_packet(buffer, 0);
    tick(buffer);
    for (uint32_t i = 1; i < 20000; ++i) {
        const std::vector<uint8_t> payload(1 + i % limits.max_payload_bytes, 0x11);
        // Mostly within the window ahead, every tenth absurdly far.
        const uint32_t timestamp = i % 10 == 0 ? i * 7919u * 1000u : frame_span * (1 + (i * 37) % 99);
        buffer.put(payload, timestamp, frame_span, static_cast<uint16_t>(i));
        ASSERT_LE(buffer.counters().held_packets, limits.max_packets);
    }
    const auto counters = buffer.counters();
    EXPECT_EQ(counters.held_packets, limits.max_packets);
    EXPECT_GT(counters.over_capacity, 0u);
    EXPECT_GT(counters.refused_ahead, 0u);
    EXPECT_EQ(counters.put, 20000u);
}

TEST(JitterBuffer, HostileSizesSpansAndTimestampsAreRefused)
{
    JitterBuffer buffer = make_buffer();
    put_packet(buffer, 0);
    tick(buffer);
    const std::vector<uint8_t> too_big(JitterBufferLimits{}.max_payload_bytes + 1, 0);
    buffer.put(too_big, frame_span, frame_span, 1);
    buffer.put({}, frame_span, frame_span, 1);
    buffer.put(payload_of(1), frame_span, 0, 1);
    buffer.put(payload_of(1), frame_span, frame_span + 1, 1);
    buffer.put(payload_of(1), frame_span, frame_span * (max_frames_per_packet + 1), 1);
    buffer.put(payload_of(1), frame_span + 0x7fffffff, frame_span, 1);
    buffer.put(payload_of(1), frame_span * 102, frame_span, 1);
    const auto counters = buffer.counters();
    EXPECT_EQ(counters.refused_size, 2u);
    EXPECT_EQ(counters.refused_span, 3u);
    EXPECT_EQ(counters.refused_ahead, 2u);
    EXPECT_EQ(counters.held_packets, 0u);
}

TEST(JitterBuffer, ALongPacketCoversSeveralTicks)
{
    JitterBuffer buffer = make_buffer();
    buffer.put(payload_of(0), 0, 3 * frame_span, 0);
    buffer.put(payload_of(1), 3 * frame_span, 3 * frame_span, 1);
    const auto first = buffer.pull();
    ASSERT_EQ(first.kind, Kind::packet);
    EXPECT_EQ(first.span, 3 * frame_span);
    buffer.end_tick(2 * frame_span);
    buffer.end_tick(frame_span); // ticks played from the packet already held
    buffer.end_tick(0);
    const auto second = tick(buffer);
    ASSERT_EQ(second.kind, Kind::packet);
    EXPECT_EQ(sequence_in(second.payload), 1);
    EXPECT_EQ(buffer.counters().missing, 0u);
}

TEST(JitterBuffer, LimitsOutOfRangeAreRefused)
{
    EXPECT_FALSE(JitterBuffer::create(0).ok());
    JitterBufferLimits limits;
    limits.max_packets = speex_jitter_packet_slots;
    EXPECT_FALSE(JitterBuffer::create(frame_span, limits).ok());
    limits = {};
    limits.max_missing_frames = speex_jitter_max_lost_count + 1;
    EXPECT_FALSE(JitterBuffer::create(frame_span, limits).ok());
    limits = {};
    limits.max_payload_bytes = 0;
    EXPECT_EQ(JitterBuffer::create(frame_span, limits).error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon::media
