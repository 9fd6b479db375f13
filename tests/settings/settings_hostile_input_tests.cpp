// Bytes that are not a settings file at all: each must give an error, never a
// crash, a hang or an exception. Positions of syntax errors are toml++'s; the
// tests pin only those that are plainly right.
#include <gtest/gtest.h>

#include <random>

#include "settings_test_support.hpp"

namespace cordon {
namespace {

using test::error_lines;

std::string repeated(std::string_view piece, std::size_t times) {
    std::string text;
    text.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) text += piece;
    return text;
}

// position is a prefix of "LINE:COLUMN: ".
void expect_single_error_at(std::string_view text, std::string_view position, std::string_view description) {
    const std::vector<std::string> lines = error_lines(text);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines[0].starts_with(test::test_origin.string() + ":" + std::string(position))) << lines[0];
    EXPECT_NE(lines[0].find(description), std::string::npos) << lines[0];
}

TEST(SettingsHostileInput, InvalidUtf8IsAnErrorAtItsFirstBadByte) {
    expect_single_error_at("log.level = \"\xFF\xFE\"\n", "1:14: ", "not UTF-8");
    expect_single_error_at("[log]\n\xC3 = 1\n", "2:1: ", "not UTF-8");                         // cut short
    expect_single_error_at("# caf\xC3\xA9 \xC0\xAF\n", "1:8: ", "not UTF-8");                  // overlong "/"
    expect_single_error_at("plugins.trusted = [\"/opt/\xED\xA0\x80\"]\n", "1:26: ", "not UTF-8");  // a surrogate
    expect_single_error_at("# \xF4\x90\x80\x80\n", "1:3: ", "not UTF-8");                      // past U+10FFFF
    expect_single_error_at("# \xF0\x9F\x98\n", "1:3: ", "not UTF-8");                          // truncated
}

TEST(SettingsHostileInput, WellFormedUtf8OfEveryLengthIsAccepted) {
    const std::string_view text = "# é € 😀 \xEF\xBF\xBF \xF4\x8F\xBF\xBF\nlog.level = \"debug\" # ✓\n";
    const Result<Settings> result = parse_settings(text, test::test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->log_level, LogLevel::debug);
}

TEST(SettingsHostileInput, NulBytesAreAnError) {
    expect_single_error_at(std::string_view("log.level = \"in\0fo\"\n", 20), "1:16: ", "control characters");
    expect_single_error_at(std::string_view("[log]\0\n", 7), "1:6: ", "");
    expect_single_error_at(std::string_view("\0", 1), "1:1: ", "");
}

TEST(SettingsHostileInput, DeeplyNestedArraysAreAnError) {
    expect_single_error_at("a = " + repeated("[", 100000), "1:37: ", "more than 32");
}

TEST(SettingsHostileInput, DeeplyNestedInlineTablesAreAnError) {
    expect_single_error_at("a = " + repeated("{ b = ", 100000), "1:197: ", "more than 32");
}

TEST(SettingsHostileInput, LongDottedKeysAreAnError) {
    // toml++ itself would recurse once per part and overflow the stack.
    expect_single_error_at(repeated("a.", 200000) + "a = 1\n", "1:32: ", "more than 16 dotted parts");
    expect_single_error_at("[" + repeated("a.", 200000) + "a]\n", "1:33: ", "more than 16 dotted parts");
    expect_single_error_at("x = 1\n" + repeated("\"q\" . ", 100) + "a = 1\n", "2:95: ", "more than 16 dotted parts");
}

TEST(SettingsHostileInput, DotsInsideStringsAndCommentsDoNotCount) {
    const std::string dots = repeated("a.", 100);
    const Result<Settings> result = parse_settings("# " + dots + "\n[log] # " + dots + "\nlevel = \"info\"\n" +
                                                       "[plugins]\ntrusted = [\"/" + dots + "\", '''/x" + dots +
                                                       "''', \"\"\"/y\\\"" + dots + "\"\"\"]\n",
                                                   test::test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->trusted_plugins.size(), 3U);
}

TEST(SettingsHostileInput, KeyHiddenAfterAMultilineStringStillCounts) {
    // """a"""" is the text a" followed by the closing quotes: what follows is keys again.
    const std::string text = "x = { s = \"\"\"a\"\"\"\", " + repeated("b.", 50) + "c = 1 }\n";
    const std::vector<std::string> lines = error_lines(text);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_NE(lines[0].find("more than 16 dotted parts"), std::string::npos) << lines[0];
}

TEST(SettingsHostileInput, HugeKeyIsShortenedInTheMessage) {
    const std::vector<std::string> lines = error_lines(std::string(500000, 'k') + " = 1\n");
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_LT(lines[0].size(), 300U);
}

TEST(SettingsHostileInput, RandomBytesNeverCrash) {
    std::mt19937 random(20240607);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 200);
    constexpr int rounds = 3000;
    for (int round = 0; round < rounds; ++round) {
        std::string text(length(random), '\0');
        for (char &c : text) c = static_cast<char>(byte(random));
        EXPECT_NO_THROW({ (void)parse_settings(text, "random"); });
    }
}

TEST(SettingsHostileInput, MutatedValidFilesNeverCrash) {
    const std::string valid = "[log]\nlevel = \"debug\"\n[plugins]\ndirectories = [\"a\", \"/b\"]\n"
                              "trusted = ['''c''', \"\"\"d\"\"\"]\n# done\n";
    constexpr char alphabet_bytes[] = "[]{}=\"'.,#\n\\ ab\x00\xff\xc3";
    const std::string_view alphabet(alphabet_bytes, sizeof alphabet_bytes - 1);  // keeps the NUL
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> position(0, valid.size() - 1);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    constexpr int rounds = 3000;
    int accepted = 0;
    for (int round = 0; round < rounds; ++round) {
        std::string text = valid;
        for (int edit = 0; edit < 3; ++edit) text[position(random)] = alphabet[pick(random)];
        Result<Settings> result = Settings{};
        EXPECT_NO_THROW({ result = parse_settings(text, "mutated"); });
        if (result.ok()) ++accepted;
        else EXPECT_FALSE(result.error().message.empty());
    }
    EXPECT_LT(accepted, rounds);  // the mutations do break files
}

}  // namespace
}  // namespace cordon
