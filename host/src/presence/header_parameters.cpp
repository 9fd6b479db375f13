#include "presence/header_parameters.hpp"

#include "core/ascii_text.hpp"
#include "sip/wire_text.hpp"

namespace cordon::presence {
namespace {

// LWS = [*WSP CRLF] 1*WSP, so a line break counts only when the next line
// continues with whitespace; a bare CR or LF stays and is refused later.
std::size_t skip_linear_whitespace(std::string_view text, std::size_t at)
{
    while (at < text.size()) {
        if (ascii_is_blank(text[at])) {
            ++at;
        } else if (text.substr(at, 2) == "\r\n" && at + 2 < text.size() && ascii_is_blank(text[at + 2])) {
            at += 3;
        } else {
            break;
        }
    }
    return at;
}

std::size_t token_end(std::string_view text, std::size_t at)
{
    while (at < text.size() && is_rfc3261_token_char(text[at])) {
        ++at;
    }
    return at;
}

// quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE, qdtext without
// control characters; returns the end past the closing quote, or 0.
std::size_t quoted_string_end(std::string_view text, std::size_t at)
{
    for (std::size_t index = at + 1; index < text.size(); ++index) {
        if (text[index] == '"') {
            return index + 1;
        }
        if (text[index] == '\\') {
            ++index; // quoted-pair: any octet but CR and LF
            if (index >= text.size() || text[index] == '\r' || text[index] == '\n') {
                return 0;
            }
        } else if (ascii_is_control(text[index]) && text[index] != '\t') {
            return 0;
        }
    }
    return 0;
}

// gen-value = token / host / quoted-string; a host is a token or an IPv6
// reference, so ':', '[' and ']' join the token characters here.
std::size_t value_end(std::string_view text, std::size_t at)
{
    if (at < text.size() && text[at] == '"') {
        return quoted_string_end(text, at);
    }
    std::size_t end = at;
    while (end < text.size() &&
           (is_rfc3261_token_char(text[end]) || text[end] == ':' || text[end] == '[' || text[end] == ']')) {
        ++end;
    }
    return end == at ? 0 : end;
}

Error header_error(std::string_view header, const std::string &what)
{
    return Error{ErrorCode::malformed_input, std::string(header) + ": " + what};
}

} // namespace

Result<SplitHeaderValue> split_header_value(std::string_view value, std::string_view header)
{
    if (value.size() > max_event_header_value_bytes) {
        return header_error(header, std::to_string(value.size()) + " bytes, more than the limit of " +
                                        std::to_string(max_event_header_value_bytes));
    }
    SplitHeaderValue split;
    std::size_t at = skip_linear_whitespace(value, 0);
    const std::size_t head_end = token_end(value, at);
    split.head = value.substr(at, head_end - at);
    if (split.head.empty()) {
        return header_error(header, "'" + sip::printable(value) + "' does not start with a token");
    }
    at = skip_linear_whitespace(value, head_end);
    while (at < value.size()) {
        if (value[at] != ';') {
            return header_error(header, "unexpected '" + sip::printable(value.substr(at, 1)) + "' at byte " +
                                            std::to_string(at) + " (parameters follow ';')");
        }
        if (split.parameters.size() == max_event_header_parameters) {
            return header_error(header, "more than " + std::to_string(max_event_header_parameters) + " parameters");
        }
        at = skip_linear_whitespace(value, at + 1);
        const std::size_t name_end = token_end(value, at);
        if (name_end == at) {
            return header_error(header, "a ';' at byte " + std::to_string(at) + " is not followed by a parameter name");
        }
        HeaderParameter parameter{std::string(value.substr(at, name_end - at)), std::nullopt};
        for (const HeaderParameter &seen : split.parameters) {
            if (equal_ignoring_ascii_case(seen.name, parameter.name)) {
                return header_error(header, "parameter '" + sip::printable(parameter.name) + "' appears twice");
            }
        }
        at = skip_linear_whitespace(value, name_end);
        if (at < value.size() && value[at] == '=') {
            at = skip_linear_whitespace(value, at + 1);
            const std::size_t end = value_end(value, at);
            if (end == 0) {
                return header_error(header, "parameter '" + sip::printable(parameter.name) +
                                                "' has '=' but no valid value (token, host or quoted string)");
            }
            parameter.value = std::string(value.substr(at, end - at));
            at = skip_linear_whitespace(value, end);
        }
        split.parameters.push_back(std::move(parameter));
    }
    return split;
}

std::string write_parameters(const std::vector<HeaderParameter> &parameters)
{
    std::string text;
    for (const HeaderParameter &parameter : parameters) {
        text += ';' + parameter.name;
        if (parameter.value) {
            text += '=' + *parameter.value;
        }
    }
    return text;
}

} // namespace cordon::presence
