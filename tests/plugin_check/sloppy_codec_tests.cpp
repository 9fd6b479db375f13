// Each rule of the codec contract has a check that catches its breach: the
// honest build of sloppy_codec.c passes every raw check, and each careless
// build fails exactly the check of the rule it breaks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plugin_checker/conformance_check_names.hpp"
#include "plugin_checker/conformance_probe.hpp"

namespace cordon::plugin_check {
namespace {

std::vector<CheckResult> probe(const char *plugin)
{
    ConformanceProbeOptions options;
    options.executable = CORDON_PROBE_EXECUTABLE;
    options.deadline = std::chrono::seconds(30);
    return run_conformance_probe(plugin, options);
}

std::string describe(const std::vector<CheckResult> &results)
{
    std::string text;
    for (const CheckResult &result : results) {
        text += std::string("\n  ") + to_string(result.verdict) + " " + result.name + ": " + result.reason;
    }
    return text;
}

TEST(SloppyCodec, TheHonestBuildPassesEveryRawCheck)
{
    const std::vector<CheckResult> results = probe(SLOPPY_HONEST);
    ASSERT_EQ(results.size(), raw_conformance_check_names.size());
    for (const CheckResult &result : results) {
        EXPECT_EQ(result.verdict, Verdict::pass) << describe(results);
    }
}

struct Breach {
    const char *rule;
    const char *plugin;
    std::string_view failing_check;
    const char *reason_part;
};

void PrintTo(const Breach &breach, std::ostream *out) { *out << breach.rule; }

class SloppyBuild : public testing::TestWithParam<Breach> {};

TEST_P(SloppyBuild, FailsOnlyTheCheckOfTheRuleItBreaks)
{
    const Breach &breach = GetParam();
    const std::vector<CheckResult> results = probe(breach.plugin);
    ASSERT_EQ(results.size(), raw_conformance_check_names.size());
    for (const CheckResult &result : results) {
        if (result.name == breach.failing_check) {
            EXPECT_EQ(result.verdict, Verdict::fail) << describe(results);
            EXPECT_NE(result.reason.find(breach.reason_part), std::string::npos) << describe(results);
        } else if (result.verdict != Verdict::skip) { // after a crash the rest is skipped
            EXPECT_EQ(result.verdict, Verdict::pass) << describe(results);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rules, SloppyBuild,
    testing::Values(Breach{"accepts_unknown_params", SLOPPY_ACCEPTS_UNKNOWN_PARAMS, check_name::foreign_configurations,
                           "an unknown fmtp parameter was accepted"},
                    Breach{"ignores_info_struct_size", SLOPPY_IGNORES_INFO_STRUCT_SIZE, check_name::capacities,
                           "of an info struct whose struct_size is 4"},
                    Breach{"drops_frame_when_short", SLOPPY_DROPS_FRAME_WHEN_SHORT, check_name::small_buffers,
                           "encode into 0 bytes: status 0"},
                    Breach{"accepts_wrong_frame_size", SLOPPY_ACCEPTS_WRONG_FRAME_SIZE, check_name::arguments,
                           "samples (a frame is 160)"},
                    Breach{"reset_keeps_state", SLOPPY_RESET_KEEPS_STATE, check_name::reset, "survived reset"},
                    Breach{"conceals_one_sample_too_many", SLOPPY_CONCEALS_ONE_SAMPLE_TOO_MANY, check_name::concealment,
                           "written past the frame"},
                    Breach{"trusts_packet_length", SLOPPY_TRUSTS_PACKET_LENGTH, check_name::malformed_packets,
                           "random packet"}),
    [](const testing::TestParamInfo<Breach> &param) { return std::string(param.param.rule); });

} // namespace
} // namespace cordon::plugin_check
