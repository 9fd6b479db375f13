#include "settings/settings_text.hpp"

#include <algorithm>
#include <array>

#include "core/ascii_chars.h"
#include "core/utf8.h"

namespace cordon::settings_detail {
namespace {

std::size_t char_count(std::string_view text)
{
    const auto starts_a_char = [](char c) { return !utf8_is_continuation_byte(c); };
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), starts_a_char));
}

// The longest prefix of text with at most max_chars characters, never
// cutting a UTF-8 sequence in two.
std::string_view prefix_of_chars(std::string_view text, std::size_t max_chars)
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!utf8_is_continuation_byte(text[i]) && chars++ == max_chars)
            return text.substr(0, i);
    }
    return text;
}

} // namespace

TextPosition position_of(std::string_view text, std::size_t offset)
{
    TextPosition position{1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else if (!utf8_is_continuation_byte(text[i])) {
            ++position.column;
        }
    }
    return position;
}

std::string toml_quoted(std::string_view text)
{
    constexpr std::array<char, 16> hex_digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                 '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string quoted = "\"";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += c;
        } else if (ascii_is_control(c)) {
            quoted += "\\u00";
            quoted += hex_digits[byte >> 4];
            quoted += hex_digits[byte & 0x0F];
        } else {
            quoted += c;
        }
    }
    quoted += '"';
    return quoted;
}

std::string quoted_for_message(std::string_view text)
{
    const std::string_view shown = prefix_of_chars(text, max_quoted_chars);
    if (shown.size() == text.size())
        return toml_quoted(text);
    return toml_quoted(shown) + "…";
}

std::string key_part_for_message(std::string_view part)
{
    const bool is_bare = !part.empty() && std::all_of(part.begin(), part.end(), is_toml_bare_key_char);
    if (is_bare && part.size() <= max_quoted_chars)
        return std::string(part);
    return quoted_for_message(part);
}

std::string quoted_list(std::span<const std::string_view> names)
{
    std::string list;
    for (std::string_view name : names) {
        if (!list.empty())
            list += ", ";
        list += toml_quoted(name);
    }
    return list;
}

std::string wrapped(std::string_view text, std::string_view first_prefix, std::string_view continuation_prefix,
                    std::size_t width)
{
    std::string result(first_prefix);
    std::size_t line_chars = char_count(first_prefix);
    bool line_has_word = false;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t word_start = text.find_first_not_of(' ', start);
        if (word_start == std::string_view::npos)
            break;
        const std::size_t word_end = std::min(text.find(' ', word_start), text.size());
        const std::string_view word = text.substr(word_start, word_end - word_start);
        const std::size_t word_chars = char_count(word);
        if (line_has_word && line_chars + 1 + word_chars > width) {
            result += '\n';
            result += continuation_prefix;
            line_chars = char_count(continuation_prefix);
            line_has_word = false;
        }
        if (line_has_word) {
            result += ' ';
            ++line_chars;
        }
        result += word;
        line_chars += word_chars;
        line_has_word = true;
        start = word_end;
    }
    return result;
}

} // namespace cordon::settings_detail
