// What is not a plugin file gets the usage exit code (2) and one line
// saying why, never a crash and never a report.
#include <filesystem>
#include <fstream>

#include "tests/plugin_check/check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

constexpr int usage_exit = 2;
constexpr size_t truncated_bytes = 200;

void expect_refused(const std::string &path, const std::string &why)
{
    const CheckRun run = check_plugin(path);
    EXPECT_EQ(run.process.exit_code, usage_exit) << run.process.out << run.process.err;
    EXPECT_TRUE(run.process.out.empty()) << run.process.out;
    EXPECT_NE(run.process.err.find("not a plugin file to check"), std::string::npos) << run.process.err;
    EXPECT_NE(run.process.err.find(why), std::string::npos) << run.process.err;
}

TEST(NotAPlugin, AMissingFile) { expect_refused("/nonexistent/cordon-plugin.so", "no such file"); }

TEST(NotAPlugin, ADirectory)
{
    ScratchDirectory directory("check-directory");
    expect_refused(directory.path().string(), "is a directory");
}

TEST(NotAPlugin, AnEmptyFile)
{
    ScratchDirectory directory("check-empty");
    expect_refused(directory.write("empty.so", "").string(), "is empty");
}

TEST(NotAPlugin, AText)
{
    expect_refused((fs::path(CORDON_TEST_FIXTURE_DIR) / "not_a_library" / "not_a_library.so").string(),
                   "not an ELF file");
}

TEST(NotAPlugin, ATruncatedElf)
{
    ScratchDirectory directory("check-truncated");
    std::ifstream good(fs::path(CORDON_TEST_FIXTURE_DIR) / "good" / "good.so", std::ios::binary);
    std::string head(truncated_bytes, '\0');
    good.read(head.data(), static_cast<std::streamsize>(head.size()));
    ASSERT_EQ(good.gcount(), static_cast<std::streamsize>(truncated_bytes));
    expect_refused(directory.write("truncated.so", head).string(), "truncated ELF");
}

TEST(NotAPlugin, NoPathIsAUsageError)
{
    const ProcessResult result = cordon({"plugin", "check"});
    EXPECT_EQ(result.exit_code, usage_exit) << result.err;
}

TEST(NotAPlugin, HelpNamesTheExitCodes)
{
    const ProcessResult result = cordon({"plugin", "check", "--help"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("2 usage error"), std::string::npos) << result.out;
}

} // namespace
} // namespace cordon::test
