// Strict UTF-8 validation, before toml++ sees the text: toml++ refuses bad
// UTF-8 too, but points at the character before it, sometimes on the line
// above. A file saved as Latin-1 is a common mistake; say exactly where.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace cordon::settings_detail {

// The offset of the first byte that does not start a well-formed UTF-8
// sequence (overlong forms, surrogates and values past U+10FFFF included).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace cordon::settings_detail
