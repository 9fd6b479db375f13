#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

#include "core/utf8_check.hpp"

namespace cordon {
namespace {

using namespace std::string_view_literals;

TEST(Utf8, AcceptsWellFormedText)
{
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ascii"));
    EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9"));      // U+00E9
    EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));     // U+20AC
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x8E\xA7")); // U+1F3A7
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF, the last code point
    EXPECT_TRUE(is_valid_utf8("nul\0inside"sv));    // NUL is a code point; callers bound strings
}

TEST(Utf8, RefusesEveryMalformedShape)
{
    EXPECT_FALSE(is_valid_utf8("\x80"));                 // stray continuation byte
    EXPECT_FALSE(is_valid_utf8("\xC3"));                 // truncated sequence
    EXPECT_FALSE(is_valid_utf8("\xE2\x82"));             // truncated sequence
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));             // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));         // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));     // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));         // surrogate U+D800
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));     // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80")); // five-byte form
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("\xC3\x28"));         // continuation missing
    EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));         // overlong U+007F, the last two-byte overlong
    EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));     // overlong U+07FF
    EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF")); // overlong U+FFFF
    EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));     // surrogate U+DFFF
    EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80")); // lead byte past U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x8E"));     // truncated four-byte sequence
    EXPECT_FALSE(is_valid_utf8("\xE2\x82\xAC\xAC")); // continuation byte after a whole sequence
}

TEST(Utf8, DecodesEveryLengthAtItsBounds)
{
    struct Case {
        std::string_view bytes;
        char32_t code_point;
    };
    for (const Case &c :
         {Case{"\x7F", 0x7F}, Case{"\xC2\x80", 0x80}, Case{"\xDF\xBF", 0x7FF}, Case{"\xE0\xA0\x80", 0x800},
          Case{"\xED\x9F\xBF", 0xD7FF}, Case{"\xEE\x80\x80", 0xE000}, Case{"\xEF\xBF\xBF", 0xFFFF},
          Case{"\xF0\x90\x80\x80", 0x10000}, Case{"\xF4\x8F\xBF\xBF", 0x10FFFF}}) {
        const auto decoded = decode_utf8_at(c.bytes, 0);
        ASSERT_TRUE(decoded) << std::hex << static_cast<std::uint32_t>(c.code_point);
        EXPECT_EQ(decoded->code_point, c.code_point);
        EXPECT_EQ(decoded->length, c.bytes.size());
    }
}

TEST(Utf8, DecodesAtAnOffsetWithinTheText)
{
    const std::string_view text = "a\xC3\xA9\xE2\x82";
    EXPECT_EQ(decode_utf8_at(text, 1)->code_point, U'\u00E9');
    EXPECT_FALSE(decode_utf8_at(text, 2));              // a continuation byte starts nothing
    EXPECT_FALSE(decode_utf8_at(text, 3));              // cut short by the end of the text
    EXPECT_FALSE(decode_utf8_at(text.substr(0, 2), 1)); // the sequence runs past the view
}

TEST(Utf8, ContinuationBytesAreExactly0x80To0xBF)
{
    for (int value = 0; value < 256; ++value) {
        EXPECT_EQ(utf8_is_continuation_byte(static_cast<char>(value)), value >= 0x80 && value <= 0xBF) << value;
    }
}

TEST(Utf8, NamesTheFirstInvalidByte)
{
    EXPECT_EQ(first_invalid_utf8("caf\xC3\xA9"), std::nullopt);
    EXPECT_EQ(first_invalid_utf8("caf\xC3\xA9\xC0\xAF"), 5u);
    EXPECT_EQ(first_invalid_utf8("\xFF"), 0u);
    EXPECT_EQ(first_invalid_utf8("ok\xE2\x82"), 2u);
}

} // namespace
} // namespace cordon
