// A bound on how deeply TOML text nests, checked before toml++ sees it.
// toml++ limits nested arrays and inline tables itself, but not dotted keys or
// table headers, and it recurses once per level: a file of "a.a.a.…" a few
// hundred kilobytes long overflows the stack. Settings never nest deeply, so
// anything past these bounds is refused with its position.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cordon::settings_detail {

inline constexpr std::size_t max_key_parts = 16;     // "a.b.c" has three
inline constexpr std::size_t max_bracket_depth = 32; // open '[' and '{' at once

struct NestingProblem {
    std::size_t line;   // 1-based, as toml++ counts
    std::size_t column; // 1-based, in characters
    std::string message;
};

std::optional<NestingProblem> find_excessive_nesting(std::string_view toml_text);

} // namespace cordon::settings_detail
