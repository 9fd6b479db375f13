#include "core/ascii_text.hpp"

#include <algorithm>

namespace cordon {
namespace {

template <typename IsTokenChar> bool is_token(std::string_view text, IsTokenChar is_token_char)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

} // namespace

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b)
{
    return ascii_spans_equal_nocase(a.data(), a.size(), b.data(), b.size());
}

bool starts_with_ignoring_ascii_case(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && equal_ignoring_ascii_case(text.substr(0, prefix.size()), prefix);
}

std::string ascii_lowercase(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), ascii_to_lower);
    return lower;
}

std::string_view trim_blanks(std::string_view text) { return trim_trailing_blanks(trim_leading_blanks(text)); }

std::string_view trim_leading_blanks(std::string_view text)
{
    text.remove_prefix(ascii_leading_blanks(text.data(), text.size()));
    return text;
}

std::string_view trim_trailing_blanks(std::string_view text)
{
    text.remove_suffix(ascii_trailing_blanks(text.data(), text.size()));
    return text;
}

bool has_control_character(std::string_view text) { return ascii_has_control(text.data(), text.size()); }

bool has_space_or_control_character(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) { return c == ' ' || ascii_is_control(c); });
}

bool is_printable_ascii(std::string_view text) { return std::all_of(text.begin(), text.end(), ascii_is_printable); }

bool is_rfc3986_scheme(std::string_view text)
{
    const auto is_scheme_char = [](char c) { return ascii_is_alnum(c) || c == '+' || c == '-' || c == '.'; };
    return !text.empty() && ascii_is_alpha(text.front()) && std::all_of(text.begin(), text.end(), is_scheme_char);
}

bool is_rfc3261_token(std::string_view text) { return is_token(text, is_rfc3261_token_char); }

bool is_rfc4566_token(std::string_view text) { return is_token(text, is_rfc4566_token_char); }

bool is_rfc2045_token(std::string_view text) { return is_token(text, is_rfc2045_token_char); }

bool is_rfc7230_token(std::string_view text) { return is_token(text, is_rfc7230_tchar); }

} // namespace cordon
