// Settings files with mistakes: each kind of problem, its position, and all
// problems of a file reported together.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/settings/settings_test_support.hpp"

namespace cordon {
namespace {

using test::error_lines;
using ::testing::ElementsAre;

TEST(SettingsErrors, AnyProblemGivesAConfigErrorAndNoSettings)
{
    const Result<Settings> result = parse_settings("[log]\nlevel = \"loud\"\n", test::test_origin);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::config);
}

TEST(SettingsErrors, UnknownKeySuggestsTheClosestKnownKey)
{
    EXPECT_THAT(error_lines("[log]\nlevle = \"debug\"\n"),
                ElementsAre("/etc/cordon/settings.toml:2:1: log.levle: unknown setting; did you mean log.level?"));
    EXPECT_THAT(error_lines("plugins.trusts = []\n"),
                ElementsAre("/etc/cordon/settings.toml:1:9: plugins.trusts: unknown setting; did you mean "
                            "plugins.trusted?"));
}

TEST(SettingsErrors, UnknownKeyInTheWrongTableSuggestsTheSettingOfThatName)
{
    EXPECT_THAT(error_lines("[log]\ndirectories = []\n"),
                ElementsAre("/etc/cordon/settings.toml:2:1: log.directories: unknown setting; did you mean "
                            "plugins.directories?"));
}

TEST(SettingsErrors, UnknownKeyFarFromEveryKnownKeyHasNoSuggestion)
{
    EXPECT_THAT(error_lines("[log]\ncolour = true\n"),
                ElementsAre("/etc/cordon/settings.toml:2:1: log.colour: unknown setting"));
}

TEST(SettingsErrors, UnknownTableIsOneProblemWithASuggestion)
{
    EXPECT_THAT(error_lines("[plugin]\ntrusted = [\"/a\"]\ndirectories = []\n"),
                ElementsAre("/etc/cordon/settings.toml:1:2: plugin: unknown table; did you mean [plugins]?"));
    EXPECT_THAT(error_lines("[network.tls]\nverify = false\n"),
                ElementsAre("/etc/cordon/settings.toml:1:2: network: unknown table"));
}

TEST(SettingsErrors, UnknownTopLevelKey)
{
    EXPECT_THAT(error_lines("level = \"info\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:1: level: unknown setting"));
}

TEST(SettingsErrors, QuotedKeyThatLooksDottedIsNotTheSetting)
{
    // "log.level" is one key with a dot in it, not the table log with the key level.
    EXPECT_THAT(error_lines("\"log.level\" = \"debug\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:1: \"log.level\": unknown setting; did you mean "
                            "log.level?"));
    EXPECT_THAT(error_lines("[\"plugins\"]\n\"trusted.\" = []\n"),
                ElementsAre("/etc/cordon/settings.toml:2:1: plugins.\"trusted.\": unknown setting"));
}

TEST(SettingsErrors, WrongTypes)
{
    EXPECT_THAT(error_lines("log.level = 3\n"),
                ElementsAre("/etc/cordon/settings.toml:1:13: log.level: expected a string, found an integer"));
    EXPECT_THAT(error_lines("plugins.trusted = \"/opt/a\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:19: plugins.trusted: expected an array of paths "
                            "(strings), found a string"));
    EXPECT_THAT(error_lines("plugins.directories = [\"/a\", 7]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:30: plugins.directories: entry 2: expected a string, "
                            "found an integer"));
    EXPECT_THAT(error_lines("log = \"debug\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:7: log: expected a table, found a string"));
    EXPECT_THAT(error_lines("[log.level]\nname = \"debug\"\n"),
                ElementsAre("/etc/cordon/settings.toml:1:1: log.level: expected a string, found a table"));
}

TEST(SettingsErrors, ValueOutsideTheAllowedSet)
{
    EXPECT_THAT(error_lines("[log]\nlevel = \"INFO\"\n"),
                ElementsAre("/etc/cordon/settings.toml:2:9: log.level: \"INFO\" is not one of \"error\", "
                            "\"warning\", \"info\", \"debug\""));
}

TEST(SettingsErrors, EmptyRepeatedAndHomeRelativePathsAreRefused)
{
    EXPECT_THAT(error_lines("plugins.trusted = [\"\"]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:20: plugins.trusted: entry 1: a path must not be empty"));
    EXPECT_THAT(error_lines("plugins.directories = [\"plugins\", \"/etc/cordon/plugins/\"]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:35: plugins.directories: entry 2: repeats entry 1 "
                            "(\"/etc/cordon/plugins\")"));
    EXPECT_THAT(error_lines("plugins.trusted = [\"~/plugins\"]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:20: plugins.trusted: entry 1: \"~\" is not expanded "
                            "here; write the full path"));
}

TEST(SettingsErrors, ControlCharactersInValuesAreRefused)
{
    // An escaped NUL would cut the path short when the OS reads it.
    EXPECT_THAT(error_lines("plugins.trusted = [\"/opt/a\\u0000.so\"]\n"),
                ElementsAre("/etc/cordon/settings.toml:1:20: plugins.trusted: entry 1: contains a control "
                            "character, which no setting accepts"));
    EXPECT_FALSE(error_lines("log.level = \"info\\n\"\n").empty());
}

TEST(SettingsErrors, SyntaxErrorGivesTomlsDescriptionAndPosition)
{
    const std::vector<std::string> lines = error_lines("[log]\nlevel = \n");
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines[0].starts_with("/etc/cordon/settings.toml:2:9: ")) << lines[0];
    EXPECT_NE(lines[0].find("expected value"), std::string::npos) << lines[0];
}

