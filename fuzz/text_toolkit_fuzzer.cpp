// The text toolkit (core/ascii_text.hpp, core/utf8_check.hpp) against
// properties and a reference written here the plain way: folding is
// idempotent and touches only A-Z, comparison without case agrees with
// equality of the folded texts, the token grammars nest as their RFCs say,
// and the strict UTF-8 decoder agrees with a decoder that computes the code
// point first and only then refuses overlong forms, surrogates and values
// past U+10FFFF. The first byte says where the input splits into two texts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ascii_text.hpp"
#include "core/utf8_check.hpp"

namespace {

void require(bool condition)
{
    if (!condition) {
        __builtin_trap();
    }
}

struct ReferenceDecoded {
    char32_t code_point;
    std::size_t length;
};

// The sequence at text[offset] by its bit pattern alone, then the three
// refusals of RFC 3629 section 3 checked on the value.
std::optional<ReferenceDecoded> reference_decode(std::string_view text, std::size_t offset)
{
    const auto byte = [&](std::size_t index) { return static_cast<unsigned char>(text[offset + index]); };
    std::size_t length = 0;
    char32_t value = 0;
    if (byte(0) < 0x80) {
        return ReferenceDecoded{byte(0), 1};
    }
    if ((byte(0) & 0xE0) == 0xC0) {
        length = 2;
        value = byte(0) & 0x1Fu;
    } else if ((byte(0) & 0xF0) == 0xE0) {
        length = 3;
        value = byte(0) & 0x0Fu;
    } else if ((byte(0) & 0xF8) == 0xF0) {
        length = 4;
        value = byte(0) & 0x07u;
    } else {
        return std::nullopt;
    }
    if (text.size() - offset < length) {
        return std::nullopt;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return std::nullopt;
        }
        value = (value << 6u) | (byte(i) & 0x3Fu);
    }
    const char32_t shortest_minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < shortest_minimum[length] || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
        return std::nullopt;
    }
    return ReferenceDecoded{value, length};
}

void check_utf8(std::string_view text)
{
    std::size_t offset = 0;
    while (offset < text.size()) {
        const auto expected = reference_decode(text, offset);
        const auto decoded = cordon::decode_utf8_at(text, offset);
        require(expected.has_value() == decoded.has_value());
        if (!decoded) {
            break;
        }
        require(decoded->code_point == expected->code_point && decoded->length == expected->length);
        offset += decoded->length;
    }
    const auto first_invalid = cordon::first_invalid_utf8(text);
    require(first_invalid == (offset == text.size() ? std::nullopt : std::optional<std::size_t>(offset)));
    require(cordon::is_valid_utf8(text) == !first_invalid);
}

std::string reference_lowercase(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return out;
}

void check_case(std::string_view a, std::string_view b)
{
    const std::string lower_a = cordon::ascii_lowercase(a);
    require(lower_a == reference_lowercase(a));
    require(cordon::ascii_lowercase(lower_a) == lower_a);
    const std::string lower_b = cordon::ascii_lowercase(b);
    require(cordon::equal_ignoring_ascii_case(a, b) == (lower_a == lower_b));
    require(cordon::equal_ignoring_ascii_case(a, b) == cordon::equal_ignoring_ascii_case(b, a));
    require(cordon::equal_ignoring_ascii_case(a, lower_a));
    require(cordon::starts_with_ignoring_ascii_case(a, b) == lower_a.starts_with(lower_b));
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

void check_trim(std::string_view text)
{
    const std::string_view trimmed = cordon::trim_blanks(text);
    require(trimmed.empty() || (!is_blank(trimmed.front()) && !is_blank(trimmed.back())));
    const std::size_t start = static_cast<std::size_t>(trimmed.data() - text.data());
    require(start <= text.size() && trimmed.size() <= text.size() - start);
    const std::string_view before = text.substr(0, start);
    const std::string_view after = text.substr(start + trimmed.size());
    require(std::all_of(before.begin(), before.end(), is_blank) && std::all_of(after.begin(), after.end(), is_blank));
}

void check_classes(std::string_view text)
{
    const bool any_control = std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
    require(cordon::has_control_character(text) == any_control);
    // RFC 3261 token characters are RFC 7230 tchars, which are RFC 2045 token
    // characters, which are RFC 4566 token-chars; none is a control or a byte
    // past ASCII.
    for (const char c : text) {
        require(!is_rfc3261_token_char(c) || is_rfc7230_tchar(c));
        require(!is_rfc7230_tchar(c) || is_rfc2045_token_char(c));
        require(is_rfc2045_token_char(c) == is_rfc4566_token_char(c));
        require(!is_rfc2045_token_char(c) || (ascii_is_printable(c) && c != ' '));
    }
    require(!cordon::is_rfc3261_token(text) || cordon::is_rfc7230_token(text));
    require(!cordon::is_rfc7230_token(text) || cordon::is_rfc2045_token(text));
    require(!cordon::is_rfc2045_token(text) || cordon::is_printable_ascii(text));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    if (input.empty()) {
        return 0;
    }
    const std::string_view text = input.substr(1);
    const std::size_t split = std::min<std::size_t>(static_cast<unsigned char>(input[0]), text.size());
    const std::string_view a = text.substr(0, split);
    const std::string_view b = text.substr(split);
    check_utf8(text);
    check_case(a, b);
    check_trim(text);
    check_classes(text);
    return 0;
}
