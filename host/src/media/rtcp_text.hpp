// Text RTCP carries (a CNAME, a BYE reason) ends up in logs and user
// interfaces: it is refused, on reading and on writing, when it holds a
// control character that could forge a line or a terminal escape. Bytes from
// 0x80 up are allowed: both fields are UTF-8.
#pragma once

#include <algorithm>
#include <string_view>

namespace cordon::media {

inline constexpr unsigned char kFirstPrintableAscii = 0x20;
inline constexpr unsigned char kAsciiDelete = 0x7F;

inline bool is_acceptable_rtcp_text(std::string_view text)
{
    return std::ranges::none_of(text, [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < kFirstPrintableAscii || byte == kAsciiDelete;
    });
}

} // namespace cordon::media
