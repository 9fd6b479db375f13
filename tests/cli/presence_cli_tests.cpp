// `cordon presence` command lines that are wrong, refused before anything is
// sent: no contact to watch, a status that is not open or closed, --every
// without --take, and no profile in the settings.
#include <gtest/gtest.h>

#include "tests/cli/cli_helpers.hpp"

namespace cordon::test {
namespace {

bool contains(const std::string &text, const std::string &fragment) { return text.find(fragment) != std::string::npos; }

TEST(CliPresence, HelpListsTheGroupAndItsCommands)
{
    EXPECT_TRUE(contains(cordon({"--help"}).out, "presence"));
    const ProcessResult group = cordon({"presence", "--help"});
    EXPECT_EQ(group.exit_code, 0);
    EXPECT_TRUE(contains(group.out, "watch")) << group.out;
    EXPECT_TRUE(contains(group.out, "publish")) << group.out;
}

TEST(CliPresence, TheGroupAloneIsAUsageError)
{
    const ProcessResult alone = cordon({"presence"});
    EXPECT_EQ(alone.exit_code, 2);
    EXPECT_TRUE(contains(alone.err, "subcommand")) << alone.err;
}

TEST(CliPresence, WatchingNobodyIsAUsageError)
{
    const ProcessResult none = cordon({"presence", "watch", "--seconds", "1"});
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_TRUE(contains(none.err, "contacts")) << none.err;
    EXPECT_TRUE(none.out.empty()) << none.out;
}

TEST(CliPresence, ASlowReaderNeedsTakeWithEvery)
{
    const ProcessResult every_alone = cordon({"presence", "watch", "sip:bob@example.com", "--every", "100"});
    EXPECT_EQ(every_alone.exit_code, 2);
    EXPECT_TRUE(contains(every_alone.err, "--take")) << every_alone.err;

    const ProcessResult take_zero = cordon({"presence", "watch", "sip:bob@example.com", "--take", "0"});
    EXPECT_EQ(take_zero.exit_code, 2);
    EXPECT_TRUE(contains(take_zero.err, "--take")) << take_zero.err;
}

TEST(CliPresence, PublishWantsOpenOrClosed)
{
    const ProcessResult away = cordon({"presence", "publish", "--basic", "away"});
    EXPECT_EQ(away.exit_code, 2);
    EXPECT_TRUE(contains(away.err, "away")) << away.err;

    const ProcessResult missing = cordon({"presence", "publish", "--note", "hello"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(contains(missing.err, "--basic")) << missing.err;
}

TEST(CliPresence, WithoutAProfileNothingIsSent)
{
    const ScratchDirectory directory("presence-no-profile");
    const auto settings = directory.write("settings.toml", "[presence]\nmax_subscriptions = 4\n");
    for (const std::vector<std::string> &command :
         {std::vector<std::string>{"presence", "watch", "sip:bob@example.com"},
          std::vector<std::string>{"presence", "publish", "--basic", "open"}}) {
        std::vector<std::string> arguments = {"--config", settings.string()};
        arguments.insert(arguments.end(), command.begin(), command.end());
        const ProcessResult result = cordon(arguments);
        EXPECT_EQ(result.exit_code, 2) << command[1];
        EXPECT_TRUE(contains(result.err, "no profile.identity")) << result.err;
    }
}

TEST(CliPresence, AnOutOfRangePresenceSettingStopsEverything)
{
    const ScratchDirectory directory("presence-bad-setting");
    const auto settings = directory.write("settings.toml", "[presence]\nmax_pending_notifies = 0\n");
    const ProcessResult result = cordon({"--config", settings.string(), "presence", "watch", "sip:bob@example.com"});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_TRUE(contains(result.err, "presence.max_pending_notifies: must be from 1 to 1000, found 0")) << result.err;
}

} // namespace
} // namespace cordon::test
