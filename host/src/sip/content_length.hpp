// Content-Length as Cordon reads it, never as a library parsed it.
#pragma once

#include <cstddef>
#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::sip {

// Digits only (no sign, no spaces inside), no overflow, at most
// max_message_bytes: a larger body could not have arrived in one message.
Result<std::size_t> parse_content_length(std::string_view value);

} // namespace cordon::sip
