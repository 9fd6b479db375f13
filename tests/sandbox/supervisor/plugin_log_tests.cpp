// PluginLog: what a sandboxed plugin writes on its stdout and stderr reaches
// the host's log one line at a time, valid UTF-8, bounded, with every
// control, bidirectional or invisible character and every byte that is not
// UTF-8 shown as an escape, never passed through nor silently deleted.
#include <gtest/gtest.h>

#include <string>

#include "core/display_text.hpp"
#include "sandbox/supervisor/plugin_log.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::sandbox {
namespace {

std::vector<std::string> logged(std::initializer_list<std::string_view> writes)
{
    test::CapturingLogger logger;
    PluginLog log(logger, "sandbox hostile.so");
    for (const std::string_view bytes : writes) {
        log.feed(bytes);
    }
    log.finish();
    std::vector<std::string> messages;
    for (const auto &line : logger.lines()) {
        EXPECT_EQ(undisplayable_text_problem(line.message), std::nullopt) << line.message;
        messages.push_back(line.message);
    }
    return messages;
}

TEST(PluginLog, EscapesC1ControlsAsCharactersAndAsRawBytes)
{
    EXPECT_EQ(logged({"red \xC2\x9B"
                      "31m and \x9B"
                      "31m\n"}),
              std::vector<std::string>{"red \\u009B31m and \\x9B31m"});
}

TEST(PluginLog, EscapesBidirectionalAndInvisibleCharacters)
{
    EXPECT_EQ(logged({"file gpj.\xE2\x80\xAE"
                      "exe\n",
                      "a\xE2\x80\x8B"
                      "b\xE2\x81\xA7"
                      "c\n"}),
              (std::vector<std::string>{"file gpj.\\u202Eexe", "a\\u200Bb\\u2067c"}));
}

TEST(PluginLog, EscapesBytesThatAreNotUtf8AndKeepsTheCharactersThatAre)
{
    EXPECT_EQ(logged({"caf\xC3\xA9 \xC0\xAF \xED\xA0\x80 \xE4\xB8\xAD\n"}),
              std::vector<std::string>{"caf\xC3\xA9 \\xC0\\xAF \\xED\\xA0\\x80 \xE4\xB8\xAD"});
}

TEST(PluginLog, EscapesControlBytesAndSplitsOnlyAtNewlines)
{
    EXPECT_EQ(logged({"one\rforged\x1b[2J\n"}), std::vector<std::string>{"one\\u000Dforged\\u001B[2J"});
}

// The child's writes can split a character: it is decoded whole.
TEST(PluginLog, DecodesACharacterSplitAcrossWrites)
{
    EXPECT_EQ(logged({"x\xE2\x80", "\xAEy\n", "\xC3", "\xA9\n"}), (std::vector<std::string>{"x\\u202Ey", "\xC3\xA9"}));
}

TEST(PluginLog, KeepsALineOfEscapesWithinTheBound)
{
    const std::string hostile(max_plugin_log_line_bytes * 2, '\x9B');
    const auto messages = logged({hostile, "\n"});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_TRUE(messages[0].starts_with("\\x9B\\x9B")) << messages[0];
    EXPECT_TRUE(messages[0].ends_with("... [line cut at 1024 bytes]")) << messages[0];
    EXPECT_LE(messages[0].size(), max_plugin_log_line_bytes + std::string_view(" [line cut at 1024 bytes]").size());
}

} // namespace
} // namespace cordon::sandbox
