// Text from the wire quoted in an error message or a reason phrase: capped,
// and with every byte that is not printable ASCII shown as '?', so a hostile
// message cannot write escape sequences to a terminal or a log.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/ascii_chars.h"

namespace cordon::sip {

inline constexpr std::size_t max_quoted_wire_bytes = 60;

inline std::string printable(std::string_view text, std::size_t limit = max_quoted_wire_bytes)
{
    std::string out;
    for (const char c : text.substr(0, limit)) {
        out += ascii_is_printable(c) ? c : '?';
    }
    if (text.size() > limit) {
        out += "...";
    }
    return out;
}

} // namespace cordon::sip
