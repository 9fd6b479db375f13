#include "sip/received_message.hpp"

#include <osipparser2/osip_parser.h>

#include "sip/header_rules.hpp"
#include "sip/message_framing.hpp"
#include "sip/osip_handles.hpp"
#include "sip/start_line.hpp"
#include "sip/validated_message.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

// libosip2 reads only the header fields. Cordon has already read the start
// line (libosip2 refuses valid methods and URI schemes) and the body (its
// length is Cordon's), so both stay out of libosip2's copy.
constexpr std::string_view osip_start_line = "OPTIONS sip:start-line.cordon.invalid SIP/2.0\r\n";
constexpr std::size_t max_reply_reason_bytes = 100;
constexpr int bad_request = 400;
constexpr int version_not_supported = 505;

std::string osip_input(const std::vector<HeaderField> &fields)
{
    std::string text(osip_start_line);
    for (const auto &field : fields) {
        if (is_header(field.name, "Content-Length", "l")) {
            continue;
        }
        text += field.name;
        text += ": ";
        // libosip2 works on C strings: a NUL (allowed only as a quoted pair
        // in a display name, which Cordon does not use) would cut the field.
        for (const char c : field.value) {
            text += c == '\0' ? ' ' : c;
        }
        text += "\r\n";
    }
    text += "\r\n";
    return text;
}

std::optional<std::string> optional_text(const char *text)
{
    return text != nullptr ? std::optional<std::string>(text) : std::nullopt;
}

std::optional<std::string> tag_of(osip_from_t *address)
{
    osip_generic_param_t *tag = nullptr;
    // Not osip_from_get_tag: the macro passes a string literal as char *,
    // which clang refuses.
    osip_generic_param_get_byname(&address->gen_params, const_cast<char *>("tag"), &tag);
    return tag != nullptr ? optional_text(tag->gvalue) : std::nullopt;
}

ReceivedMessage summarise(const StartLine &start, const osip_message_t &message, std::string_view body)
{
    ReceivedMessage summary;
    summary.is_request = start.is_request;
    summary.method = start.method;
    summary.request_uri = start.request_uri;
    summary.status_code = start.status_code;
    summary.reason_phrase = start.reason_phrase;
    summary.call_id = message.call_id->number;
    if (message.call_id->host != nullptr) {
        summary.call_id += std::string("@") + message.call_id->host;
    }
    // check_parsed_fields has bounded the number to 2**31 - 1.
    summary.cseq_number = static_cast<std::uint32_t>(std::stoul(message.cseq->number));
    summary.cseq_method = message.cseq->method;
    summary.from_tag = tag_of(message.from);
    summary.to_tag = tag_of(message.to);
    auto *via = static_cast<osip_via_t *>(osip_list_get(&message.vias, 0));
    osip_generic_param_t *branch = nullptr;
    osip_via_param_get_byname(via, const_cast<char *>("branch"), &branch);
    summary.via_branch = branch != nullptr ? optional_text(branch->gvalue) : std::nullopt;
    summary.content_length = body.size();
    summary.body = std::string(body);
    return summary;
}

// Replaces the placeholder start line with the one Cordon read, and gives
// libosip2 the body Cordon framed. A valid Request-URI libosip2 cannot read
// (a scheme it does not know) leaves req_uri NULL: the user agent answers
// such a request 416 without handing it to libosip2's transactions.
Result<void> complete_osip_message(osip_message_t &message, const StartLine &start, std::string_view body)
{
    osip_free(message.sip_method);
    message.sip_method = nullptr;
    osip_uri_free(message.req_uri);
    message.req_uri = nullptr;
    if (start.is_request) {
        osip_message_set_method(&message, osip_strdup(start.method.c_str()));
        osip_message_set_uri(&message, parse_osip_uri(start.request_uri).release());
    } else {
        osip_free(message.reason_phrase);
        osip_message_set_status_code(&message, start.status_code);
        osip_message_set_reason_phrase(&message, osip_strdup(start.reason_phrase.c_str()));
    }
    if (!body.empty() && osip_message_set_body(&message, body.data(), body.size()) != OSIP_SUCCESS) {
        return Error{ErrorCode::out_of_memory, "cannot hold the body"};
    }
    osip_message_set_content_length(&message, std::to_string(body.size()).c_str());
    osip_message_force_update(&message);
    return {};
}

Result<ValidatedMessage> parse_and_validate(std::string_view bytes)
{
    auto framed = frame_message(bytes);
    if (!framed) {
        return framed.error();
    }
    auto start = parse_start_line(framed->start_line);
    if (!start) {
        return start.error();
    }
    if (auto raw = check_raw_fields(framed->fields); !raw) {
        return raw.error();
    }
    OsipMessage message = parse_osip_message(osip_input(framed->fields));
    if (!message) {
        return Error{ErrorCode::malformed_input,
                     "a header field is malformed (libosip2 cannot parse the header section)"};
    }
    if (auto parsed = check_parsed_fields(*message, *start); !parsed) {
        return parsed.error();
    }
    ReceivedMessage summary = summarise(*start, *message, framed->body);
    if (auto completed = complete_osip_message(*message, *start, framed->body); !completed) {
        return completed.error();
    }
    return ValidatedMessage{std::move(summary), std::move(message), std::move(framed->fields)};
}

RejectionReply reply_for(std::string_view start_line, const Error &error)
{
    const auto version = start_line.substr(start_line.rfind(' ') + 1);
    if (version != sip_version) {
        return RejectionReply{version_not_supported, "Version Not Supported"};
    }
    return RejectionReply{bad_request, "Bad Request (" + printable(error.message, max_reply_reason_bytes) + ")"};
}

} // namespace

ValidationOutcome validate_received_message(std::string_view bytes)
{
    ValidationOutcome outcome{parse_and_validate(bytes), std::nullopt};
    if (!outcome.message) {
        const std::string_view start_line = bytes.substr(0, bytes.find("\r\n"));
        if (looks_like_request_line(start_line)) {
            outcome.reply = reply_for(start_line, outcome.message.error());
        }
    }
    return outcome;
}

ParseOutcome parse_received_message(std::string_view bytes)
{
    ValidationOutcome validated = validate_received_message(bytes);
    if (!validated.message) {
        return ParseOutcome{validated.message.error(), std::move(validated.reply)};
    }
    return ParseOutcome{std::move(validated.message->summary), std::nullopt};
}

std::vector<std::string_view> header_values(const std::vector<HeaderField> &fields, std::string_view full,
                                            std::string_view compact)
{
    std::vector<std::string_view> values;
    for (const HeaderField &field : fields) {
        if (is_header(field.name, full, compact)) {
            values.push_back(field.value);
        }
    }
    return values;
}

} // namespace cordon::sip
