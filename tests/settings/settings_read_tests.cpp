// Valid settings files: defaults, every setting, and the TOML spellings of them.
#include <gtest/gtest.h>

#include "tests/settings/settings_test_support.hpp"

namespace cordon {
namespace {

using std::filesystem::path;
using test::test_origin;

Settings parsed(std::string_view text, const path &origin = test_origin)
{
    Result<Settings> result = parse_settings(text, origin);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? std::move(result).value() : Settings{};
}

TEST(SettingsRead, EmptyTextGivesTheDefaults)
{
    const Result<Settings> result = parse_settings("", test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_FALSE(result->profile.refuse_md5);
    EXPECT_EQ(result->log_level, LogLevel::info);
    EXPECT_TRUE(result->plugin_directories.empty());
    EXPECT_TRUE(result->trusted_plugins.empty());
}

TEST(SettingsRead, CommentsAndEmptyTablesGiveTheDefaults)
{
    const Settings settings = parsed("# nothing set\n[log]\n[plugins]\n");
    EXPECT_EQ(settings.log_level, LogLevel::info);
    EXPECT_TRUE(settings.plugin_directories.empty());
    EXPECT_TRUE(settings.trusted_plugins.empty());
}

TEST(SettingsRead, EveryLogLevelIsRead)
{
    const std::pair<std::string_view, LogLevel> levels[] = {
        {"error", LogLevel::error},
        {"warning", LogLevel::warning},
        {"info", LogLevel::info},
        {"debug", LogLevel::debug},
    };
    for (const auto &[name, level] : levels) {
        const Settings settings = parsed("[log]\nlevel = \"" + std::string(name) + "\"\n");
        EXPECT_EQ(settings.log_level, level) << name;
    }
}

TEST(SettingsRead, EverySettingIsReadFromOneFile)
{
    const Settings settings = parsed(R"(
[auth]
refuse_md5 = true

[log]
level = "debug"

[plugins]
directories = ["/opt/cordon/plugins", "/usr/local/lib/cordon"]
trusted = ["/opt/cordon/plugins/libcodec-acme.so", "/srv/trusted"]
)");
    EXPECT_TRUE(settings.profile.refuse_md5);
    EXPECT_EQ(settings.log_level, LogLevel::debug);
    EXPECT_EQ(settings.plugin_directories, (std::vector<path>{"/opt/cordon/plugins", "/usr/local/lib/cordon"}));
    EXPECT_EQ(settings.trusted_plugins, (std::vector<path>{"/opt/cordon/plugins/libcodec-acme.so", "/srv/trusted"}));
}

TEST(SettingsRead, DottedKeysAndInlineTablesMeanTheSame)
{
    const Settings dotted = parsed("log.level = \"error\"\nplugins.trusted = [\"/a\"]\n");
    EXPECT_EQ(dotted.log_level, LogLevel::error);
    EXPECT_EQ(dotted.trusted_plugins, std::vector<path>{"/a"});

    const Settings inline_table = parsed("log = { level = \"warning\" }\nplugins = { directories = [\"/b\"] }\n");
    EXPECT_EQ(inline_table.log_level, LogLevel::warning);
    EXPECT_EQ(inline_table.plugin_directories, std::vector<path>{"/b"});
}

TEST(SettingsRead, RelativePathsResolveAgainstTheOriginsDirectory)
{
    const Settings settings = parsed(R"(
plugins.directories = ["plugins", "./more/", "../shared/cordon"]
plugins.trusted = ["plugins/libcodec-acme.so", "."]
)",
                                     "/etc/cordon/settings.toml");
    EXPECT_EQ(settings.plugin_directories,
              (std::vector<path>{"/etc/cordon/plugins", "/etc/cordon/more", "/etc/shared/cordon"}));
    EXPECT_EQ(settings.trusted_plugins, (std::vector<path>{"/etc/cordon/plugins/libcodec-acme.so", "/etc/cordon"}));
}

TEST(SettingsRead, RelativeOriginResolvesAgainstTheWorkingDirectory)
{
    const Settings settings = parsed("plugins.trusted = [\"lib\"]\n", "config/settings.toml");
    ASSERT_EQ(settings.trusted_plugins.size(), 1U);
    EXPECT_TRUE(settings.trusted_plugins[0].is_absolute());
    EXPECT_EQ(settings.trusted_plugins[0], std::filesystem::current_path() / "config" / "lib");
}

TEST(SettingsRead, AbsolutePathsAreKeptButNormalized)
{
    const Settings settings = parsed("plugins.directories = [\"/opt//cordon/./plugins/\"]\n");
    EXPECT_EQ(settings.plugin_directories, std::vector<path>{"/opt/cordon/plugins"});
}

TEST(SettingsRead, Utf8ByteOrderMarkAndCrlfLineEndsAreAccepted)
{
    const Settings settings = parsed("\xEF\xBB\xBF[log]\r\nlevel = \"debug\"\r\n");
    EXPECT_EQ(settings.log_level, LogLevel::debug);
}

TEST(SettingsRead, NonAsciiPathsAreKept)
{
    const Settings settings = parsed("plugins.trusted = [\"/opt/zürich/plugins\"]\n");
    EXPECT_EQ(settings.trusted_plugins, std::vector<path>{"/opt/zürich/plugins"});
}

} // namespace
} // namespace cordon
