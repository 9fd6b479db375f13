// Reading parts of a received message that libosip2 leaves as text: the
// body, its media type, headers it keeps by name only, and what a response
// means to the application.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cordon/host/user_agent.hpp"
#include "sip/osip_handles.hpp"
#include "sip/transaction_layer.hpp"

namespace cordon::ua {

std::string body_of(const osip_message_t &message);
// "type/subtype" without parameters, lower-case; empty without a Content-Type.
std::string content_type_of(const osip_message_t &message);
// The whole Content-Type value, parameters included ("application/pkcs7-mime;
// smime-type=authEnveloped-data"); empty without one.
std::string content_type_value(const osip_message_t &message);

// The value of the one header named name (or its compact form, if any):
// nothing when absent; an error text when it appears more than once.
struct SingleHeader {
    std::optional<std::string> value;
    bool repeated = false;
};
// The seconds of a header that holds only delta-seconds (Expires,
// Retry-After, Min-Expires): nothing when it is absent, repeated, not all
// digits or past 2**32 - 1.
std::optional<std::uint32_t> header_seconds(const osip_message_t &message, std::string_view name);

// A response's status line as reasons quote it: "486 Busy Here".
std::string status_text(const osip_message_t &response);

// The final status of a request sent, or 0 with why it never got one.
RequestOutcome outcome_of(const sip::ClientEvent &event);

SingleHeader single_header(const osip_message_t &message, std::string_view name, std::string_view compact = {});

} // namespace cordon::ua
