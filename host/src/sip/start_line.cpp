#include "sip/start_line.hpp"

#include "core/ascii_text.hpp"
#include "sip/header_syntax.hpp"
#include "sip/uri_rules.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

constexpr int lowest_status_code = 100;
constexpr int highest_status_code = 699;

Error malformed(std::string message) { return Error{ErrorCode::malformed_input, std::move(message)}; }

Result<StartLine> parse_status_line(std::string_view line)
{
    // "SIP/2.0 SP 3DIGIT SP reason-phrase"; the phrase may be empty.
    const std::string_view rest = line.substr(sip_version.size());
    if (rest.size() < 5 || rest[0] != ' ' || rest[4] != ' ') {
        return malformed("status line '" + printable(line, 60) + "' is not 'SIP/2.0 <3-digit code> <reason>'");
    }
    int code = 0;
    for (const char c : rest.substr(1, 3)) {
        if (c < '0' || c > '9') {
            return malformed("status code '" + printable(rest.substr(1, 3)) + "' is not three digits");
        }
        code = code * 10 + (c - '0');
    }
    if (code < lowest_status_code || code > highest_status_code) {
        return malformed("status code " + std::to_string(code) + " is outside 100-699");
    }
    const std::string_view phrase = rest.substr(5);
    for (const char c : phrase) {
        if (ascii_is_control(c) && c != '\t') {
            return malformed("the reason phrase contains a control character");
        }
    }
    StartLine start;
    start.status_code = code;
    start.reason_phrase = std::string(phrase);
    return start;
}

Result<StartLine> parse_request_line(std::string_view line)
{
    const auto first = line.find(' ');
    const auto last = line.rfind(' ');
    if (first == std::string_view::npos || first == last) {
        return malformed("request line '" + printable(line, 60) + "' is not 'METHOD URI SIP/2.0'");
    }
    const std::string_view method = line.substr(0, first);
    const std::string_view uri = line.substr(first + 1, last - first - 1);
    const std::string_view version = line.substr(last + 1);
    if (version != sip_version) {
        return malformed("request line ends in '" + printable(version, 20) + "', not SIP/2.0");
    }
    if (!is_rfc3261_token(method)) {
        return malformed("method '" + printable(method, 40) + "' is not a token");
    }
    if (uri.empty() || uri.find(' ') != std::string_view::npos) {
        return malformed("the Request-URI is empty or contains spaces");
    }
    if (auto valid = check_request_uri(uri); !valid) {
        return valid.error();
    }
    StartLine start;
    start.is_request = true;
    start.method = std::string(method);
    start.request_uri = std::string(uri);
    return start;
}

} // namespace

bool looks_like_request_line(std::string_view line)
{
    return !line.starts_with(sip_version) && line.find(' ') != std::string_view::npos &&
           line.substr(line.rfind(' ') + 1).starts_with("SIP/");
}

Result<StartLine> parse_start_line(std::string_view line)
{
    if (line.starts_with(sip_version) && (line.size() == sip_version.size() || line[sip_version.size()] == ' ')) {
        return parse_status_line(line);
    }
    if (line.starts_with("SIP/")) {
        return malformed("status line has version '" + printable(line.substr(0, line.find(' '))) +
                         "'; only SIP/2.0 is supported");
    }
    return parse_request_line(line);
}

} // namespace cordon::sip
