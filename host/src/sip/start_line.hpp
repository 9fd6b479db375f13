// The request line or status line, read by Cordon itself: libosip2 accepts
// versions other than SIP/2.0 and codes above 699, and refuses methods and
// URI schemes that RFC 3261 allows.
#pragma once

#include <string>
#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::sip {

inline constexpr std::string_view sip_version = "SIP/2.0";

struct StartLine {
    bool is_request = false;
    std::string method;      // requests
    std::string request_uri; // requests
    int status_code = 0;     // responses
    std::string reason_phrase;
};

// Whether the line is shaped like a request line at all (three parts, the
// last one a SIP version): only such a message can be answered.
bool looks_like_request_line(std::string_view line);

// Exactly one SP between the parts, none at the ends (RFC 3261 section 25.1).
Result<StartLine> parse_start_line(std::string_view line);

} // namespace cordon::sip
