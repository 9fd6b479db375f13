// `cordon sip check`, run as a process over the torture messages and over
// files written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_helpers.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

const fs::path torture = fs::path(CORDON_TESTDATA_DIR) / "sip" / "rfc4475";

bool contains(const std::string &text, const std::string &fragment) { return text.find(fragment) != std::string::npos; }

TEST(CliSip, ValidFilesExitZeroWithOneLineEach)
{
    const std::string first = (torture / "valid" / "wsinv.dat").string();
    const std::string second = (torture / "valid" / "dblreq.dat").string();
    const ProcessResult result = cordon({"sip", "check", first, second});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, first + ": valid\n" + second + ": valid\n");
}

TEST(CliSip, AnInvalidFileExitsOneWithItsReason)
{
    const std::string valid = (torture / "valid" / "wsinv.dat").string();
    const std::string invalid = (torture / "invalid" / "mismatch01.dat").string();
    const ProcessResult result = cordon({"sip", "check", valid, invalid});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(contains(result.out, valid + ": valid\n")) << result.out;
    EXPECT_TRUE(contains(result.out, invalid + ": invalid: CSeq method")) << result.out;
}

TEST(CliSip, AMissingFileIsAnInvalidEntry)
{
    const ProcessResult result = cordon({"sip", "check", "/nonexistent/message.sip"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(contains(result.out, "/nonexistent/message.sip: invalid: cannot read: ")) << result.out;
}

TEST(CliSip, PrintsJson)
{
    ScratchDirectory scratch("sip-json");
    const auto junk = scratch.write("junk.sip", "not SIP at all\r\n\r\n");
    const std::string valid = (torture / "valid" / "noreason.dat").string();
    const ProcessResult result = cordon({"sip", "check", "--json", valid, junk.string()});
    EXPECT_EQ(result.exit_code, 1);
    const auto list = nlohmann::json::parse(result.out);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0]["file"], valid);
    EXPECT_EQ(list[0]["verdict"], "valid");
    EXPECT_TRUE(list[0]["reason"].is_null());
    EXPECT_EQ(list[1]["verdict"], "invalid");
    EXPECT_FALSE(list[1]["reason"].get<std::string>().empty());
}

TEST(CliSip, WritesNothingButItsReportToStdout)
{
    // libosip2 would print its parse errors to stdout; only the report may appear.
    const std::string invalid = (torture / "invalid" / "badinv01.dat").string();
    const ProcessResult result = cordon({"sip", "check", invalid});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
}

TEST(CliSip, WithoutFilesIsAUsageError)
{
    EXPECT_EQ(cordon({"sip", "check"}).exit_code, 2);
    EXPECT_EQ(cordon({"sip"}).exit_code, 2);
}

} // namespace
} // namespace cordon::test
