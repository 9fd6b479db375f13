#include <gtest/gtest.h>

#include <cctype>
#include <clocale>
#include <string>

#include "core/ascii_text.hpp"

namespace cordon {
namespace {

using namespace std::string_view_literals;

// Every byte value, as the char a std::string holds it in.
std::string every_byte()
{
    std::string bytes;
    for (int value = 0; value < 256; ++value) {
        bytes += static_cast<char>(value);
    }
    return bytes;
}

// The characters of set, read from an RFC's ABNF by hand rather than from
// the code under test.
std::string all_of(std::string_view set) { return std::string(set); }

constexpr std::string_view letters_and_digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// Checks that is_member accepts exactly the bytes of members.
template <typename IsMember> void expect_exactly(IsMember is_member, const std::string &members)
{
    for (const char c : every_byte()) {
        EXPECT_EQ(is_member(c), members.find(c) != std::string::npos)
            << "byte 0x" << std::hex << static_cast<int>(static_cast<unsigned char>(c));
    }
}

TEST(AsciiClasses, AreExactlyTheirAbnfSets)
{
    expect_exactly(ascii_is_alpha, all_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"));
    expect_exactly(ascii_is_digit, all_of("0123456789"));
    expect_exactly(ascii_is_hex_digit, all_of("0123456789ABCDEFabcdef"));
    expect_exactly(ascii_is_alnum, all_of(letters_and_digits));
    std::string controls;
    for (int value = 0; value < 0x20; ++value) {
        controls += static_cast<char>(value);
    }
    controls += '\x7F';
    expect_exactly(ascii_is_control, controls);
    std::string printable;
    for (int value = ' '; value <= '~'; ++value) {
        printable += static_cast<char>(value);
    }
    expect_exactly(ascii_is_printable, printable);
}

TEST(AsciiClasses, BytesAboveAsciiAreNeverLettersNorControls)
{
    // 0x80-0xFF are parts of UTF-8 sequences here, never Latin-1 letters or
    // C1 controls of their own.
    for (int value = 0x80; value < 0x100; ++value) {
        const char c = static_cast<char>(value);
        EXPECT_FALSE(ascii_is_alpha(c) || ascii_is_alnum(c) || ascii_is_hex_digit(c) || ascii_is_control(c) ||
                     ascii_is_printable(c))
            << value;
        EXPECT_EQ(ascii_to_lower(c), c) << value;
    }
}

TEST(AsciiCase, LowersOnlyAToZ)
{
    for (const char c : every_byte()) {
        const bool upper = c >= 'A' && c <= 'Z';
        EXPECT_EQ(ascii_to_lower(c), upper ? static_cast<char>(c + ('a' - 'A')) : c);
    }
    EXPECT_EQ(ascii_lowercase("Content-Type: Application/SDP"), "content-type: application/sdp");
    EXPECT_EQ(ascii_lowercase("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89"); // ÉTÉ: only the T changes
}

TEST(AsciiCase, ComparesWithoutRegardToAsciiCaseOnly)
{
    EXPECT_TRUE(equal_ignoring_ascii_case("PCMU", "pcmu"));
    EXPECT_TRUE(equal_ignoring_ascii_case("Call-ID", "call-id"));
    EXPECT_TRUE(equal_ignoring_ascii_case("", ""));
    EXPECT_FALSE(equal_ignoring_ascii_case("opus", "opu"));
    EXPECT_FALSE(equal_ignoring_ascii_case("opus", "opus "));
    // Latin-1 À (0xC0) and à (0xE0) are different bytes on the wire.
    EXPECT_FALSE(equal_ignoring_ascii_case("\xC0", "\xE0"));
    // '@' (0x40) and '`' (0x60) differ by the case bit but are not letters.
    EXPECT_FALSE(equal_ignoring_ascii_case("@", "`"));
    EXPECT_FALSE(equal_ignoring_ascii_case("[", "{"));
    // A NUL inside is a byte like any other: no C string stops the comparison.
    EXPECT_FALSE(equal_ignoring_ascii_case("PCMU\0x"sv, "PCMU"));
    EXPECT_TRUE(equal_ignoring_ascii_case("a\0B"sv, "A\0b"sv));
}

TEST(AsciiCase, StartsWithIgnoringCase)
{
    EXPECT_TRUE(starts_with_ignoring_ascii_case("Application/PKCS7-MIME; x=y", "application/pkcs7-mime"));
    EXPECT_TRUE(starts_with_ignoring_ascii_case("abc", ""));
    EXPECT_FALSE(starts_with_ignoring_ascii_case("app", "application"));
    EXPECT_FALSE(starts_with_ignoring_ascii_case("\xC9tat", "\xE9tat"));
}

// A locale whose single-byte tables fold Latin-1 letters, where the system
// has one: there std::tolower and strcasecmp, which the toolkit replaced,
// would have called two different wire bytes equal.
TEST(AsciiCase, IgnoresTheProcessLocale)
{
    const std::string previous = std::setlocale(LC_CTYPE, nullptr);
    const char *latin1 = nullptr;
    for (const char *name : {"de_DE.ISO-8859-1", "en_US.ISO-8859-1", "fr_FR.ISO-8859-1", "tr_TR.ISO-8859-9"}) {
        if (std::setlocale(LC_CTYPE, name) != nullptr) {
            latin1 = name;
            break;
        }
    }
    ASSERT_NE(latin1, nullptr) << "no Latin-1 locale: scripts/install-deps.sh generates en_US.ISO-8859-1";
    volatile int capital_a_grave = 0xC0; // opaque: gcc folds tolower of a constant as in the C locale
    const bool locale_folds = std::tolower(capital_a_grave) == 0xE0;
    const bool toolkit_equal = equal_ignoring_ascii_case("\xC0", "\xE0");
    const std::string lowered = ascii_lowercase("\xC0");
    std::setlocale(LC_CTYPE, previous.c_str());
    EXPECT_TRUE(locale_folds) << latin1;
    EXPECT_FALSE(toolkit_equal);
    EXPECT_EQ(lowered, "\xC0");
}

TEST(AsciiText, TrimsOnlySpaceAndTab)
{
    EXPECT_EQ(trim_blanks(" \t value \t "), "value");
    EXPECT_EQ(trim_blanks("a b"), "a b");
    EXPECT_EQ(trim_blanks(" \t "), "");
    EXPECT_EQ(trim_blanks(""), "");
    // CR, LF and the rest of isspace() are not white space inside a header
    // field; a caller must see them.
    EXPECT_EQ(trim_blanks("\r\nvalue\v\f"), "\r\nvalue\v\f");
    EXPECT_EQ(trim_blanks("\xA0value\xA0"), "\xA0value\xA0"); // Latin-1 NBSP
}

TEST(AsciiText, TrimsOneSideOnly)
{
    EXPECT_EQ(trim_leading_blanks(" \t value \t"), "value \t");
    EXPECT_EQ(trim_trailing_blanks(" \t value \t"), " \t value");
    EXPECT_EQ(trim_leading_blanks(" \t"), "");
    EXPECT_EQ(trim_trailing_blanks(" \t"), "");
    const char text[] = "  ab \t";
    EXPECT_EQ(ascii_leading_blanks(text, 6), 2u);
    EXPECT_EQ(ascii_trailing_blanks(text, 6), 2u);
    EXPECT_EQ(ascii_trailing_blanks(text, 3), 0u); // only the first length bytes count
    EXPECT_EQ(ascii_leading_blanks(text, 0), 0u);
    expect_exactly(ascii_is_blank, " \t");
}

TEST(AsciiText, FindsControlCharacters)
{
    EXPECT_FALSE(has_control_character("plain text with spaces"));
    EXPECT_FALSE(has_control_character("caf\xC3\xA9")); // UTF-8 bytes are not controls
    EXPECT_FALSE(has_control_character("\xC2\x85"));    // nor is U+0085 at this level
    EXPECT_TRUE(has_control_character("line\r\nInjected: yes"));
    EXPECT_TRUE(has_control_character("tab\there"));
    EXPECT_TRUE(has_control_character("nul\0inside"sv));
    EXPECT_TRUE(has_control_character("\x1B[31m"));
    EXPECT_TRUE(has_control_character("del\x7F"));
}

TEST(AsciiText, FindsSpacesAndControls)
{
    EXPECT_FALSE(has_space_or_control_character("sip:alice@example.com"));
    EXPECT_FALSE(has_space_or_control_character("h\xC3\xB6st")); // UTF-8 is neither
    EXPECT_TRUE(has_space_or_control_character("sip:alice@example.com x"));
    EXPECT_TRUE(has_space_or_control_character("host\tname"));
    EXPECT_TRUE(has_space_or_control_character("host\x7F"));
}

TEST(AsciiText, PrintableAscii)
{
    EXPECT_TRUE(is_printable_ascii("application/pkcs7-mime; smime-type=enveloped-data"));
    EXPECT_TRUE(is_printable_ascii(""));
    EXPECT_FALSE(is_printable_ascii("tab\t"));
    EXPECT_FALSE(is_printable_ascii("caf\xC3\xA9"));
}

TEST(TokenGrammars, Rfc3261TokenIsAlphanumAndItsTenMarks)
{
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    expect_exactly(is_rfc3261_token_char, all_of(letters_and_digits) + "-.!%*_+`'~");
    EXPECT_TRUE(is_rfc3261_token("INVITE"));
    EXPECT_TRUE(is_rfc3261_token("x-Cordon.Test!%*_+`'~"));
    EXPECT_FALSE(is_rfc3261_token(""));
    for (const std::string_view separator : {"(", ")", "<", ">", "@", ",", ";",  ":", "\\", "\"", "/", "[",
                                             "]", "?", "=", "{", "}", " ", "\t", "#", "$",  "&",  "^", "|"}) {
        EXPECT_FALSE(is_rfc3261_token(std::string("A") + std::string(separator))) << separator;
    }
}

TEST(TokenGrammars, Rfc7230TcharHasTheHttpMarks)
{
    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
    //         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    expect_exactly(is_rfc7230_tchar, all_of(letters_and_digits) + "!#$%&'*+-.^_`|~");
    EXPECT_TRUE(is_rfc7230_token("Digest"));
    EXPECT_FALSE(is_rfc7230_token("Dig{est}"));
    EXPECT_FALSE(is_rfc7230_token(""));
}

TEST(TokenGrammars, Rfc2045TokenIsPrintableButTspecials)
{
    std::string token;
    for (int value = '!'; value <= '~'; ++value) {
        if (std::string_view("()<>@,;:\\\"/[]?=").find(static_cast<char>(value)) == std::string_view::npos) {
            token += static_cast<char>(value);
        }
    }
    expect_exactly(is_rfc2045_token_char, token);
    EXPECT_TRUE(is_rfc2045_token("pkcs7-mime"));
    EXPECT_TRUE(is_rfc2045_token("{x}"));
    EXPECT_FALSE(is_rfc2045_token("application/pkcs7-mime"));
    EXPECT_FALSE(is_rfc2045_token(""));
}

TEST(TokenGrammars, Rfc4566TokenCharIsItsAbnfRanges)
{
    // token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
    std::string token = "\x21";
    const auto add_range = [&](int first, int last) {
        for (int value = first; value <= last; ++value) {
            token += static_cast<char>(value);
        }
    };
    add_range(0x23, 0x27);
    add_range(0x2A, 0x2B);
    add_range(0x2D, 0x2E);
    add_range(0x30, 0x39);
    add_range(0x41, 0x5A);
    add_range(0x5E, 0x7E);
    expect_exactly(is_rfc4566_token_char, token);
    EXPECT_TRUE(is_rfc4566_token("rtpmap"));
    EXPECT_TRUE(is_rfc4566_token("telephone-event"));
    EXPECT_FALSE(is_rfc4566_token("RTP/AVP"));
    EXPECT_FALSE(is_rfc4566_token(""));
}

TEST(UriGrammar, Rfc3986Scheme)
{
    EXPECT_TRUE(is_rfc3986_scheme("sip"));
    EXPECT_TRUE(is_rfc3986_scheme("SIPS"));
    EXPECT_TRUE(is_rfc3986_scheme("a1+b-c.d"));
    EXPECT_FALSE(is_rfc3986_scheme(""));
    EXPECT_FALSE(is_rfc3986_scheme("1sip"));
    EXPECT_FALSE(is_rfc3986_scheme("+sip"));
    EXPECT_FALSE(is_rfc3986_scheme("si_p"));
    EXPECT_FALSE(is_rfc3986_scheme("s\xC3\xADp"));
}

} // namespace
} // namespace cordon
