// Text RTCP carries (a CNAME, a BYE reason) ends up in logs and user
// interfaces: it is refused, on reading and on writing, when it holds a
// control character that could forge a line or a terminal escape. Bytes from
// 0x80 up are allowed: both fields are UTF-8.
#pragma once

#include <string_view>

#include "core/ascii_text.hpp"

namespace cordon::media {

inline bool is_acceptable_rtcp_text(std::string_view text) { return !has_control_character(text); }

} // namespace cordon::media
