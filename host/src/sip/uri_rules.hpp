// URI checks libosip2 leaves out: a SIP Request-URI carries no headers
// (RFC 3261 section 19.1.1), an IPv6 host is a valid address (RFC 5118,
// RFC 5954) and a port is a number that fits in 16 bits.
#pragma once

#include <string_view>

#include <osipparser2/osip_uri.h>

#include "cordon/host/result.hpp"

namespace cordon::sip {

bool is_sip_scheme(std::string_view scheme);

// Any absoluteURI is allowed (RFC 3261 section 25.1); sip: and sips: are
// parsed and checked further.
Result<void> check_request_uri(std::string_view uri);

// The host and port libosip2 parsed from a sip: or sips: URI.
Result<void> check_uri_host(const osip_uri_t &uri);

} // namespace cordon::sip
