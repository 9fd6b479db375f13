// The response that tells a peer why its request was refused before any
// transaction saw it (RFC 3261 section 8.2: 400 with the reason in the
// phrase, or 505). Built from the request's own Via, From, To, Call-ID and
// CSeq fields as received, since libosip2 never accepted the message; when
// one of them is missing, repeated or not plain text, the request cannot be
// answered and nothing is sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sip/received_message.hpp"

namespace cordon::sip {

// to_tag is added to To when the request's To has no tag (section 8.2.6.2).
std::optional<std::string> rejection_response(std::string_view request, const RejectionReply &reply,
                                              const std::string &to_tag);

} // namespace cordon::sip
