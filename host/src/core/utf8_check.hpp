// Strict UTF-8 (RFC 3629) in one place: no overlong forms, no surrogates,
// nothing above U+10FFFF. The settings reader runs it before toml++ (which
// points at the character before a bad byte, sometimes on the line above),
// the PIDF reader on every presence body, the plugin validators on every
// string a plugin supplies (a lenient decoder would let two byte strings
// name the same plugin), and display_text.hpp to decode what it shows.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cordon {

struct DecodedCodePoint {
    char32_t code_point = 0;
    std::size_t length = 0; // bytes of the sequence, 1 to 4
};

// The well-formed sequence starting at text[offset], or nothing when the
// byte there does not start one.
std::optional<DecodedCodePoint> decode_utf8_at(std::string_view text, std::size_t offset);

// The offset of the first byte that does not start a well-formed UTF-8
// sequence (overlong forms, surrogates and values past U+10FFFF included).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text); }

} // namespace cordon
