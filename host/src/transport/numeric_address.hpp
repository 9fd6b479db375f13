// Addresses as the transport ABI carries them: numeric text only, since the
// host resolves names and a plugin never should.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cordon {

// An IPv4 or IPv6 address in numeric form, as inet_pton reads it.
bool is_numeric_address(std::string_view text);

// 0.0.0.0 or :: (any spelling): binding to it would listen on every interface.
bool is_wildcard_address(std::string_view text);

// Why text cannot be a local address to bind, or nothing when it can.
std::optional<std::string> refuse_local_address(std::string_view text);

} // namespace cordon
