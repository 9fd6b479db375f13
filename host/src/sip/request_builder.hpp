// Requests a user agent client sends (RFC 3261 section 8.1.1), built with
// libosip2's setters so that every value is parsed as it is set: a caller's
// malformed URI or tag is an error here, never text on the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cordon/host/result.hpp"
#include "sip/osip_handles.hpp"

namespace cordon::sip {

struct RequestSpec {
    std::string method;
    std::string request_uri;
    std::string from; // name-addr or addr-spec, without the tag
    std::string from_tag;
    std::string to;     // name-addr or addr-spec, without the tag
    std::string to_tag; // empty outside a dialog
    std::string call_id;
    std::uint32_t cseq = 1;
    std::string via_transport; // "UDP", "TCP", "TLS"
    std::string via_sent_by;   // "host:port" of this user agent
    std::string via_branch;    // starts with z9hG4bK
    std::vector<std::string> routes;
    std::optional<std::string> contact;
    std::optional<std::uint32_t> expires;
    std::vector<std::pair<std::string, std::string>> headers; // added in order
    std::string content_type;                                 // with a body only
    std::string body;
};

Result<OsipMessage> build_request(const RequestSpec &spec);

// Random tokens for tags, Call-IDs and branches: 128 bits from OpenSSL's
// generator as lower-case hex (RFC 3261 section 19.3 asks for 32 bits at least).
std::string random_token();
std::string new_branch(); // "z9hG4bK" + random_token()

} // namespace cordon::sip
