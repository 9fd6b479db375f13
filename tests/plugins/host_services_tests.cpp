#include <gtest/gtest.h>

#include "plugin_loading/plugin_host_services.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon {
namespace {

TEST(PluginHostServices, LogsUnderThePluginsIdAtTheRightLevel)
{
    test::CapturingLogger logger;
    PluginHostServices services(logger, "org.example.codec");
    const cordon_host_services *table = services.table();
    EXPECT_EQ(table->struct_size, sizeof(cordon_host_services));
    EXPECT_EQ(table->abi_major, CORDON_ABI_MAJOR);
    table->log(table, CORDON_LOG_WARNING, "slow frame");
    table->log(table, CORDON_LOG_ERROR, "broken");
    const auto lines = logger.lines();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].source, "org.example.codec");
    EXPECT_EQ(lines[0].level, LogLevel::warning);
    EXPECT_EQ(lines[0].message, "slow frame");
    EXPECT_EQ(lines[1].level, LogLevel::error);
}

TEST(PluginHostServices, SurvivesANullMessage)
{
    test::CapturingLogger logger;
    PluginHostServices services(logger, "org.example.codec");
    const cordon_host_services *table = services.table();
    table->log(table, CORDON_LOG_DEBUG, nullptr);
    const auto lines = logger.lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].level, LogLevel::debug);
    EXPECT_EQ(lines[0].message, "(null)");
}

TEST(PluginHostServices, ClockIsMonotonicAndNoOptionalServiceExistsYet)
{
    test::CapturingLogger logger;
    PluginHostServices services(logger, "org.example.codec");
    const cordon_host_services *table = services.table();
    const uint64_t first = table->monotonic_ns(table);
    const uint64_t second = table->monotonic_ns(table);
    EXPECT_GT(first, 0u);
    EXPECT_GE(second, first);
    EXPECT_EQ(table->get_service(table, "cordon.timers/1"), nullptr);
}

TEST(SanitizePluginText, KeepsOneSafeLine)
{
    EXPECT_EQ(sanitize_plugin_text("fine"), "fine");
    EXPECT_EQ(sanitize_plugin_text("two\nlines\r\x1b[2J"), "two\\u000Alines\\u000D\\u001B[2J");
    EXPECT_EQ(sanitize_plugin_text("bad \xC0\xAF utf8"), "bad \\xC0\\xAF utf8");
    EXPECT_EQ(sanitize_plugin_text("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x8E\xA7"),
              "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x8E\xA7");
    const std::string flood(max_plugin_log_bytes * 3, 'x');
    EXPECT_EQ(sanitize_plugin_text(flood.c_str()).size(), max_plugin_log_bytes);
}

// A plugin's log line shows what it holds, escaped: nothing reorders the
// line, hides in it or reaches the terminal as a control.
TEST(SanitizePluginText, EscapesC1BidirectionalAndInvisibleCharacters)
{
    EXPECT_EQ(sanitize_plugin_text("csi \xC2\x9B"
                                   "31m and raw \x9B"
                                   "31m"),
              "csi \\u009B31m and raw \\x9B31m");
    EXPECT_EQ(sanitize_plugin_text("user=alice\xE2\x80\xAE"
                                   "nimda"),
              "user=alice\\u202Enimda");
    EXPECT_EQ(sanitize_plugin_text("zero\xE2\x80\x8Bwidth \xE2\x81\xA6isolate"), "zero\\u200Bwidth \\u2066isolate");
    // One bad byte does not cost the rest of the line its characters.
    EXPECT_EQ(sanitize_plugin_text("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 \\xFF");
    const std::string overrides(max_plugin_log_bytes, '\x9B');
    const std::string shown = sanitize_plugin_text(overrides.c_str());
    EXPECT_LE(shown.size(), max_plugin_log_bytes);
    EXPECT_TRUE(shown.starts_with("\\x9B\\x9B"));
}

TEST(PluginHostServices, LogsHostileTextEscaped)
{
    test::CapturingLogger logger;
    PluginHostServices services(logger, "org.example.codec");
    const cordon_host_services *table = services.table();
    table->log(table, CORDON_LOG_INFO, "ok\xE2\x80\xAEkcatta\xC2\x85");
    const auto lines = logger.lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].message, "ok\\u202Ekcatta\\u0085");
}

} // namespace
} // namespace cordon
