// The key a peer's certificate is found under: the address of record of a
// SIP URI, so that "sip:bob@example.com", "SIPS:bob@EXAMPLE.com:5061" and
// "sip:bob@example.com;transport=udp" find the same certificate.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cordon {

// The longest URI looked up; longer ones are refused rather than cut.
inline constexpr size_t max_peer_uri_bytes = 512;

// "sip:" + user + "@" + host for a sip: or sips: URI (scheme and host
// lower-cased, the user part as written, port, parameters and headers
// dropped: sip and sips name the same peer); nothing when uri is not one,
// has an empty user or host, holds a control character or space, or is
// longer than max_peer_uri_bytes.
std::optional<std::string> peer_address(std::string_view uri);

} // namespace cordon
