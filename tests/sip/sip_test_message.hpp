// A small valid request to derive hostile variants from, one change each.
#pragma once

#include <string>
#include <string_view>

#include "sip/received_message.hpp"

namespace cordon::sip::test {

inline std::string request_line = "OPTIONS sip:bob@example.com SIP/2.0";

inline std::string headers_without_length = "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776asdhds\r\n"
                                            "Max-Forwards: 70\r\n"
                                            "To: Bob <sip:bob@example.com>\r\n"
                                            "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"
                                            "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                                            "CSeq: 314159 OPTIONS\r\n";

inline std::string message(const std::string &start, const std::string &headers, const std::string &body = "")
{
    return start + "\r\n" + headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

inline std::string valid_request() { return message(request_line, headers_without_length); }

// The message with the first occurrence of from replaced by to.
inline std::string replaced(std::string text, std::string_view from, std::string_view to)
{
    const auto at = text.find(from);
    if (at != std::string::npos) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The rejection reason, or "" when the message was accepted.
inline std::string rejection(const std::string &bytes)
{
    const auto outcome = parse_received_message(bytes);
    return outcome.message.ok() ? std::string() : outcome.message.error().message;
}

} // namespace cordon::sip::test
