// Each hostile plugin of the sandbox suite fails `cordon plugin check` in
// the check where its deed shows, with the fault named. One ctest case per
// plugin, so they run in parallel.
#include <filesystem>

#include "tests/plugin_check/check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

struct HostileCase {
    const char *name;
    const char *check; // the check that fails
    const char *fault; // named in its reason (SandboxFault's to_string)
    // A runaway allocation meets the memory limit or, when touching the
    // pages outlasts the call deadline (a small VM, a sanitizer build
    // without RLIMIT_AS), the deadline first: either fault is right.
    const char *or_fault = nullptr;
};

void PrintTo(const HostileCase &hostile, std::ostream *out) { *out << hostile.name; }

class HostilePlugin : public testing::TestWithParam<HostileCase> {};

TEST_P(HostilePlugin, FailsTheRightCheckWithTheFaultNamed)
{
    const HostileCase &hostile = GetParam();
    const fs::path file = fs::path(HOSTILE_PLUGIN_DIR) / hostile.name / (std::string(hostile.name) + ".so");
    const CheckRun run = check_plugin(file.string());
    EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_FALSE(run.report["passed"].get<bool>());
    const auto result = run.result(hostile.check);
    ASSERT_FALSE(result.is_null()) << run.process.out;
    EXPECT_EQ(result["verdict"], "fail") << result.dump();
    const std::string reason = result["reason"];
    const bool named = reason.find(hostile.fault) != std::string::npos ||
                       (hostile.or_fault != nullptr && reason.find(hostile.or_fault) != std::string::npos);
    EXPECT_TRUE(named) << hostile.fault << " not in: " << reason;
    // Nothing before the failing check failed.
    for (const auto &earlier : run.report["results"]) {
        if (earlier["name"] == hostile.check) {
            break;
        }
        EXPECT_NE(earlier["verdict"], "fail") << earlier.dump();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Deeds, HostilePlugin,
    testing::Values(HostileCase{"segfault_encode", "sandbox.compatibility", "crash"},
                    HostileCase{"abort_create", "sandbox.compatibility", "crash"},
                    HostileCase{"overwrite_encode", "sandbox.compatibility", "crash"},
                    HostileCase{"lie_length_encode", "sandbox.compatibility", "contract violation"},
                    HostileCase{"unknown_status_encode", "sandbox.compatibility", "contract violation"},
                    HostileCase{"loop_encode", "sandbox.compatibility", "hang"},
                    HostileCase{"sleep_encode", "sandbox.compatibility", "hang"},
                    HostileCase{"allocate_encode", "sandbox.compatibility", "exhaustion", "hang"},
                    HostileCase{"fork_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"clone_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"exec_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"read_file_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"create_file_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"connect_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"signal_parent_encode", "sandbox.compatibility", "forbidden system call"},
                    HostileCase{"forge_reply_encode", "sandbox.compatibility", "protocol violation"},
                    HostileCase{"segfault_load", "loading.library", "crash"},
                    HostileCase{"loop_load", "loading.library", "hang"},
                    HostileCase{"allocate_load", "loading.library", "exhaustion", "hang"},
                    HostileCase{"fork_load", "loading.library", "forbidden system call"},
                    HostileCase{"exec_load", "loading.library", "forbidden system call"},
                    HostileCase{"create_file_load", "loading.library", "forbidden system call"},
                    HostileCase{"connect_load", "loading.library", "forbidden system call"},
                    HostileCase{"signal_parent_load", "loading.library", "forbidden system call"},
                    HostileCase{"deceptive_text", "loading.strings",
                                "name contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)"}),
    [](const testing::TestParamInfo<HostileCase> &param) { return std::string(param.param.name); });

// The honest build of the same source passes: the failures above are the
// deeds, not the codec.
TEST(HonestPlugin, Passes)
{
    const fs::path file = fs::path(HOSTILE_PLUGIN_DIR) / "honest" / "honest.so";
    const CheckRun run = check_plugin(file.string(), {}, true);
    EXPECT_EQ(run.process.exit_code, 0) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_FALSE(run.report["plugin"]["trusted"].get<bool>());
    EXPECT_EQ(run.result("sandbox.compatibility")["verdict"], "pass");
}

} // namespace
} // namespace cordon::test
