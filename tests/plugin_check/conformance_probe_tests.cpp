// The codec conformance checks run by cordon-plugin-probe, against the real
// probe process: Cordon's own codecs pass every one; the hostile plugins of
// the sandbox suite fail the check they break, with how they broke it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "plugin_checker/conformance_check_names.hpp"
#include "plugin_checker/conformance_probe.hpp"

namespace cordon::plugin_check {
namespace {

std::string describe(const std::vector<CheckResult> &results)
{
    std::string text;
    for (const CheckResult &result : results) {
        text += std::string("\n  ") + to_string(result.verdict) + " " + result.name + ": " + result.reason;
    }
    return text;
}

const CheckResult *find(const std::vector<CheckResult> &results, std::string_view name)
{
    const auto found =
        std::find_if(results.begin(), results.end(), [name](const CheckResult &result) { return result.name == name; });
    return found == results.end() ? nullptr : &*found;
}

ConformanceProbeOptions probe_options()
{
    ConformanceProbeOptions options;
    options.executable = CORDON_PROBE_EXECUTABLE;
    options.deadline = std::chrono::seconds(60); // three built-in codecs under sanitizers
    return options;
}

class BuiltinCodec : public testing::TestWithParam<const char *> {};

TEST_P(BuiltinCodec, PassesEveryRawCheck)
{
    const std::vector<CheckResult> results =
        run_conformance_probe(std::string(CORDON_BUILTIN_PLUGIN_DIR) + "/" + GetParam() + ".so", probe_options());
    ASSERT_EQ(results.size(), raw_conformance_check_names.size()) << describe(results);
    for (size_t i = 0; i < results.size(); ++i) {
        EXPECT_EQ(results[i].name, raw_conformance_check_names[i]);
        EXPECT_EQ(results[i].verdict, Verdict::pass) << describe(results);
        ASSERT_FALSE(results[i].figures.empty()) << results[i].name;
        EXPECT_EQ(results[i].figures.front().name, "configurations");
        EXPECT_GE(results[i].figures.front().value, 1.0);
    }
}

INSTANTIATE_TEST_SUITE_P(Codecs, BuiltinCodec,
                         testing::Values("cordon-codec-g711", "cordon-codec-opus", "cordon-codec-speex"),
                         [](const testing::TestParamInfo<const char *> &param) {
                             std::string name = param.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

struct HostileCase {
    const char *name;
    const char *path;
    std::string_view failing_check;
    const char *reason_part;
};

void PrintTo(const HostileCase &hostile, std::ostream *out) { *out << hostile.name; }

class HostilePlugin : public testing::TestWithParam<HostileCase> {};

// The hostile codec's honest part is no model either (it takes unknown fmtp
// parameters), so only the check its deed breaks is asserted.
TEST_P(HostilePlugin, FailsTheCheckItBreaksWithHowItBrokeIt)
{
    const HostileCase &hostile = GetParam();
    ConformanceProbeOptions options = probe_options();
    options.deadline = std::chrono::seconds(5); // the hanging cases end here
    const std::vector<CheckResult> results = run_conformance_probe(hostile.path, options);
    ASSERT_EQ(results.size(), raw_conformance_check_names.size()) << describe(results);
    const CheckResult *failed = find(results, hostile.failing_check);
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->verdict, Verdict::fail) << describe(results);
    EXPECT_NE(failed->reason.find(hostile.reason_part), std::string::npos) << describe(results);
    // Once the probe died, nothing after the check ran.
    const bool probe_died = failed->reason.find("ended the probe") != std::string::npos ||
                            failed->reason.find("could not run") != std::string::npos;
    bool after = false;
    for (const CheckResult &result : results) {
        if (after && probe_died) {
            EXPECT_EQ(result.verdict, Verdict::skip) << describe(results);
        }
        after = after || result.name == hostile.failing_check;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Deeds, HostilePlugin,
    testing::Values(
        HostileCase{"segfault_encode", HOSTILE_SEGFAULT_ENCODE, check_name::capacities, "killed by SIGSEGV"},
        HostileCase{"loop_encode", HOSTILE_LOOP_ENCODE, check_name::capacities, "hung"},
        // Its pipes closed, it is still running: the deadline ends it.
        HostileCase{"hang_up_encode", HOSTILE_HANG_UP_ENCODE, check_name::capacities, "hung"},
        // It writes far past the packet: the probe's heap, not only the canary.
        HostileCase{"overwrite_encode", HOSTILE_OVERWRITE_ENCODE, check_name::capacities, "killed by SIGSEGV"},
        HostileCase{"lie_length_encode", HOSTILE_LIE_LENGTH_ENCODE, check_name::capacities,
                    "wrote past max_packet_bytes"},
        HostileCase{"unknown_status_encode", HOSTILE_UNKNOWN_STATUS_ENCODE, check_name::capacities, "status 77"},
        // The probe has no listener: the kernel kills at the refused call,
        // and the result says so without naming it (only the sandbox can).
        HostileCase{"connect_encode", HOSTILE_CONNECT_ENCODE, check_name::capacities,
                    "killed by SIGSYS (its seccomp filter stopped a forbidden system call)"},
        HostileCase{"abort_create", HOSTILE_ABORT_CREATE, check_name::configurations, "killed by SIGABRT"},
        HostileCase{"create_file_load", HOSTILE_CREATE_FILE_LOAD, check_name::configurations,
                    "could not run the plugin: it was killed by SIGSYS (its seccomp filter stopped a forbidden "
                    "system call)"}),
    [](const testing::TestParamInfo<HostileCase> &param) { return std::string(param.param.name); });

// Results the probe reports are the plugin's to forge; the order they come in
// is the probe's, so a result written in among them shows, and none of the
// report is believed.
TEST(ConformanceProbe, AReportThePluginWroteIntoFailsEveryCheck)
{
    ConformanceProbeOptions options = probe_options();
    const std::vector<CheckResult> results = run_conformance_probe(HOSTILE_FORGE_REPORT_ENCODE, options);
    ASSERT_EQ(results.size(), raw_conformance_check_names.size()) << describe(results);
    for (const CheckResult &result : results) {
        EXPECT_EQ(result.verdict, Verdict::fail) << describe(results);
        EXPECT_EQ(result.evidence, Evidence::host) << describe(results);
        EXPECT_NE(result.reason.find("written to from inside the plugin's process"), std::string::npos)
            << describe(results);
    }
}

// What the probe reports is marked as such; what the host saw itself is not.
TEST(ConformanceProbe, ResultsSayWhoSawThem)
{
    const std::vector<CheckResult> reported =
        run_conformance_probe(std::string(CORDON_BUILTIN_PLUGIN_DIR) + "/cordon-codec-g711.so", probe_options());
    ASSERT_FALSE(reported.empty());
    for (const CheckResult &result : reported) {
        EXPECT_EQ(result.evidence, Evidence::plugin_process) << result.name;
    }
    ConformanceProbeOptions options = probe_options();
    options.deadline = std::chrono::seconds(5);
    const std::vector<CheckResult> crashed = run_conformance_probe(HOSTILE_SEGFAULT_ENCODE, options);
    const CheckResult *killed = find(crashed, check_name::capacities);
    ASSERT_NE(killed, nullptr);
    EXPECT_EQ(killed->evidence, Evidence::host) << "the wait status is the host's to read: " << killed->reason;
}

// The checker's own tool missing leaves the plugin unchecked, which must
// never read as passed.
TEST(ConformanceProbe, AMissingProbeFailsEveryCheckAsNotChecked)
{
    ConformanceProbeOptions options;
    options.executable = "/nonexistent/cordon-plugin-probe";
    const std::vector<CheckResult> results =
        run_conformance_probe(std::string(CORDON_BUILTIN_PLUGIN_DIR) + "/cordon-codec-g711.so", options);
    ASSERT_EQ(results.size(), raw_conformance_check_names.size());
    for (const CheckResult &result : results) {
        EXPECT_EQ(result.verdict, Verdict::fail);
        EXPECT_TRUE(result.reason.starts_with("not checked: ")) << result.reason;
        EXPECT_NE(result.reason.find("/nonexistent/cordon-plugin-probe"), std::string::npos) << result.reason;
    }
    EXPECT_FALSE(passed(results));
}

TEST(ConformanceProbe, ANonPluginFileFailsTheFirstCheckWithTheLoadersReason)
{
    const std::vector<CheckResult> results = run_conformance_probe(CORDON_PROBE_EXECUTABLE, probe_options());
    ASSERT_FALSE(results.empty());
    EXPECT_EQ(results.front().verdict, Verdict::fail);
    EXPECT_NE(results.front().reason.find("could not run the plugin"), std::string::npos) << describe(results);
}

} // namespace
} // namespace cordon::plugin_check
