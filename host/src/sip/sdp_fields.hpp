// The values inside SDP lines (RFC 4566 section 9): space-separated fields,
// tokens, decimal numbers and numeric addresses, each read strictly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::sip {

// The value split at single spaces; an empty field (a doubled, leading or
// trailing space) is kept as empty so the caller refuses it.
std::vector<std::string_view> split_fields(std::string_view value);

// Decimal digits only (no sign, no space), at most max: checked per digit, so
// no value overflows before the comparison.
std::optional<std::uint64_t> parse_decimal(std::string_view text, std::uint64_t max);

// A numeric address as inet_pton reads it: IPv4 dotted quad, or IPv6
// without a zone.
bool is_numeric_ipv4(const std::string &address);
bool is_numeric_ipv6(const std::string &address);

// "IN IP4 <address>" or "IN IP6 <address>" with a numeric address of that
// family, as inet_pton reads it. A host name is refused: Cordon never
// resolves a name a peer sent. what names the line in the message.
Result<std::string> parse_network_address(std::string_view value, std::string_view what);

// An a= value: "<name>" or "<name>:<value>". nullopt when the name is not a
// token.
struct SdpAttribute {
    std::string_view name;
    std::optional<std::string_view> value;
};
std::optional<SdpAttribute> split_attribute(std::string_view text);

} // namespace cordon::sip
