#include "utf8.hpp"

#include <cstdint>

namespace cordon {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0u) == 0x80u; }

}  // namespace

bool is_valid_utf8(std::string_view text)
{
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80u) {
            ++i;
            continue;
        }
        size_t length = 0;
        uint32_t code_point = 0;
        uint32_t minimum = 0;  // smallest code point this length may encode
        if ((lead & 0xE0u) == 0xC0u) {
            length = 2;
            code_point = lead & 0x1Fu;
            minimum = 0x80u;
        } else if ((lead & 0xF0u) == 0xE0u) {
            length = 3;
            code_point = lead & 0x0Fu;
            minimum = 0x800u;
        } else if ((lead & 0xF8u) == 0xF0u) {
            length = 4;
            code_point = lead & 0x07u;
            minimum = 0x10000u;
        } else {
            return false;
        }
        if (text.size() - i < length) {
            return false;
        }
        for (size_t k = 1; k < length; ++k) {
            const auto byte = static_cast<unsigned char>(text[i + k]);
            if (!is_continuation(byte)) {
                return false;
            }
            code_point = (code_point << 6u) | (byte & 0x3Fu);
        }
        const bool surrogate = code_point >= 0xD800u && code_point <= 0xDFFFu;
        if (code_point < minimum || surrogate || code_point > 0x10FFFFu) {
            return false;
        }
        i += length;
    }
    return true;
}

}  // namespace cordon
