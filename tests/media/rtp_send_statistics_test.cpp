#include "media/rtp_send_statistics.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "media/ntp_time.hpp"
#include "media/rtp_clock.hpp"

namespace cordon::media {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(NtpTime, WallClockBecomesNtp)
{
    const auto unix_epoch = std::chrono::system_clock::time_point{};
    EXPECT_EQ(to_ntp(unix_epoch), (NtpTimestamp{2208988800u, 0}));
    EXPECT_EQ(to_ntp(unix_epoch + 1500ms), (NtpTimestamp{2208988801u, 0x80000000}));
    EXPECT_EQ(to_ntp(unix_epoch + 250ms).fraction, 0x40000000u);
    EXPECT_EQ((NtpTimestamp{0x12345678, 0x9ABCDEF0}).compact(), 0x56789ABCu);
}

TEST(NtpTime, CompactDurations)
{
    EXPECT_EQ(to_compact_ntp(1s), 65536u);
    EXPECT_EQ(to_compact_ntp(1500ms), 98304u);
    EXPECT_EQ(to_compact_ntp(-5s), 0u);
    EXPECT_EQ(to_compact_ntp(std::chrono::hours(24)), UINT32_MAX); // saturates past ~18 h
    EXPECT_EQ(from_compact_ntp(98304), 1500ms);
    EXPECT_EQ(from_compact_ntp(1), 15us); // 15.26 us, rounded down
}

TEST(RtpClock, DurationsInTimestampUnits)
{
    EXPECT_EQ(to_rtp_units(20ms, 8000), 160u);
    EXPECT_EQ(to_rtp_units(20ms, 48000), 960u);
    EXPECT_EQ(to_rtp_units(std::chrono::hours(24), 48000), 4147200000u);
    EXPECT_EQ(to_rtp_units(std::chrono::hours(48), 48000), 3999432704u); // 8294400000 mod 2^32
    EXPECT_EQ(to_rtp_units(-1ms, 8000), 0xFFFFFFF8u);
}

TEST(RtpSendStatistics, SenderInfoNamesOneInstantOnBothClocks)
{
    RtpSendStatistics sent(8000);
    const Clock::time_point t0 = Clock::time_point{} + 100s;
    const NtpTimestamp wall{0xE8A1B2C3, 0x12345678};
    EXPECT_FALSE(sent.sender_info(wall, t0));
    sent.on_packet_sent(1000, 160, t0);
    sent.on_packet_sent(1160, 160, t0 + 20ms);
    const auto info = sent.sender_info(wall, t0 + 45ms);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->ntp, wall);
    EXPECT_EQ(info->rtp_timestamp, 1160u + 25 * 8);
    EXPECT_EQ(info->packet_count, 2u);
    EXPECT_EQ(info->octet_count, 320u);
    EXPECT_EQ(sent.last_sent(), t0 + 20ms);
}

TEST(RtpSendStatistics, CountsWrapOnTheWire)
{
    RtpSendStatistics sent(8000);
    const Clock::time_point t0 = Clock::time_point{} + 100s;
    sent.on_packet_sent(0, size_t{UINT32_MAX}, t0);
    sent.on_packet_sent(160, 2, t0 + 20ms);
    EXPECT_EQ(sent.octets_sent(), uint64_t{UINT32_MAX} + 2);
    EXPECT_EQ(sent.sender_info({}, t0 + 20ms)->octet_count, 1u);
}

TEST(RoundTripTime, ArrivalMinusLastSrMinusDelay)
{
    const auto sr_sent = std::chrono::system_clock::time_point{} + 1'700'000'000s;
    ReportBlock block;
    block.last_sr = to_ntp(sr_sent).compact();
    block.delay_since_last_sr = 98304; // the peer held it 1.5 s
    const auto rtt = round_trip_time(block, to_ntp(sr_sent + 1580ms));
    ASSERT_TRUE(rtt);
    EXPECT_NEAR(static_cast<double>(rtt->count()), 80000.0, 31.0); // compact NTP units are 15.3 us

    // Across the compact time's wrap (every 65536 s) the subtraction still holds.
    const auto near_wrap =
        std::chrono::system_clock::time_point{} + std::chrono::seconds(65536 * 26000 - 2208988800LL - 1);
    block.last_sr = to_ntp(near_wrap).compact();
    block.delay_since_last_sr = 65536;
    const auto wrapped = round_trip_time(block, to_ntp(near_wrap + 1200ms));
    ASSERT_TRUE(wrapped);
    EXPECT_NEAR(static_cast<double>(wrapped->count()), 200000.0, 31.0);
}

TEST(RoundTripTime, NoneWithoutAnSrOrWithImpossibleTimes)
{
    const NtpTimestamp arrival{0x00010000, 0};
    ReportBlock block;
    EXPECT_FALSE(round_trip_time(block, arrival)); // LSR 0: no SR received yet
    block.last_sr = arrival.compact() - 65536;     // one second before arrival
    block.delay_since_last_sr = 2 * 65536;         // but held for two
    EXPECT_FALSE(round_trip_time(block, arrival));
    block.last_sr = arrival.compact() + 65536; // after arrival
    block.delay_since_last_sr = 0;
    EXPECT_FALSE(round_trip_time(block, arrival));
    block.last_sr = arrival.compact() - 65536;
    block.delay_since_last_sr = 65536;
    EXPECT_EQ(round_trip_time(block, arrival), std::chrono::microseconds(0));
}

} // namespace
} // namespace cordon::media
