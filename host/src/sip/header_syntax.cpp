#include "sip/header_syntax.hpp"

#include <string>

#include "core/ascii_text.hpp"
#include "sip/message_framing.hpp"

namespace cordon::sip {
namespace {

Error bad_value(std::string_view name, const std::string &why)
{
    return Error{ErrorCode::malformed_input, "header " + std::string(name) + ": " + why};
}

} // namespace

Result<void> check_header_name(std::string_view name)
{
    if (!is_rfc3261_token(name)) {
        return Error{ErrorCode::malformed_input, "header name '" + std::string(name) + "' is not a token"};
    }
    return {};
}

bool carries_display_name(std::string_view name)
{
    return is_header(name, "To", "t") || is_header(name, "From", "f") || is_header(name, "Contact", "m") ||
           is_header(name, "Route") || is_header(name, "Record-Route") || is_header(name, "Reply-To");
}

Result<void> check_header_value(std::string_view name, std::string_view value)
{
    if (!carries_display_name(name)) {
        for (const char c : value) {
            if (ascii_is_control(c) && c != '\t') {
                return bad_value(name, "contains a control character");
            }
        }
        return {};
    }
    bool quoted = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (quoted && c == '\\') {
            if (i + 1 == value.size()) {
                return bad_value(name, "a quoted string ends in a lone backslash");
            }
            ++i; // a quoted pair may escape any octet but CR and LF, which never get here
            continue;
        }
        if (c == '"') {
            quoted = !quoted;
        } else if (ascii_is_control(c) && c != '\t') {
            return bad_value(name, "contains an unescaped control character");
        }
    }
    if (quoted) {
        return bad_value(name, "a quoted string is not terminated");
    }
    return {};
}

} // namespace cordon::sip
