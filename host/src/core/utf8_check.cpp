#include "core/utf8_check.hpp"

namespace cordon {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

} // namespace

// The ranges of the second byte are those of the Unicode standard's table of
// well-formed UTF-8 (table 3-7): they exclude overlong forms, surrogates and
// values above U+10FFFF.
std::optional<DecodedCodePoint> decode_utf8_at(std::string_view text, std::size_t offset)
{
    const auto byte_at = [&](std::size_t index) { return static_cast<unsigned char>(text[offset + index]); };
    const unsigned char lead = byte_at(0);
    if (lead < 0x80)
        return DecodedCodePoint{lead, 1};
    std::size_t length = 0;
    char32_t code_point = 0;
    unsigned char second_low = 0x80;
    unsigned char second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0Fu;
        if (lead == 0xE0)
            second_low = 0xA0;
        if (lead == 0xED)
            second_high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07u;
        if (lead == 0xF0)
            second_low = 0x90;
        if (lead == 0xF4)
            second_high = 0x8F;
    } else {
        return std::nullopt;
    }
    if (offset + length > text.size())
        return std::nullopt;
    if (byte_at(1) < second_low || byte_at(1) > second_high)
        return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
        if (!is_continuation(byte_at(i)))
            return std::nullopt;
        code_point = (code_point << 6u) | (byte_at(i) & 0x3Fu);
    }
    return DecodedCodePoint{code_point, length};
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text)
{
    for (std::size_t offset = 0; offset < text.size();) {
        const auto decoded = decode_utf8_at(text, offset);
        if (!decoded)
            return offset;
        offset += decoded->length;
    }
    return std::nullopt;
}

} // namespace cordon
