#include "sip/header_rules.hpp"

#include <cstdint>
#include <string>
#include <string_view>

#include "core/ascii_text.hpp"
#include "sip/header_syntax.hpp"
#include "sip/limits.hpp"
#include "sip/uri_rules.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

Error malformed(std::string message) { return Error{ErrorCode::malformed_input, std::move(message)}; }

// 1*DIGIT no larger than limit, checked digit by digit so nothing overflows.
Result<std::uint64_t> parse_bounded_number(std::string_view what, std::string_view text, std::uint64_t limit)
{
    if (text.empty()) {
        return malformed(std::string(what) + " has no number");
    }
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return malformed(std::string(what) + " '" + printable(text, 30) + "' is not a decimal number");
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > limit) {
            return malformed(std::string(what) + " '" + printable(text, 30) + "' is larger than " +
                             std::to_string(limit));
        }
    }
    return value;
}

Result<void> check_scalar_field(const HeaderField &field)
{
    if (is_header(field.name, "Max-Forwards")) {
        if (auto number = parse_bounded_number("Max-Forwards", field.value, max_max_forwards); !number) {
            return number.error();
        }
    } else if (is_header(field.name, "Expires")) {
        if (auto number = parse_bounded_number("Expires", field.value, max_expires_seconds); !number) {
            return number.error();
        }
    } else if (is_header(field.name, "Date")) {
        // RFC 3261 section 20.17: an RFC 1123 date, always in GMT.
        if (!field.value.ends_with(" GMT")) {
            return malformed("Date '" + printable(field.value) + "' is not in GMT");
        }
    }
    return {};
}

// RFC 3261 section 20: a URI with a comma, question mark or semicolon must be
// in angle brackets, or its headers would be read as the field's parameters.
Result<void> check_addr_spec(const HeaderField &field)
{
    const bool name_addr_field =
        is_header(field.name, "To", "t") || is_header(field.name, "From", "f") || is_header(field.name, "Contact", "m");
    if (name_addr_field && field.value.find('<') == std::string::npos && field.value.find('?') != std::string::npos) {
        return malformed("header " + field.name + " has a URI with headers ('?') not enclosed in <>");
    }
    return {};
}

Result<void> check_address(const char *what, const osip_from_t *address)
{
    if (address == nullptr || address->url == nullptr || address->url->scheme == nullptr) {
        return malformed(std::string(what) + " has no URI");
    }
    if (!is_sip_scheme(address->url->scheme)) {
        return {};
    }
    if (auto host = check_uri_host(*address->url); !host) {
        return malformed(std::string(what) + ": " + host.error().message);
    }
    return {};
}

Result<void> check_vias(const osip_message_t &message)
{
    for (int index = 0; !osip_list_eol(&message.vias, index); ++index) {
        const auto *via = static_cast<const osip_via_t *>(osip_list_get(&message.vias, index));
        if (via == nullptr || via->version == nullptr || std::string_view(via->version) != "2.0") {
            return malformed("a Via header does not use SIP/2.0");
        }
        if (via->protocol == nullptr || !is_rfc3261_token(via->protocol) || via->host == nullptr) {
            return malformed("a Via header has no transport or host");
        }
    }
    return {};
}

} // namespace

Result<void> check_raw_fields(const std::vector<HeaderField> &fields)
{
    for (const auto &field : fields) {
        if (auto scalar = check_scalar_field(field); !scalar) {
            return scalar.error();
        }
        if (auto addr = check_addr_spec(field); !addr) {
            return addr.error();
        }
    }
    return {};
}

Result<void> check_parsed_fields(const osip_message_t &message, const StartLine &start)
{
    // RFC 3261 section 8.1.1: every request (and so every response) has these.
    if (osip_list_eol(&message.vias, 0)) {
        return malformed("the Via header is missing");
    }
    if (message.from == nullptr || message.to == nullptr) {
        return malformed(message.from == nullptr ? "the From header is missing" : "the To header is missing");
    }
    if (message.call_id == nullptr || message.call_id->number == nullptr) {
        return malformed("the Call-ID header is missing");
    }
    if (message.cseq == nullptr || message.cseq->number == nullptr || message.cseq->method == nullptr) {
        return malformed("the CSeq header is missing");
    }
    if (auto number = parse_bounded_number("CSeq number", message.cseq->number, max_cseq_number); !number) {
        return number.error();
    }
    if (!is_rfc3261_token(message.cseq->method)) {
        return malformed("the CSeq method is not a token");
    }
    if (start.is_request && start.method != message.cseq->method) {
        return malformed("CSeq method '" + printable(message.cseq->method) + "' does not match the request method '" +
                         printable(start.method) + "'");
    }
    if (auto vias = check_vias(message); !vias) {
        return vias.error();
    }
    if (auto from = check_address("From", message.from); !from) {
        return from.error();
    }
    if (auto to = check_address("To", message.to); !to) {
        return to.error();
    }
    return {};
}

} // namespace cordon::sip
