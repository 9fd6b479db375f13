#include "media/rtcp_interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cordon::media {
namespace {

// A call at 64 kbit/s: RTCP gets 5%, 400 octets per second.
RtcpIntervalInputs two_party_call()
{
    RtcpIntervalInputs inputs;
    inputs.members = 2;
    inputs.senders = 2;
    inputs.rtcp_bandwidth_bytes_per_second = 64000 / 8 * rtcp_share_of_session_bandwidth;
    inputs.average_rtcp_size_bytes = 100;
    inputs.we_sent = true;
    return inputs;
}

double seconds(const RtcpIntervalInputs &inputs, double factor)
{
    const auto interval = rtcp_interval(inputs, factor);
    EXPECT_TRUE(interval.ok()) << interval.error().message;
    return interval.ok() ? interval->count() : -1;
}

TEST(RtcpInterval, ACallAtNormalBandwidthUsesTheMinimum)
{
    const double compensation = std::exp(1.0) - 1.5;
    EXPECT_NEAR(seconds(two_party_call(), 1.0), 5.0 / compensation, 1e-9);
    EXPECT_NEAR(seconds(two_party_call(), 0.5), 2.5 / compensation, 1e-9);
    EXPECT_NEAR(seconds(two_party_call(), 1.5), 7.5 / compensation, 1e-9);
    RtcpIntervalInputs first = two_party_call();
    first.initial = true;
    EXPECT_NEAR(seconds(first, 1.0), 2.5 / compensation, 1e-9);
}

TEST(RtcpInterval, LowBandwidthStretchesTheInterval)
{
    const double compensation = std::exp(1.0) - 1.5;
    RtcpIntervalInputs slow = two_party_call();
    slow.rtcp_bandwidth_bytes_per_second = 10;
    EXPECT_NEAR(seconds(slow, 1.0), 100.0 * 2 / 10 / compensation, 1e-9);
    // One sender among four: senders share a quarter of the bandwidth, receivers the rest.
    RtcpIntervalInputs conference = slow;
    conference.members = 4;
    conference.senders = 1;
    EXPECT_NEAR(seconds(conference, 1.0), 100.0 * 1 / (10 * 0.25) / compensation, 1e-9);
    conference.we_sent = false;
    EXPECT_NEAR(seconds(conference, 1.0), 100.0 * 3 / (10 * 0.75) / compensation, 1e-9);
}

TEST(RtcpInterval, RandomisedIntervalsStayWithinTheirBounds)
{
    const double compensation = std::exp(1.0) - 1.5;
    std::mt19937_64 engine(42);
    double shortest = 1e9, longest = 0;
    for (int i = 0; i < 10000; ++i) {
        const double factor = rtcp_random_factor(engine);
        ASSERT_GE(factor, rtcp_min_random_factor);
        ASSERT_LE(factor, rtcp_max_random_factor);
        const double interval = seconds(two_party_call(), factor);
        shortest = std::min(shortest, interval);
        longest = std::max(longest, interval);
    }
    EXPECT_GE(shortest, 2.5 / compensation);
    EXPECT_LE(longest, 7.5 / compensation);
    // The factor spreads the reports: both ends of the range are reached closely.
    EXPECT_LT(shortest, 2.5 / compensation + 0.01);
    EXPECT_GT(longest, 7.5 / compensation - 0.01);
}

TEST(RtcpInterval, NonsenseInputsAreRefused)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const double factor : {0.49, 1.51, nan}) {
        const auto refused = rtcp_interval(two_party_call(), factor);
        ASSERT_FALSE(refused.ok()) << factor;
        EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    }
    RtcpIntervalInputs no_members = two_party_call();
    no_members.members = 0;
    no_members.senders = 0;
    EXPECT_FALSE(rtcp_interval(no_members, 1.0).ok());
    RtcpIntervalInputs too_many_senders = two_party_call();
    too_many_senders.senders = 3;
    EXPECT_FALSE(rtcp_interval(too_many_senders, 1.0).ok());
    RtcpIntervalInputs no_bandwidth = two_party_call();
    no_bandwidth.rtcp_bandwidth_bytes_per_second = 0;
    EXPECT_FALSE(rtcp_interval(no_bandwidth, 1.0).ok());
    RtcpIntervalInputs infinite_size = two_party_call();
    infinite_size.average_rtcp_size_bytes = std::numeric_limits<double>::infinity();
    EXPECT_FALSE(rtcp_interval(infinite_size, 1.0).ok());
}

TEST(RtcpInterval, AverageSizeMovesASixteenthOfTheWay)
{
    EXPECT_DOUBLE_EQ(update_average_rtcp_size(100, 200), 106.25);
    EXPECT_DOUBLE_EQ(update_average_rtcp_size(100, 100), 100);
}

} // namespace
} // namespace cordon::media
