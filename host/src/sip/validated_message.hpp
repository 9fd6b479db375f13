// A received message that passed Cordon's validation, in the forms the SIP
// core needs: the summary, libosip2's structure for the transaction layer
// (start line and body set by Cordon, since libosip2 misreads some valid
// ones), and the header fields as received for what libosip2 would reshape
// (authentication challenges are handed to plugins as sent).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sip/message_framing.hpp"
#include "sip/osip_handles.hpp"
#include "sip/received_message.hpp"

namespace cordon::sip {

struct ValidatedMessage {
    ReceivedMessage summary;
    OsipMessage osip;
    std::vector<HeaderField> fields;
};

struct ValidationOutcome {
    Result<ValidatedMessage> message;
    std::optional<RejectionReply> reply; // set only when message failed and was a request
};

ValidationOutcome validate_received_message(std::string_view bytes);

// The values of every field with this name (full or compact form), in order.
std::vector<std::string_view> header_values(const std::vector<HeaderField> &fields, std::string_view full,
                                            std::string_view compact = {});

} // namespace cordon::sip
