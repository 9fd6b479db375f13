// A SIP message as received from the network (one UDP datagram, or one
// message a stream transport framed), parsed and validated. Only this summary
// leaves cordon_sip: libosip2's structures never do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon::sip {

struct ReceivedMessage {
    bool is_request = false;
    std::string method;        // requests only
    std::string request_uri;   // requests only, as received
    int status_code = 0;       // responses only
    std::string reason_phrase; // responses only
    std::string call_id;
    std::uint32_t cseq_number = 0;
    std::string cseq_method;
    std::optional<std::string> from_tag; // RFC 2543 peers send none
    std::optional<std::string> to_tag;
    std::optional<std::string> via_branch; // of the topmost Via
    std::size_t content_length = 0;        // the body's size, checked against the bytes received
    std::string body;
};

// The response a rejected request should get; responses are never answered.
struct RejectionReply {
    int status_code = 400;
    std::string reason_phrase;
};

struct ParseOutcome {
    Result<ReceivedMessage> message;
    std::optional<RejectionReply> reply; // set only when message failed and was a request
};

// Bytes after the body that Content-Length announces are ignored, as RFC 3261
// section 18.3 asks of datagrams; too few bytes are an error.
ParseOutcome parse_received_message(std::string_view bytes);

} // namespace cordon::sip
