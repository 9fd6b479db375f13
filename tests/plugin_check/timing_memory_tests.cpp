#include <gtest/gtest.h>

#include "plugin_checker/memory_check.hpp"
#include "plugin_checker/timing_check.hpp"

namespace cordon::plugin_check {
namespace {

using std::chrono::milliseconds;

ConfigurationTiming timing(const char *name, double factor, milliseconds worst, milliseconds deadline)
{
    return {name, factor, worst, deadline};
}

TEST(TimingVerdict, PassesFastConfigurationsFarFromTheDeadline)
{
    const CheckResult result = timing_verdict(
        {timing("a", 200, milliseconds(1), milliseconds(40)), timing("b", 50, milliseconds(2), milliseconds(20))});
    EXPECT_EQ(result.verdict, Verdict::pass) << result.reason;
    ASSERT_EQ(result.figures.size(), 3u);
    EXPECT_EQ(result.figures[0].value, 50);  // the slowest factor
    EXPECT_EQ(result.figures[1].value, 2.0); // b's worst call is the larger share
}

TEST(TimingVerdict, FailsUnderTheRequiredFactor)
{
    const CheckResult result =
        timing_verdict({timing("a", 200, milliseconds(1), milliseconds(40)),
                        timing("slow", required_realtime_factor - 0.5, milliseconds(1), milliseconds(40))});
    EXPECT_EQ(result.verdict, Verdict::fail);
    EXPECT_NE(result.reason.find("slow"), std::string::npos) << result.reason;
}

TEST(TimingVerdict, WarnsUnderTheComfortableFactor)
{
    const CheckResult result =
        timing_verdict({timing("a", 200, milliseconds(1), milliseconds(40)),
                        timing("busy", comfortable_realtime_factor - 0.5, milliseconds(1), milliseconds(40))});
    EXPECT_EQ(result.verdict, Verdict::warn);
    EXPECT_NE(result.reason.find("ten calls"), std::string::npos) << result.reason;
}

TEST(TimingVerdict, FailsNearTheDeadline)
{
    const milliseconds deadline(40);
    const auto near = milliseconds(static_cast<int64_t>(40 * max_deadline_share) + 1);
    const CheckResult result = timing_verdict({timing("tight", 100, near, deadline)});
    EXPECT_EQ(result.verdict, Verdict::fail);
    EXPECT_NE(result.reason.find("deadline"), std::string::npos) << result.reason;
    const auto within = milliseconds(static_cast<int64_t>(40 * max_deadline_share) - 1);
    EXPECT_EQ(timing_verdict({timing("fine", 100, within, deadline)}).verdict, Verdict::pass);
}

TEST(TimingVerdict, NothingMeasuredIsASkip) { EXPECT_EQ(timing_verdict({}).verdict, Verdict::skip); }

TEST(CallDeadline, IsTheSandboxRule)
{
    SandboxLimits limits;
    CodecConfig config;
    config.frame_duration_us = 60000;
    EXPECT_EQ(call_deadline(limits, config), milliseconds(120));
    config.frame_duration_us = 2500;
    EXPECT_EQ(call_deadline(limits, config), minimum_auto_call_deadline);
    limits.call_deadline = milliseconds(7);
    EXPECT_EQ(call_deadline(limits, config), milliseconds(7));
}

TEST(PeakResident, ReadsVmHwmAndNothingElse)
{
    EXPECT_EQ(peak_resident_kib("Name:\tcordon-sandbox\nVmPeak:\t  9000 kB\nVmHWM:\t    3200 kB\n"), 3200u);
    EXPECT_FALSE(peak_resident_kib("VmPeak:\t9000 kB\n"));
    EXPECT_FALSE(peak_resident_kib("VmHWM:\t12 MB\n"));
    EXPECT_FALSE(peak_resident_kib("VmHWM:\t99999999999999999999999 kB\n"));
}

TEST(MemoryVerdict, FailsAboveHalfTheLimit)
{
    const uint64_t limit = uint64_t{64} << 20;
    EXPECT_EQ(memory_verdict(1024, limit).verdict, Verdict::pass);
    EXPECT_EQ(memory_verdict(32 * 1024 + 1, limit).verdict, Verdict::fail);
    EXPECT_EQ(memory_verdict(std::nullopt, limit).verdict, Verdict::skip);
}

} // namespace
} // namespace cordon::plugin_check

namespace cordon::plugin_check {
namespace {

TEST(TimingAcceptable, NeedsBothTheFactorAndTheMargin)
{
    const std::chrono::milliseconds deadline(40);
    EXPECT_TRUE(timing_acceptable({"a", comfortable_realtime_factor, std::chrono::milliseconds(20), deadline}));
    EXPECT_FALSE(timing_acceptable({"b", comfortable_realtime_factor - 0.1, std::chrono::milliseconds(1), deadline}));
    EXPECT_FALSE(timing_acceptable({"c", 100, std::chrono::milliseconds(21), deadline}));
}

} // namespace
} // namespace cordon::plugin_check
