// What may be shown as it is, what is refused and how the rest is escaped:
// every class of unsafe code point, its edges, and the characters on either
// side that must stay allowed.
#include <gtest/gtest.h>

#include <string>

#include "core/display_text.hpp"
#include "core/utf8_check.hpp"

namespace cordon {
namespace {

using namespace std::string_view_literals;

TEST(UnsafeToDisplay, ControlsOfEveryRange)
{
    for (const char32_t code_point : {0x00u, 0x09u, 0x0Au, 0x0Du, 0x1Bu, 0x1Fu, 0x7Fu, 0x80u, 0x85u, 0x9Bu, 0x9Fu}) {
        EXPECT_EQ(unsafe_to_display(code_point), UnsafeCodePoint::control)
            << std::hex << static_cast<unsigned>(code_point);
    }
}

TEST(UnsafeToDisplay, BidirectionalControls)
{
    for (const char32_t code_point :
         {0x061Cu, 0x200Eu, 0x200Fu, 0x202Au, 0x202Bu, 0x202Cu, 0x202Du, 0x202Eu, 0x2066u, 0x2067u, 0x2068u, 0x2069u}) {
        EXPECT_EQ(unsafe_to_display(code_point), UnsafeCodePoint::bidirectional_control)
            << std::hex << static_cast<unsigned>(code_point);
    }
}

TEST(UnsafeToDisplay, InvisibleFormatCharacters)
{
    for (const char32_t code_point : {0x00ADu, 0x0600u, 0x180Eu, 0x200Bu, 0x200Cu, 0x200Du, 0x2060u, 0x2064u, 0x206Fu,
                                      0xFEFFu, 0xFFF9u, 0x1D173u, 0xE0000u, 0xE0001u, 0xE0041u, 0xE007Fu}) {
        EXPECT_EQ(unsafe_to_display(code_point), UnsafeCodePoint::invisible_format)
            << std::hex << static_cast<unsigned>(code_point);
    }
}

TEST(UnsafeToDisplay, LineSeparatorsAndNoncharacters)
{
    EXPECT_EQ(unsafe_to_display(0x2028), UnsafeCodePoint::line_separator);
    EXPECT_EQ(unsafe_to_display(0x2029), UnsafeCodePoint::line_separator);
    for (const char32_t code_point : {0xFDD0u, 0xFDEFu, 0xFFFEu, 0xFFFFu, 0x1FFFEu, 0x10FFFFu}) {
        EXPECT_EQ(unsafe_to_display(code_point), UnsafeCodePoint::noncharacter)
            << std::hex << static_cast<unsigned>(code_point);
    }
}

TEST(UnsafeToDisplay, AllowsLettersSymbolsAndTheNeighboursOfEveryRange)
{
    for (const char32_t code_point :
         {0x20u,    0x41u,    0x7Eu,           // ASCII
          0xA0u,    0xE9u,    0xACu,    0xAEu, // NO-BREAK SPACE, é, the neighbours of SOFT HYPHEN
          0x061Bu,  0x061Du,  0x200Au,  0x2010u,  0x2027u,  0x202Fu,  0x205Fu, 0x2065u,
          0x2070u,  0x4E2Du,  0x6587u,  0xFDCFu,  0xFDF0u,  0xFEFEu,  0xFF00u, 0xFFFDu, // CJK, REPLACEMENT CHARACTER
          0x1F3A7u, 0x1F600u, 0xDFFFDu, 0xE0080u, 0xE0100u, 0x10FFFDu}) {               // emoji, variation selectors
        EXPECT_EQ(unsafe_to_display(code_point), std::nullopt) << std::hex << static_cast<unsigned>(code_point);
    }
}

TEST(UndisplayableTextProblem, NamesTheFirstUnsafeCodePointOrBadByte)
{
    EXPECT_EQ(undisplayable_text_problem("Codec caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x8E\xA7"), std::nullopt);
    EXPECT_EQ(undisplayable_text_problem("abc\xE2\x80\xAE"
                                         "def"),
              "contains a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)");
    EXPECT_EQ(undisplayable_text_problem("x\xC2\x9B"
                                         "31m"),
              "contains a control character U+009B (CONTROL SEQUENCE INTRODUCER)");
    EXPECT_EQ(undisplayable_text_problem("zero\xE2\x80\x8Bwidth"),
              "contains an invisible format character U+200B (ZERO WIDTH SPACE)");
    EXPECT_EQ(undisplayable_text_problem("tag\xF3\xA0\x81\x81"), "contains an invisible format character U+E0041");
    EXPECT_EQ(undisplayable_text_problem("line\nbreak"), "contains a control character U+000A (LINE FEED)");
    EXPECT_EQ(undisplayable_text_problem("raw \x9B"), "is not valid UTF-8 (byte 0x9B at offset 4)");
    EXPECT_EQ(undisplayable_text_problem("\xED\xA0\x80"), "is not valid UTF-8 (byte 0xED at offset 0)");
}

TEST(Displayable, KeepsSafeTextAsItIs)
{
    const std::string text = "Vendor X \xE2\x80\x94 caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80";
    EXPECT_EQ(displayable(text), text);
    EXPECT_EQ(displayable(""), "");
}

TEST(Displayable, EscapesEveryUnsafeCodePointAndBadByte)
{
    EXPECT_EQ(displayable("two\nlines\r\x1b[2J"), "two\\u000Alines\\u000D\\u001B[2J");
    EXPECT_EQ(displayable("nul\0here"sv), "nul\\u0000here");
    EXPECT_EQ(displayable("c1 \xC2\x9B and raw \x9B"), "c1 \\u009B and raw \\x9B");
    EXPECT_EQ(displayable("evil\xE2\x80\xAEtxt.exe"), "evil\\u202Etxt.exe");
    EXPECT_EQ(displayable("a\xE2\x80\x8B"
                          "b\xEF\xBB\xBF"),
              "a\\u200Bb\\uFEFF");
    EXPECT_EQ(displayable("tag\xF3\xA0\x81\x81"), "tag\\U000E0041");
    EXPECT_EQ(displayable("bad \xC0\xAF utf8"), "bad \\xC0\\xAF utf8");
    EXPECT_EQ(displayable("cut \xE2\x80"), "cut \\xE2\\x80");
}

TEST(Displayable, CutsBetweenCharactersWithinTheBound)
{
    EXPECT_EQ(displayable("abcdef", 6), "abcdef");
    EXPECT_EQ(displayable("abcdefg", 6), "abc...");
    // Neither an escape nor a multi-byte character is split.
    EXPECT_EQ(displayable("ab\xE2\x80\xAE"
                          "cdef",
                          8),
              "ab...");
    EXPECT_EQ(displayable("abc\xE4\xB8\xAD\xE6\x96\x87", 8), "abc...");
    EXPECT_EQ(displayable("abcdef", 2), "");
    const std::string hostile(4096, '\x9B');
    const std::string shown = displayable(hostile, 1024);
    EXPECT_LE(shown.size(), 1024u);
    EXPECT_TRUE(shown.ends_with("..."));
    EXPECT_EQ(undisplayable_text_problem(shown), std::nullopt) << shown;
}

TEST(Displayable, AlwaysGivesSafeValidUtf8)
{
    // Every single byte and every two-byte combination's result is safe to show.
    for (unsigned first = 0; first < 256; ++first) {
        for (unsigned second = 0; second < 256; second += 7) {
            const std::string text{static_cast<char>(first), static_cast<char>(second)};
            EXPECT_EQ(undisplayable_text_problem(displayable(text)), std::nullopt) << first << " " << second;
        }
    }
}

} // namespace
} // namespace cordon
