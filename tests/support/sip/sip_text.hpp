// What a test playing a SIP peer needs: the messages the host sent, read
// as text (start line, header fields by name, body), and the peer's own
// responses and requests written from them. Deliberately naive: it reads
// only what the host itself writes, and writes what a peer would send.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cordon::test {

class SipText {
public:
    // One message (a datagram or one framed stream message).
    static SipText parse(std::string_view bytes);

    bool is_request() const { return status_ == 0; }
    const std::string &method() const { return method_; } // requests
    int status() const { return status_; }                // responses
    const std::string &start_line() const { return start_line_; }
    const std::string &request_uri() const { return request_uri_; }
    // The first field of that name (long or compact form, any case), or "".
    std::string header(std::string_view name) const;
    // Every field of that name, in order.
    std::vector<std::string> headers(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>> &fields() const { return fields_; }
    const std::string &body() const { return body_; }

    // CSeq's number and method.
    std::uint32_t cseq() const;
    std::string cseq_method() const;
    // The top Via's branch, the From and To tags ("" when absent).
    std::string branch() const;
    std::string from_tag() const;
    std::string to_tag() const;
    std::string call_id() const { return header("Call-ID"); }
    // The URI in Contact's angle brackets.
    std::string contact_uri() const;

private:
    std::string start_line_;
    std::string method_;
    std::string request_uri_;
    int status_ = 0;
    std::vector<std::pair<std::string, std::string>> fields_;
    std::string body_;
};

// The value of parameter `name` in a header field value ("" when absent).
std::string parameter(std::string_view value, std::string_view name);

// A response to request, as a UAS writes it (section 8.2.6): Via, From,
// Call-ID and CSeq copied, To with to_tag added unless it has one; extra
// fields ("Contact: <sip:bob@192.0.2.10>") and an SDP body when given.
std::string response_to(const SipText &request, int status, std::string_view reason, std::string_view to_tag,
                        const std::vector<std::string> &extra = {}, std::string_view sdp = {});

// A request from the peer, whole: start line, the given fields, Content-Length.
std::string request_text(std::string_view start_line, const std::vector<std::string> &fields,
                         std::string_view body = {}, std::string_view content_type = "application/sdp");

// An SDP offer or answer for the peer's audio at address:port.
std::string peer_sdp(std::string_view address, std::uint16_t port, std::string_view formats = "0",
                     std::string_view rtpmaps = "a=rtpmap:0 PCMU/8000\r\n", std::string_view direction = "sendrecv",
                     std::uint64_t version = 1);

} // namespace cordon::test
