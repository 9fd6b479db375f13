// A codec whose bug only a fuzz finds (it crashes on an odd-length packet,
// which it never makes itself) passes sandbox compatibility and fails
// robustness.decode, with the input shown and written to --artifacts; the
// same seed finds the same input.
#include <filesystem>
#include <fstream>

#include "tests/plugin_check/check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

const fs::path plugin = fs::path(CORDON_TEST_FIXTURE_DIR) / "crash_odd_packet" / "crash_odd_packet.so";

TEST(RobustnessFailure, NamesTheInputAndKeepsItAsAnArtifact)
{
    ScratchDirectory artifacts("check-artifacts");
    const CheckRun run = check_plugin(plugin.string(), {"--seed", "5", "--artifacts", artifacts.path().string()}, true);
    EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    EXPECT_EQ(run.result("sandbox.compatibility")["verdict"], "pass");
    const auto decode = run.result("robustness.decode");
    EXPECT_EQ(decode["verdict"], "fail") << decode.dump();
    const std::string reason = decode["reason"];
    EXPECT_NE(reason.find("crash"), std::string::npos) << reason;
    EXPECT_NE(reason.find("-byte packet"), std::string::npos) << reason;
    const fs::path artifact = artifacts.path() / "robustness.decode.bin";
    ASSERT_TRUE(fs::exists(artifact)) << reason;
    EXPECT_EQ(fs::file_size(artifact) % 2, 1u) << "the artifact is not the odd-length packet";
    EXPECT_NE(reason.find(artifact.string()), std::string::npos) << reason;

    const CheckRun again = check_plugin(plugin.string(), {"--seed", "5"}, true);
    ASSERT_TRUE(again.report.is_object()) << again.process.out;
    const std::string again_reason = again.result("robustness.decode")["reason"];
    EXPECT_EQ(again_reason.substr(0, again_reason.find("; input written")),
              reason.substr(0, reason.find("; input written")));
}

} // namespace
} // namespace cordon::test
