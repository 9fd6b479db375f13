// load_settings: the file on disk, its size limit, and what the OS says when
// it cannot be read.

#include <gtest/gtest.h>

#include "tests/settings/settings_test_support.hpp"
#include "tests/settings/temporary_directory.hpp"

namespace cordon {
namespace {

using std::filesystem::path;
using test::TemporaryDirectory;

TEST(SettingsFile, ReadsAFile)
{
    const TemporaryDirectory directory;
    const path file = directory.write("cordon.toml", "[log]\nlevel = \"warning\"\n");
    const Result<Settings> result = load_settings(file);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->log_level, LogLevel::warning);
}

TEST(SettingsFile, EmptyFileGivesTheDefaults)
{
    const TemporaryDirectory directory;
    const Result<Settings> result = load_settings(directory.write("cordon.toml", ""));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->log_level, LogLevel::info);
    EXPECT_TRUE(result->plugin_directories.empty());
    EXPECT_TRUE(result->trusted_plugins.empty());
}

TEST(SettingsFile, RelativePathsResolveAgainstTheFilesDirectory)
{
    const TemporaryDirectory directory;
    const path file = directory.write("etc/cordon.toml", "plugins.directories = [\"plugins\", \"../lib\"]\n"
                                                         "plugins.trusted = [\"plugins/libcodec-acme.so\"]\n");
    const Result<Settings> result = load_settings(file);
    ASSERT_TRUE(result.ok()) << result.error().message;
    const path base = directory.path().lexically_normal();
    EXPECT_EQ(result->plugin_directories, (std::vector<path>{base / "etc" / "plugins", base / "lib"}));
    EXPECT_EQ(result->trusted_plugins, std::vector<path>{base / "etc" / "plugins" / "libcodec-acme.so"});
}

TEST(SettingsFile, MissingFileIsNotFoundAndNamesTheFileAndReason)
{
    const TemporaryDirectory directory;
    const path missing = directory.path() / "absent.toml";
    const Result<Settings> result = load_settings(missing);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::not_found);
    EXPECT_EQ(result.error().message, missing.string() + ": cannot read settings file: No such file or directory");
}

TEST(SettingsFile, DirectoryIsAnIoError)
{
    const TemporaryDirectory directory;
    const Result<Settings> result = load_settings(directory.path());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::io);
    EXPECT_EQ(result.error().message, directory.path().string() + ": cannot read settings file: Is a directory");
}

TEST(SettingsFile, PathThroughAFileGivesTheOsReason)
{
    const TemporaryDirectory directory;
    const path not_a_directory = directory.write("plain", "");
    const Result<Settings> result = load_settings(not_a_directory / "cordon.toml");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::io);
    EXPECT_EQ(result.error().message,
              (not_a_directory / "cordon.toml").string() + ": cannot read settings file: Not a directory");
}

TEST(SettingsFile, UnopenableFileGivesTheOsReason)
{
    // A path through a regular file fails to open for everyone, root included
    // (a permission test would be skipped under CI, which runs as root).
    const TemporaryDirectory directory;
    const path file = directory.write("plain.toml", "") / "settings.toml";
    const Result<Settings> result = load_settings(file);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::io);
    EXPECT_EQ(result.error().message, file.string() + ": cannot read settings file: Not a directory");
}

TEST(SettingsFile, FileAtTheSizeLimitIsRead)
{
    const TemporaryDirectory directory;
    std::string text = "log.level = \"debug\"\n";
    text += std::string(max_settings_file_bytes - text.size() - 1, '#') + "\n"; // one long comment
    ASSERT_EQ(text.size(), max_settings_file_bytes);
    const Result<Settings> result = load_settings(directory.write("big.toml", text));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->log_level, LogLevel::debug);
}

TEST(SettingsFile, FileOverTheSizeLimitIsRefusedUnparsed)
{
    const TemporaryDirectory directory;
    // Not TOML at all: had it been parsed, the error would be a syntax error.
    const path file = directory.write("huge.toml", std::string(max_settings_file_bytes + 1, '='));
    const Result<Settings> result = load_settings(file);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::config);
    EXPECT_EQ(result.error().message, file.string() + ": settings file is larger than the limit of " +
                                          std::to_string(max_settings_file_bytes) + " bytes");
}

TEST(SettingsFile, EndlessStreamIsCutAtTheSizeLimit)
{
    const path endless = "/dev/zero";
    if (!std::filesystem::exists(endless))
        GTEST_SKIP() << "no /dev/zero";
    const Result<Settings> result = load_settings(endless);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::config);
    EXPECT_NE(result.error().message.find("larger than the limit"), std::string::npos) << result.error().message;
}

TEST(SettingsFile, ErrorsInAFileNameTheFile)
{
    const TemporaryDirectory directory;
    const path file = directory.write("bad.toml", "\n[log]\nlevel = \"loud\"\n");
    const Result<Settings> result = load_settings(file);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::config);
    EXPECT_TRUE(result.error().message.starts_with(file.string() + ":3:9: log.level: ")) << result.error().message;
}

TEST(SettingsParse, TextOverTheSizeLimitIsRefused)
{
    const Result<Settings> result = parse_settings(std::string(max_settings_file_bytes + 1, ' '), "big");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::config);
    EXPECT_TRUE(result.error().message.starts_with("big: settings are ")) << result.error().message;
}

} // namespace
} // namespace cordon
