// Strict UTF-8 validation that says where the first bad byte is. The settings
// reader runs it before toml++ (which points at the character before a bad
// byte, sometimes on the line above), the PIDF reader on every presence body.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cordon {

// The offset of the first byte that does not start a well-formed UTF-8
// sequence (overlong forms, surrogates and values past U+10FFFF included).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace cordon
