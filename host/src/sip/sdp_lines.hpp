// A received SDP body cut into typed lines, with the checks that come before
// any field is read: the size, the number of lines, the line ends, the
// "<letter>=<value>" shape and the absence of control characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::sip {

struct SdpLine {
    std::size_t number = 0; // 1-based, for error messages
    char type = 0;          // the letter before '='
    std::string_view value; // after '=', without the line end
};

// Every line ends in CRLF or LF (a lone CR, an empty line, or a last line
// without its end is refused), and its type is a lowercase letter.
Result<std::vector<SdpLine>> split_sdp_lines(std::string_view body);

// "SDP line N: why"; why names the field and quotes wire text only through
// printable().
Error sdp_error(const SdpLine &line, const std::string &why);

} // namespace cordon::sip
