// Bytes that are not a settings file at all: each must give an error that
// names its place, never a crash, a hang or an exception. Positions of syntax
// errors are toml++'s; the tests pin only those that are plainly right.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>

#include "tests/settings/settings_test_support.hpp"

namespace cordon {
namespace {

using test::error_lines;

std::string repeated(std::string_view piece, std::size_t times)
{
    std::string text;
    text.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i)
        text += piece;
    return text;
}

// position is a prefix of "LINE:COLUMN: ".
void expect_single_error_at(std::string_view text, std::string_view position, std::string_view description)
{
    const std::vector<std::string> lines = error_lines(text);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_TRUE(lines[0].starts_with(test::test_origin.string() + ":" + std::string(position))) << lines[0];
    EXPECT_NE(lines[0].find(description), std::string::npos) << lines[0];
}

TEST(SettingsHostileInput, InvalidUtf8IsAnErrorAtItsFirstBadByte)
{
    expect_single_error_at("log.level = \"\xFF\xFE\"\n", "1:14: ", "not UTF-8");
    expect_single_error_at("[log]\n\xC3 = 1\n", "2:1: ", "not UTF-8");                            // cut short
    expect_single_error_at("# caf\xC3\xA9 \xC0\xAF\n", "1:8: ", "not UTF-8");                     // overlong "/"
    expect_single_error_at("plugins.trusted = [\"/opt/\xED\xA0\x80\"]\n", "1:26: ", "not UTF-8"); // a surrogate
    expect_single_error_at("# \xF4\x90\x80\x80\n", "1:3: ", "not UTF-8");                         // past U+10FFFF
    expect_single_error_at("# \xF0\x9F\x98\n", "1:3: ", "not UTF-8");                             // truncated
}

TEST(SettingsHostileInput, WellFormedUtf8OfEveryLengthIsAccepted)
{
    const std::string_view text = "# é € 😀 \xEF\xBF\xBF \xF4\x8F\xBF\xBF\nlog.level = \"debug\" # ✓\n";
    const Result<Settings> result = parse_settings(text, test::test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->log_level, LogLevel::debug);
}

TEST(SettingsHostileInput, NulBytesAreAnError)
{
    expect_single_error_at(std::string_view("log.level = \"in\0fo\"\n", 20), "1:16: ", "control characters");
    expect_single_error_at(std::string_view("[log]\0\n", 7), "1:6: ", "");
    expect_single_error_at(std::string_view("\0", 1), "1:1: ", "");
}

TEST(SettingsHostileInput, DeeplyNestedArraysAreAnError)
{
    expect_single_error_at("a = " + repeated("[", 100000), "1:37: ", "more than 32");
}

TEST(SettingsHostileInput, DeeplyNestedInlineTablesAreAnError)
{
    expect_single_error_at("a = " + repeated("{ b = ", 100000), "1:197: ", "more than 32");
}

TEST(SettingsHostileInput, LongDottedKeysAreAnError)
{
    // toml++ itself would recurse once per part and overflow the stack.
    expect_single_error_at(repeated("a.", 200000) + "a = 1\n", "1:32: ", "more than 16 dotted parts");
    expect_single_error_at("[" + repeated("a.", 200000) + "a]\n", "1:33: ", "more than 16 dotted parts");
    expect_single_error_at("x = 1\n" + repeated("\"q\" . ", 100) + "a = 1\n", "2:95: ", "more than 16 dotted parts");
}

TEST(SettingsHostileInput, DotsInsideStringsAndCommentsDoNotCount)
{
    const std::string dots = repeated("a.", 100);
    const Result<Settings> result =
        parse_settings("# " + dots + "\n[log] # " + dots + "\nlevel = \"info\"\n" + "[plugins]\ntrusted = [\"/" + dots +
                           "\", '''/x" + dots + "''', \"\"\"/y\\\"" + dots + "\"\"\"]\n",
                       test::test_origin);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->trusted_plugins.size(), 3U);
}

TEST(SettingsHostileInput, KeyHiddenAfterAMultilineStringStillCounts)
{
    // """a"""" is the text a" followed by the closing quotes: what follows is keys again.
    const std::string text = "x = { s = \"\"\"a\"\"\"\", " + repeated("b.", 50) + "c = 1 }\n";
    const std::vector<std::string> lines = error_lines(text);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_NE(lines[0].find("more than 16 dotted parts"), std::string::npos) << lines[0];
}

