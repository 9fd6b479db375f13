// The hostile plugin whose name and vendor read other than they are stored
// (tests/sandbox/hostile, deceptive_text) through every display path of the
// `cordon` command: `plugins`, `plugins --json`, `plugin check` and its
// --json, and the log on stderr. Each is refused with the code point named,
// and no line of any output holds a control, an override or a byte that is
// not UTF-8.
#include <filesystem>
#include <sstream>
#include <string>

#include "core/display_text.hpp"
#include "tests/plugin_check/check_report.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

const fs::path deceptive_dir = fs::path(HOSTILE_PLUGIN_DIR) / "deceptive_text";
constexpr const char *refusal = "name contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)";

void expect_every_line_displayable(const std::string &output)
{
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        EXPECT_EQ(undisplayable_text_problem(line), std::nullopt) << line;
    }
}

TEST(HostileText, PluginsJsonIsValidAndNamesTheCodePoint)
{
    const ProcessResult result = cordon({"plugins", "--json", "--plugin-dir", deceptive_dir.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_every_line_displayable(result.out);
    expect_every_line_displayable(result.err);
    const auto list = nlohmann::json::parse(result.out); // throws on text that is not UTF-8
    ASSERT_EQ(list.size(), 1u) << result.out;
    EXPECT_EQ(list[0]["status"], "rejected") << result.out;
    EXPECT_NE(list[0]["reason"].get<std::string>().find(refusal), std::string::npos) << result.out;
    // What the plugin wrote while loading reached the log, escaped.
    EXPECT_NE(result.err.find("deceptive: \\u202Ecba \\u009B31m \\x9B31m zero\\u200Bwidth"), std::string::npos)
        << result.err;
}

TEST(HostileText, PluginsTableNamesTheCodePoint)
{
    const ProcessResult result = cordon({"plugins", "--plugin-dir", deceptive_dir.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    expect_every_line_displayable(result.out);
    expect_every_line_displayable(result.err);
    EXPECT_NE(result.out.find(refusal), std::string::npos) << result.out;
}

TEST(HostileText, PluginCheckFailsLoadingStringsInJsonAndText)
{
    const CheckRun run = check_plugin((deceptive_dir / "deceptive_text.so").string());
    EXPECT_EQ(run.process.exit_code, 1) << run.process.out << run.process.err;
    ASSERT_TRUE(run.report.is_object()) << run.process.out;
    expect_every_line_displayable(run.process.out);
    expect_every_line_displayable(run.process.err);
    const auto strings = run.result("loading.strings");
    EXPECT_EQ(strings["verdict"], "fail") << strings.dump();
    EXPECT_NE(strings["reason"].get<std::string>().find(refusal), std::string::npos) << strings.dump();

    const ProcessResult text = cordon(
        {"plugin", "check", (deceptive_dir / "deceptive_text.so").string(), "--fuzz-seconds", test_fuzz_seconds});
    EXPECT_EQ(text.exit_code, 1) << text.out << text.err;
    expect_every_line_displayable(text.out);
    expect_every_line_displayable(text.err);
    EXPECT_NE(text.out.find(refusal), std::string::npos) << text.out;
}

} // namespace
} // namespace cordon::test
