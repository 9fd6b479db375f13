// The character-level rules of RFC 3261 section 25 that libosip2 does not
// enforce: header names are tokens (is_rfc3261_token, core/ascii_text.hpp), control characters appear only escaped
// inside a quoted string, and quoted strings end.
#pragma once

#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::sip {

Result<void> check_header_name(std::string_view name);

// Header fields whose values carry a display name in a quoted string.
bool carries_display_name(std::string_view name);

// For headers with display names quotes must balance and control characters
// may appear only as a quoted pair; elsewhere only HTAB is allowed.
Result<void> check_header_value(std::string_view name, std::string_view value);

} // namespace cordon::sip
