#include "sip/rejection_response.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"
#include "sip/message_framing.hpp"

namespace cordon::sip {

namespace {

bool plain_text(std::string_view value) { return !value.empty() && !has_control_character(value); }

bool has_tag(std::string_view to) { return ascii_lowercase(to).find(";tag=") != std::string::npos; }

} // namespace

std::optional<std::string> rejection_response(std::string_view request, const RejectionReply &reply,
                                              const std::string &to_tag)
{
    auto framed = frame_message(request);
    if (!framed) {
        return std::nullopt;
    }
    std::string vias;
    std::string from;
    std::string to;
    std::string call_id;
    std::string cseq;
    for (const HeaderField &field : framed->fields) {
        std::string *single = is_header(field.name, "From", "f")      ? &from
                              : is_header(field.name, "To", "t")      ? &to
                              : is_header(field.name, "Call-ID", "i") ? &call_id
                              : is_header(field.name, "CSeq")         ? &cseq
                                                                      : nullptr;
        if (is_header(field.name, "Via", "v")) {
            if (!plain_text(field.value)) {
                return std::nullopt;
            }
            vias += "Via: " + field.value + "\r\n";
        } else if (single != nullptr) {
            if (!single->empty() || !plain_text(field.value)) {
                return std::nullopt; // repeated, or not something to echo
            }
            *single = field.value;
        }
    }
    if (vias.empty() || from.empty() || to.empty() || call_id.empty() || cseq.empty()) {
        return std::nullopt;
    }
    if (!has_tag(to)) {
        to += ";tag=" + to_tag;
    }
    return "SIP/2.0 " + std::to_string(reply.status_code) + " " + reply.reason_phrase + "\r\n" + vias +
           "From: " + from + "\r\nTo: " + to + "\r\nCall-ID: " + call_id + "\r\nCSeq: " + cseq +
           "\r\nContent-Length: 0\r\n\r\n";
}

} // namespace cordon::sip
