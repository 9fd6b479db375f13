// Splits what a stream transport (TCP, TLS) delivers into whole SIP messages
// by Content-Length, as RFC 3261 section 18.3 requires of streams. Bytes come
// in whatever pieces the network chose; a message comes out only when all of
// it has arrived. Sizes are capped before anything waits for them: a header
// section that outgrows the cap, a missing or malformed Content-Length, or a
// message larger than the cap ends the stream with an error (the connection
// must be closed: framing cannot be recovered), and every later feed gets the
// same error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"
#include "sip/limits.hpp"

namespace cordon::sip {

// The header section of one message, start line included, up to the blank line.
inline constexpr std::size_t max_header_section_bytes = 16384;

struct StreamItem {
    enum class Kind {
        message, // text: one whole message, start line to the end of its body
        crlf,    // a CRLF before a start line: a keep-alive (RFC 5626 section 4.4.1)
    };
    Kind kind = Kind::message;
    std::string text;
};

class StreamFramer {
public:
    // Appends bytes and returns the items they completed, in order.
    Result<std::vector<StreamItem>> feed(std::string_view bytes);

    // Bytes received but not yet part of a whole item.
    std::size_t pending_bytes() const { return buffer_.size(); }

private:
    // The length of the whole message at the front of buffer_, when its
    // header section is complete; 0 when more bytes are needed.
    Result<std::size_t> message_length() const;

    std::string buffer_;
    bool failed_ = false;
    Error failure_{ErrorCode::malformed_input, ""};
};

} // namespace cordon::sip
