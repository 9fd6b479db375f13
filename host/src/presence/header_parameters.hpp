// The shape Subscription-State and Event values share (RFC 6665 section 8.4,
// RFC 3261 section 25.1): a leading word, then ";name" or ";name=value"
// parameters, with linear whitespace (folding included) around ";" and "=".
// Parameter names compare case-insensitively, so one given twice is refused
// whatever its case: two values for one name is how two parties come to read
// one header differently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::presence {

// A whole header value; RFC 6665 values are a word and a few parameters.
inline constexpr std::size_t max_event_header_value_bytes = 1024;
inline constexpr std::size_t max_event_header_parameters = 16;

struct HeaderParameter {
    std::string name;                 // as received
    std::optional<std::string> value; // as received: a token, a [host] or a "quoted string"

    bool operator==(const HeaderParameter &) const = default;
};

struct SplitHeaderValue {
    std::string_view head; // the leading run of token characters; the caller checks its form
    std::vector<HeaderParameter> parameters;
};

// header names the header in error messages.
Result<SplitHeaderValue> split_header_value(std::string_view value, std::string_view header);

// ";name" or ";name=value" for each parameter.
std::string write_parameters(const std::vector<HeaderParameter> &parameters);

} // namespace cordon::presence
