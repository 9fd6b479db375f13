#include "core/utf8_check.hpp"

namespace cordon {
namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed sequence at text[offset], or 0. The ranges of
// the second byte are those of the Unicode standard's table of well-formed
// UTF-8 (table 3-7): they exclude overlong forms, surrogates and > U+10FFFF.
std::size_t sequence_length(std::string_view text, std::size_t offset)
{
    const auto byte_at = [&](std::size_t index) { return static_cast<unsigned char>(text[offset + index]); };
    const unsigned char lead = byte_at(0);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    unsigned char second_low = 0x80;
    unsigned char second_high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            second_low = 0xA0;
        if (lead == 0xED)
            second_high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            second_low = 0x90;
        if (lead == 0xF4)
            second_high = 0x8F;
    } else {
        return 0;
    }
    if (offset + length > text.size())
        return 0;
    if (byte_at(1) < second_low || byte_at(1) > second_high)
        return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (!is_continuation(byte_at(i)))
            return 0;
    return length;
}

} // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text)
{
    for (std::size_t offset = 0; offset < text.size();) {
        const std::size_t length = sequence_length(text, offset);
        if (length == 0)
            return offset;
        offset += length;
    }
    return std::nullopt;
}

} // namespace cordon
