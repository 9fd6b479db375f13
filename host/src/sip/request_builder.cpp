#include "sip/request_builder.hpp"

#include <array>

#include <openssl/rand.h>
#include <osipparser2/osip_parser.h>

#include "core/ascii_text.hpp"

namespace cordon::sip {
namespace {

Error refused(const std::string &what, const std::string &value)
{
    return Error{ErrorCode::invalid_argument, "cannot put " + what + " \"" + value + "\" in a request"};
}

} // namespace

std::string random_token()
{
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("OpenSSL's random generator failed");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string token;
    for (const unsigned char byte : bytes) {
        token += hex[byte >> 4];
        token += hex[byte & 0x0F];
    }
    return token;
}

std::string new_branch() { return "z9hG4bK" + random_token(); }

Result<OsipMessage> build_request(const RequestSpec &spec)
{
    prepare_osip();
    // libosip2 parses header values but lets CR and LF through in places;
    // nothing a caller passes may split a header.
    for (const auto *text : {&spec.method, &spec.request_uri, &spec.from, &spec.from_tag, &spec.to, &spec.to_tag,
                             &spec.call_id, &spec.via_sent_by, &spec.via_branch, &spec.content_type}) {
        if (has_control_character(*text)) {
            return refused("a value with control characters", "");
        }
    }
    for (const auto &[name, value] : spec.headers) {
        if (has_control_character(name) || has_control_character(value)) {
            return refused("a header with control characters", name);
        }
    }
    osip_message_t *raw = nullptr;
    if (osip_message_init(&raw) != OSIP_SUCCESS) {
        return Error{ErrorCode::out_of_memory, "cannot build a request"};
    }
    OsipMessage request(raw);
    osip_message_set_method(raw, osip_strdup(spec.method.c_str()));
    osip_message_set_version(raw, osip_strdup("SIP/2.0"));
    OsipUri uri = parse_osip_uri(spec.request_uri);
    if (!uri) {
        return refused("the Request-URI", spec.request_uri);
    }
    osip_message_set_uri(raw, uri.release());

    const std::string via =
        "SIP/2.0/" + spec.via_transport + " " + spec.via_sent_by + ";branch=" + spec.via_branch + ";rport";
    if (osip_message_set_via(raw, via.c_str()) != OSIP_SUCCESS) {
        return refused("the Via", via);
    }
    for (const std::string &route : spec.routes) {
        if (osip_message_set_route(raw, route.c_str()) != OSIP_SUCCESS) {
            return refused("the Route", route);
        }
    }
    const std::string from = spec.from + ";tag=" + spec.from_tag;
    if (osip_message_set_from(raw, from.c_str()) != OSIP_SUCCESS) {
        return refused("the From", from);
    }
    const std::string to = spec.to_tag.empty() ? spec.to : spec.to + ";tag=" + spec.to_tag;
    if (osip_message_set_to(raw, to.c_str()) != OSIP_SUCCESS) {
        return refused("the To", to);
    }
    if (osip_message_set_call_id(raw, spec.call_id.c_str()) != OSIP_SUCCESS) {
        return refused("the Call-ID", spec.call_id);
    }
    const std::string cseq = std::to_string(spec.cseq) + " " + spec.method;
    if (osip_message_set_cseq(raw, cseq.c_str()) != OSIP_SUCCESS) {
        return refused("the CSeq", cseq);
    }
    osip_message_set_header(raw, "Max-Forwards", "70");
    if (spec.contact && osip_message_set_contact(raw, spec.contact->c_str()) != OSIP_SUCCESS) {
        return refused("the Contact", *spec.contact);
    }
    if (spec.expires) {
        osip_message_set_header(raw, "Expires", std::to_string(*spec.expires).c_str());
    }
    for (const auto &[name, value] : spec.headers) {
        if (osip_message_set_header(raw, name.c_str(), value.c_str()) != OSIP_SUCCESS) {
            return refused("the header", name);
        }
    }
    if (!spec.body.empty()) {
        if (osip_message_set_content_type(raw, spec.content_type.c_str()) != OSIP_SUCCESS ||
            osip_message_set_body(raw, spec.body.data(), spec.body.size()) != OSIP_SUCCESS) {
            return refused("the body of type", spec.content_type);
        }
    }
    osip_message_set_content_length(raw, std::to_string(spec.body.size()).c_str());
    return request;
}

} // namespace cordon::sip
