#include <gtest/gtest.h>

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
    EXPECT_FALSE(is_valid_utf8("\xC3\x28")); // continuation missing
}

} // namespace
} // namespace cordon
