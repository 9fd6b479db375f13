#include "media/rtp_receive_statistics.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <vector>

namespace cordon::media {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr uint32_t narrowband_rate = 8000;
const Clock::time_point t0 = Clock::time_point{} + 1000s;

// Feeds sequence numbers with timestamps 160 apart and 20 ms arrivals; returns the verdicts.
std::vector<RtpArrival> feed(RtpReceiveStatistics &source, std::initializer_list<int> sequences)
{
    std::vector<RtpArrival> verdicts;
    for (const int sequence : sequences) {
        const auto at = static_cast<uint16_t>(sequence);
        verdicts.push_back(source.on_packet(at, at * 160u, t0 + at * 20ms));
    }
    return verdicts;
}

TEST(RtpReceiveStatistics, ASourceIsValidAfterTwoPacketsInSequence)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    EXPECT_FALSE(source.make_report_block(t0));
    EXPECT_EQ(feed(source, {100}), std::vector{RtpArrival::probation});
    EXPECT_FALSE(source.is_valid());
    EXPECT_FALSE(source.make_report_block(t0));
    EXPECT_EQ(feed(source, {101}), std::vector{RtpArrival::in_order});
    EXPECT_TRUE(source.is_valid());
    // A.1: the probation packet is not counted; the base is the validating packet.
    EXPECT_EQ(source.received(), 1);
    EXPECT_EQ(source.expected(), 1);
    EXPECT_EQ(source.extended_highest_sequence(), 101u);
    EXPECT_EQ(source.counters().bad, 0u);
}

TEST(RtpReceiveStatistics, ProbationStartsAgainAfterAGap)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    EXPECT_EQ(feed(source, {100, 105, 107, 108}),
              (std::vector{RtpArrival::probation, RtpArrival::probation, RtpArrival::probation, RtpArrival::in_order}));
    EXPECT_EQ(source.counters().bad, 2u);
    EXPECT_EQ(source.expected(), 1);
    EXPECT_EQ(source.extended_highest_sequence(), 108u);
}

TEST(RtpReceiveStatistics, SequenceWrapCountsACycle)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    const auto verdicts = feed(source, {65533, 65534, 65535, 0, 1});
    EXPECT_EQ(verdicts.back(), RtpArrival::in_order);
    EXPECT_EQ(source.extended_highest_sequence(), 65536u + 1);
    EXPECT_EQ(source.expected(), 4); // 65534 .. 65537
    EXPECT_EQ(source.received(), 4);
    EXPECT_EQ(source.cumulative_lost(), 0);
    const auto block = source.make_report_block(t0);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->extended_highest_sequence, 0x00010001u);
}

TEST(RtpReceiveStatistics, ALargeJumpIsRefusedUnlessTheNextPacketFollowsIt)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    feed(source, {10, 11});
    // A gap just under MAX_DROPOUT is loss.
    EXPECT_EQ(feed(source, {11 + 2999}), std::vector{RtpArrival::in_order});
    EXPECT_EQ(source.cumulative_lost(), 2998);
    // A gap of MAX_DROPOUT is a jump; the next packet in the old sequence shows it was not a
    // restart, and a jump that does not follow the first one is refused again.
    EXPECT_EQ(feed(source, {3010 + 3000, 3011, 3010 + 3002}),
              (std::vector{RtpArrival::jump, RtpArrival::in_order, RtpArrival::jump}));
    EXPECT_EQ(source.counters().bad, 2u);
    EXPECT_EQ(source.extended_highest_sequence(), 3011u);
    // Two in a row after the jump: the source restarted and its figures start over.
    EXPECT_EQ(feed(source, {40000, 40001, 40002}),
              (std::vector{RtpArrival::jump, RtpArrival::restarted, RtpArrival::in_order}));
    EXPECT_EQ(source.counters().restarts, 1u);
    EXPECT_EQ(source.expected(), 2);
    EXPECT_EQ(source.received(), 2);
    EXPECT_EQ(source.extended_highest_sequence(), 40002u);
    // MAX_MISORDER or more behind is a jump too, not a late packet.
    EXPECT_EQ(feed(source, {40002 - 100}), std::vector{RtpArrival::jump});
}

TEST(RtpReceiveStatistics, DuplicatesAndLatePacketsAreToldApart)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    const auto verdicts = feed(source, {10, 11, 12, 12, 14, 13, 13, 11, 14 - 99});
    EXPECT_EQ(verdicts, (std::vector{RtpArrival::probation, RtpArrival::in_order, RtpArrival::in_order,
                                     RtpArrival::duplicate, RtpArrival::in_order, RtpArrival::late,
                                     RtpArrival::duplicate, RtpArrival::duplicate, RtpArrival::late}));
    EXPECT_EQ(source.counters().duplicates, 3u);
    EXPECT_EQ(source.counters().late, 2u);
    EXPECT_EQ(source.counters().packets, 9u);
    // A.1 counts every valid packet, duplicates included, so loss goes negative.
    EXPECT_EQ(source.received(), 8);
    EXPECT_EQ(source.expected(), 4); // 11 .. 14
    EXPECT_EQ(source.cumulative_lost(), -4);
    const auto block = source.make_report_block(t0);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->cumulative_lost, -4);
    EXPECT_EQ(block->fraction_lost, 0);
}