TEST(SettingsErrors, RedefinedKeyIsASyntaxError)
{
    const std::vector<std::string> lines = error_lines("[log]\nlevel = \"info\"\nlevel = \"debug\"\n");
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines[0].starts_with("/etc/cordon/settings.toml:3:")) << lines[0];
}

TEST(SettingsErrors, EveryProblemIsReportedInFileOrder)
{
    const std::vector<std::string> lines = error_lines(R"([plugins]
trusted = ["a", "", "a"]
colour = true
directories = "not-a-list"

[log]
level = "loud"
)");
    EXPECT_THAT(lines, ElementsAre("/etc/cordon/settings.toml:2:17: plugins.trusted: entry 2: a path must not be empty",
                                   "/etc/cordon/settings.toml:2:21: plugins.trusted: entry 3: repeats entry 1 "
                                   "(\"/etc/cordon/a\")",
                                   "/etc/cordon/settings.toml:3:1: plugins.colour: unknown setting",
                                   "/etc/cordon/settings.toml:4:15: plugins.directories: expected an array of paths "
                                   "(strings), found a string",
                                   "/etc/cordon/settings.toml:7:9: log.level: \"loud\" is not one of \"error\", "
                                   "\"warning\", \"info\", \"debug\""));
}

TEST(SettingsErrors, ManyProblemsAreCappedWithACount)
{
    std::string text;
    constexpr int unknown_keys = 500;
    for (int i = 0; i < unknown_keys; ++i)
        text += "unknown" + std::to_string(i) + " = 1\n";
    const std::vector<std::string> lines = error_lines(text);
    ASSERT_GT(lines.size(), 1U);
    ASSERT_LT(lines.size(), 100U);
    EXPECT_EQ(lines.front(), "/etc/cordon/settings.toml:1:1: unknown0: unknown setting");
    EXPECT_EQ(lines.back(),
              "/etc/cordon/settings.toml: and " + std::to_string(unknown_keys - (lines.size() - 1)) + " more problems");
}

TEST(SettingsErrors, LongValuesAreShortenedInMessages)
{
    const std::string long_level(10000, 'x');
    const std::vector<std::string> lines = error_lines("log.level = \"" + long_level + "\"\n");
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_LT(lines[0].size(), 300U);
    EXPECT_NE(lines[0].find("…"), std::string::npos);
}

TEST(SettingsErrors, OriginNamesTheTextInEveryLine)
{
    const std::vector<std::string> lines = error_lines("a = 1\nb = 2\n", "inline settings");
    ASSERT_EQ(lines.size(), 2U);
    for (const std::string &line : lines)
        EXPECT_TRUE(line.starts_with("inline settings:")) << line;
}

} // namespace
} // namespace cordon