TEST(SettingsHostileInput, HugeKeyIsShortenedInTheMessage)
{
    const std::vector<std::string> lines = error_lines(std::string(500000, 'k') + " = 1\n");
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_LT(lines[0].size(), 300U);
}

// The offset of the first byte that does not begin a well-formed UTF-8
// sequence (RFC 3629, section 4), written here apart from the reader's own
// check so that the tests below have an oracle of their own.
std::optional<std::size_t> first_bad_utf8(std::string_view text)
{
    const auto byte_at = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0U; };
    const auto in = [](unsigned value, unsigned low, unsigned high) { return value >= low && value <= high; };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned lead = byte_at(i);
        unsigned second_low = 0x80, second_high = 0xBF;
        std::size_t length = 0;
        if (lead <= 0x7F) {
            length = 1;
        } else if (in(lead, 0xC2, 0xDF)) {
            length = 2;
        } else if (lead == 0xE0) {
            length = 3, second_low = 0xA0;
        } else if (in(lead, 0xE1, 0xEC) || in(lead, 0xEE, 0xEF)) {
            length = 3;
        } else if (lead == 0xED) {
            length = 3, second_high = 0x9F;
        } else if (lead == 0xF0) {
            length = 4, second_low = 0x90;
        } else if (in(lead, 0xF1, 0xF3)) {
            length = 4;
        } else if (lead == 0xF4) {
            length = 4, second_high = 0x8F;
        } else {
            return i;
        }
        if (length > 1 && !in(byte_at(i + 1), second_low, second_high))
            return i;
        for (std::size_t k = 2; k < length; ++k) {
            if (!in(byte_at(i + k), 0x80, 0xBF))
                return i;
        }
        i += length;
    }
    return std::nullopt;
}

// "LINE:COLUMN" of a byte offset as the reader counts: lines from 1, columns
// in characters from 1. The text before offset is well-formed UTF-8.
std::string line_and_column(std::string_view text, std::size_t offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line, column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

std::size_t line_count(std::string_view text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// The line a refusal's first problem names.
std::size_t first_line_named(const Error &error, std::string_view origin)
{
    std::size_t line = 0;
    const std::string format = std::string(origin) + ":%zu:";
    return std::sscanf(error.message.c_str(), format.c_str(), &line) == 1 ? line : 0;
}

// Every line of a refusal names a place inside the text, "ORIGIN:LINE:COLUMN:
// ..." with LINE one of the text's lines, then says what is wrong; only a last
// line may count further problems instead. No raw control byte is in it,
// whatever bytes the text held.
void expect_located_refusal(const Error &error, std::string_view origin, std::string_view text)
{
    EXPECT_EQ(error.code, ErrorCode::config) << error.message;
    const std::vector<std::string> lines = test::lines_of(error.message);
    ASSERT_FALSE(lines.empty());
    const std::string prefix = std::string(origin) + ":";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        ASSERT_TRUE(line.starts_with(prefix)) << line;
        if (i > 0 && i + 1 == lines.size() && line.starts_with(prefix + " and "))
            continue;
        std::size_t number = 0, column = 0;
        char after = '\0';
        ASSERT_EQ(std::sscanf(line.c_str() + prefix.size(), "%zu:%zu%c", &number, &column, &after), 3) << line;
        EXPECT_EQ(after, ':') << line;
        EXPECT_GE(number, 1U) << line;
        EXPECT_LE(number, line_count(text)) << line;
        EXPECT_GE(column, 1U) << line;
        const std::size_t description = line.find(": ", prefix.size());
        ASSERT_NE(description, std::string::npos) << line;
        EXPECT_GT(line.size(), description + 2) << "no description: " << line;
    }
    for (const char c : error.message) {
        EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << "raw control byte in " << error.message;
    }
}

// Random bytes are almost never UTF-8: the refusal is then exactly the UTF-8
// one, at the first bad byte. The few that are UTF-8 are refused at a place
// inside the text; only the empty text is accepted, as the defaults.
TEST(SettingsHostileInput, RandomBytesAreRefusedAtTheirFirstProblem)
{
    std::mt19937 random(20240607);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 200);
    constexpr int rounds = 3000;
    int not_utf8 = 0;
    for (int round = 0; round < rounds; ++round) {
        std::string text(length(random), '\0');
        for (char &c : text)
            c = static_cast<char>(byte(random));
        const Result<Settings> result = parse_settings(text, "random");
        if (const auto bad = first_bad_utf8(text)) {
            ++not_utf8;
            ASSERT_FALSE(result.ok()) << testing::PrintToString(text);
            EXPECT_EQ(result.error().code, ErrorCode::config);
            EXPECT_EQ(result.error().message,
                      "random:" + line_and_column(text, *bad) + ": not UTF-8 text (settings files must be UTF-8)")
                << testing::PrintToString(text);
        } else if (result.ok()) {
            EXPECT_TRUE(text.empty()) << "random bytes accepted: " << testing::PrintToString(text);
            EXPECT_EQ(result->log_level, LogLevel::info);
            EXPECT_TRUE(result->plugin_directories.empty());
            EXPECT_TRUE(result->trusted_plugins.empty());
        } else {
            expect_located_refusal(result.error(), "random", text);
        }
    }
    EXPECT_GT(not_utf8, rounds * 9 / 10);
}

