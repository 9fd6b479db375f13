// Strict UTF-8 (RFC 3629) for C++ callers: the decoder of core/utf8.h, which
// Cordon's plugins use too, over string views. The settings reader runs it
// before toml++ (which points at the character before a bad byte, sometimes
// on the line above), the PIDF reader on every presence body, the plugin
// validators on every string a plugin supplies, and display_text.hpp to
// decode what it shows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/utf8.h"

namespace cordon {

struct DecodedCodePoint {
    char32_t code_point = 0;
    std::size_t length = 0; // bytes of the sequence, 1 to 4
};

// The well-formed sequence starting at text[offset], or nothing when the
// byte there does not start one.
inline std::optional<DecodedCodePoint> decode_utf8_at(std::string_view text, std::size_t offset)
{
    std::uint32_t code_point = 0;
    const std::size_t length = utf8_sequence_at(text.data() + offset, text.size() - offset, &code_point);
    if (length == 0) {
        return std::nullopt;
    }
    return DecodedCodePoint{static_cast<char32_t>(code_point), length};
}

// The offset of the first byte that does not start a well-formed UTF-8
// sequence (overlong forms, surrogates and values past U+10FFFF included).
inline std::optional<std::size_t> first_invalid_utf8(std::string_view text)
{
    const std::size_t valid = utf8_valid_prefix(text.data(), text.size());
    if (valid == text.size()) {
        return std::nullopt;
    }
    return valid;
}

inline bool is_valid_utf8(std::string_view text) { return utf8_is_valid(text.data(), text.size()); }

} // namespace cordon
