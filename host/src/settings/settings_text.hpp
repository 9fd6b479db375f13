// Small text helpers shared by the parser's messages and the docs.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace cordon::settings_detail {

// Longest text from a settings file quoted in full inside an error message;
// the file may hold a megabyte-long key and the message is one line.
inline constexpr std::size_t max_quoted_chars = 80;

// The 1-based line and column (in characters, as toml++ counts) of a byte
// offset into text.
struct TextPosition {
    std::size_t line;
    std::size_t column;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// A character of a TOML bare key: A-Za-z0-9_- (TOML 1.0, "Keys"). Constexpr
// for the compile-time check of the settings table.
constexpr bool is_toml_bare_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// A TOML basic string: "a \"b\"", with control characters escaped.
std::string toml_quoted(std::string_view text);

// As toml_quoted, shortened past max_quoted_chars, for error messages.
std::string quoted_for_message(std::string_view text);

// One key part as it is written in a dotted key: bare when it can be.
std::string key_part_for_message(std::string_view part);

// "a", "b", "c"
std::string quoted_list(std::span<const std::string_view> names);

// Greedy word wrap of text into lines of at most width characters, the first
// starting with first_prefix and the rest with continuation_prefix. A word
// longer than a line gets a line of its own.
std::string wrapped(std::string_view text, std::string_view first_prefix, std::string_view continuation_prefix,
                    std::size_t width);

} // namespace cordon::settings_detail