// Three bytes of a valid file replaced. A \xff or \xc3 (never followed by a
// continuation byte here) is refused exactly as not UTF-8, at the first; a
// NUL is never accepted (TOML allows no control character, not even in a
// comment) and the refusal names its line or one above; any other edit is
// refused at a place inside the text, or accepted with what the text can
// still say: the level it names or the default, absolute and normal paths.
TEST(SettingsHostileInput, MutatedValidFilesAreRefusedAtTheirPlaceOrReadAsWritten)
{
    const std::string valid = "[log]\nlevel = \"debug\"\n[plugins]\ndirectories = [\"a\", \"/b\"]\n"
                              "trusted = ['''c''', \"\"\"d\"\"\"]\n# done\n";
    constexpr char alphabet_bytes[] = "[]{}=\"'.,#\n\\ ab\x00\xff\xc3";
    const std::string_view alphabet(alphabet_bytes, sizeof alphabet_bytes - 1); // keeps the NUL
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> position(0, valid.size() - 1);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    constexpr int rounds = 3000;
    int not_utf8 = 0, with_nul = 0, accepted = 0, refused = 0;
    for (int round = 0; round < rounds; ++round) {
        std::string text = valid;
        for (int edit = 0; edit < 3; ++edit)
            text[position(random)] = alphabet[pick(random)];
        const Result<Settings> result = parse_settings(text, "mutated");
        const std::size_t bad_byte = text.find_first_of("\xff\xc3");
        const std::size_t nul = text.find('\0');
        if (bad_byte != std::string::npos) {
            ++not_utf8;
            ASSERT_FALSE(result.ok()) << testing::PrintToString(text);
            EXPECT_EQ(first_bad_utf8(text), bad_byte);
            EXPECT_EQ(result.error().message,
                      "mutated:" + line_and_column(text, bad_byte) + ": not UTF-8 text (settings files must be UTF-8)");
        } else if (nul != std::string::npos) {
            ++with_nul;
            ASSERT_FALSE(result.ok()) << testing::PrintToString(text);
            expect_located_refusal(result.error(), "mutated", text);
            EXPECT_LE(first_line_named(result.error(), "mutated"), line_count(std::string_view(text).substr(0, nul)))
                << result.error().message << " for " << testing::PrintToString(text);
        } else if (result.ok()) {
            ++accepted;
            EXPECT_TRUE(result->log_level == LogLevel::debug || result->log_level == LogLevel::info)
                << testing::PrintToString(text);
            for (const auto *paths : {&result->plugin_directories, &result->trusted_plugins}) {
                EXPECT_LE(paths->size(), 2U) << testing::PrintToString(text);
                for (const std::filesystem::path &path : *paths) {
                    EXPECT_TRUE(path.is_absolute()) << path;
                    EXPECT_EQ(path, path.lexically_normal()) << path;
                }
            }
        } else {
            ++refused;
            expect_located_refusal(result.error(), "mutated", text);
        }
    }
    // Every branch is taken: the mutations break files, and not all of them.
    EXPECT_GT(not_utf8, 0);
    EXPECT_GT(with_nul, 0);
    EXPECT_GT(accepted, 0);
    EXPECT_GT(refused, 0);
}

} // namespace
} // namespace cordon