TEST(RtpReceiveStatistics, LossAndFractionLostPerReportInterval)
{
    RtpReceiveStatistics source(0xABC, narrowband_rate);
    feed(source, {0, 1, 2, 3, 5, 6, 9, 10});
    auto block = source.make_report_block(t0);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->ssrc, 0xABCu);
    EXPECT_EQ(block->cumulative_lost, 3); // expected 1..10, received 7
    EXPECT_EQ(block->fraction_lost, 76);  // 3 * 256 / 10 = 76.8
    feed(source, {11, 12, 14, 15, 16, 18, 19, 20});
    block = source.make_report_block(t0);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->cumulative_lost, 5);
    EXPECT_EQ(block->fraction_lost, 51); // 2 * 256 / 10 = 51.2
    EXPECT_EQ(block->extended_highest_sequence, 20u);
    block = source.make_report_block(t0); // nothing new
    ASSERT_TRUE(block);
    EXPECT_EQ(block->cumulative_lost, 5);
    EXPECT_EQ(block->fraction_lost, 0);
    feed(source, {22, 23, 24, 25}); // 21 lost: 1 of 5
    block = source.make_report_block(t0);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->fraction_lost, 51); // 256 / 5 = 51.2
    EXPECT_EQ(block->cumulative_lost, 6);
}

TEST(RtpReceiveStatistics, JitterFollowsAppendixA8)
{
    // (sequence, timestamp, arrival in ms) at 8 kHz: 1 ms is 8 units. Transit
    // changes by 0, 80, 80, 0, 240 units; the integer estimate times 16 goes
    // 0, 80, 155, 145, 376, so the jitter reported is 0, 5, 9, 9, 23.
    struct Step {
        uint16_t sequence;
        uint32_t timestamp;
        int arrival_ms;
        uint32_t jitter;
    };
    const std::vector<Step> steps{{0, 0, 0, 0},    {1, 160, 20, 0},  {2, 320, 40, 0},  {3, 480, 70, 5},
                                  {4, 640, 80, 9}, {5, 800, 100, 9}, {6, 960, 150, 23}};
    for (const uint32_t offset : {0u, 0xFFFFFF00u}) { // the same with timestamps wrapping
        RtpReceiveStatistics source(1, narrowband_rate);
        double reference = 0; // the floating-point form of A.8
        std::optional<double> last_transit;
        for (const Step &step : steps) {
            source.on_packet(step.sequence, step.timestamp + offset, t0 + std::chrono::milliseconds(step.arrival_ms));
            EXPECT_EQ(source.jitter(), step.jitter) << "at sequence " << step.sequence << ", offset " << offset;
            if (step.sequence > 0) {
                const double transit = step.arrival_ms * 8.0 - step.timestamp;
                if (last_transit) {
                    reference += (std::abs(transit - *last_transit) - reference) / 16;
                }
                last_transit = transit;
            }
            EXPECT_NEAR(source.jitter(), reference, 1.0);
        }
        const auto block = source.make_report_block(t0 + 1s);
        ASSERT_TRUE(block);
        EXPECT_EQ(block->jitter, 23u);
    }
}

TEST(RtpReceiveStatistics, LateAndDuplicatePacketsLeaveTheJitterAlone)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    feed(source, {0, 1, 2, 3});
    EXPECT_EQ(source.jitter(), 0u);
    source.on_packet(2, 320, t0 + 500ms);
    source.on_packet(3, 480, t0 + 900ms);
    EXPECT_EQ(source.jitter(), 0u);
}

TEST(RtpReceiveStatistics, LastSrAndDelaySinceItComeFromTheSendersReport)
{
    RtpReceiveStatistics source(1, narrowband_rate);
    feed(source, {0, 1});
    auto block = source.make_report_block(t0);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->last_sr, 0u);
    EXPECT_EQ(block->delay_since_last_sr, 0u);

    source.on_sender_report(NtpTimestamp{0xE8A1B2C3, 0x80000000}, t0 + 10s);
    block = source.make_report_block(t0 + 10s + 1500ms);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->last_sr, 0xB2C38000u);
    EXPECT_EQ(block->delay_since_last_sr, 98304u); // 1.5 * 65536
    block = source.make_report_block(t0 + 10s + 250ms);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->delay_since_last_sr, 16384u);
}

} // namespace
} // namespace cordon::media
