#include "presence/xml_markup_check.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/ascii_text.hpp"

namespace cordon::presence {
namespace {

Error markup_error(std::size_t offset, const std::string &what)
{
    return Error{ErrorCode::malformed_input, "PIDF body at byte " + std::to_string(offset) + ": " + what};
}

// The length of a well-formed reference at text[0] ('&'), or 0: a character
// reference (decimal or hexadecimal) or one of XML's five predefined entities.
std::size_t reference_length(std::string_view text)
{
    static constexpr std::array<std::string_view, 5> predefined{"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (const std::string_view name : predefined) {
        if (text.substr(0, name.size()) == name) {
            return name.size();
        }
    }
    std::size_t index = 2;
    const bool hexadecimal = text.substr(0, 3) == "&#x";
    if (!hexadecimal && text.substr(0, 2) != "&#") {
        return 0;
    }
    if (hexadecimal) {
        index = 3;
    }
    const std::size_t digits_start = index;
    while (index < text.size() && (hexadecimal ? ascii_is_hex_digit(text[index]) : ascii_is_digit(text[index]))) {
        ++index;
    }
    if (index == digits_start || index >= text.size() || text[index] != ';') {
        return 0;
    }
    return index + 1;
}

} // namespace

Result<void> check_xml_markup(std::string_view xml)
{
    // Only '<' and '&' start anything this scan looks at.
    for (std::size_t offset = 0; offset < xml.size();) {
        if (xml[offset] != '<' && xml[offset] != '&') {
            ++offset;
            continue;
        }
        const std::string_view rest = xml.substr(offset);
        if (rest.front() == '&') {
            const std::size_t length = reference_length(rest);
            if (length == 0) {
                return markup_error(offset, "'&' starts no character reference and none of "
                                            "&amp; &lt; &gt; &quot; &apos; (other entities are not defined)");
            }
            offset += length;
        } else if (rest.substr(0, 4) == "<!--") {
            const std::size_t end = rest.find("-->", 4);
            if (end == std::string_view::npos) {
                return markup_error(offset, "a comment does not end");
            }
            offset += end + 3;
        } else if (rest.substr(0, 9) == "<![CDATA[") {
            const std::size_t end = rest.find("]]>", 9);
            if (end == std::string_view::npos) {
                return markup_error(offset, "a CDATA section does not end");
            }
            offset += end + 3;
        } else if (starts_with_ignoring_ascii_case(rest, "<!DOCTYPE")) {
            return markup_error(offset, "a DOCTYPE is not allowed in a presence document (no DTDs, no entities)");
        } else if (starts_with_ignoring_ascii_case(rest, "<!ENTITY")) {
            return markup_error(offset, "an entity declaration is not allowed in a presence document");
        } else {
            ++offset;
        }
    }
    return {};
}

} // namespace cordon::presence
