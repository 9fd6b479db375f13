#pragma once

#include <string_view>

namespace cordon {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
// U+10FFFF. Plugin strings end up in logs, JSON and terminals; a lenient
// decoder would let two different byte strings name the same plugin.
bool is_valid_utf8(std::string_view text);

}  // namespace cordon
