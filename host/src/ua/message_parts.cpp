#include "ua/message_parts.hpp"

#include <charconv>

#include <osipparser2/osip_parser.h>

#include "core/ascii_text.hpp"

namespace cordon::ua {

std::string body_of(const osip_message_t &message)
{
    auto *body = static_cast<osip_body_t *>(osip_list_get(&message.bodies, 0));
    return body != nullptr && body->body != nullptr ? std::string(body->body, body->length) : std::string();
}

std::string content_type_of(const osip_message_t &message)
{
    if (message.content_type == nullptr || message.content_type->type == nullptr) {
        return {};
    }
    std::string type = message.content_type->type;
    if (message.content_type->subtype != nullptr) {
        type += std::string("/") + message.content_type->subtype;
    }
    return ascii_lowercase(type);
}

std::string content_type_value(const osip_message_t &message)
{
    if (message.content_type == nullptr) {
        return {};
    }
    char *text = nullptr;
    if (osip_content_type_to_str(message.content_type, &text) != OSIP_SUCCESS || text == nullptr) {
        return {};
    }
    std::string value = text;
    osip_free(text);
    return value;
}

SingleHeader single_header(const osip_message_t &message, std::string_view name, std::string_view compact)
{
    SingleHeader found;
    for (int i = 0; i < osip_list_size(&message.headers); ++i) {
        const auto *header = static_cast<const osip_header_t *>(osip_list_get(&message.headers, i));
        if (header == nullptr || header->hname == nullptr) {
            continue;
        }
        const std::string_view header_name = header->hname;
        if (!equal_ignoring_ascii_case(header_name, name) &&
            (compact.empty() || !equal_ignoring_ascii_case(header_name, compact))) {
            continue;
        }
        if (found.value) {
            found.repeated = true;
            return found;
        }
        found.value = header->hvalue != nullptr ? header->hvalue : "";
    }
    return found;
}

std::optional<std::uint32_t> header_seconds(const osip_message_t &message, std::string_view name)
{
    const auto header = single_header(message, name);
    if (!header.value || header.repeated || header.value->empty()) {
        return std::nullopt;
    }
    const std::string &text = *header.value;
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::string status_text(const osip_message_t &response)
{
    return std::to_string(response.status_code) + " " +
           (response.reason_phrase != nullptr ? response.reason_phrase : "");
}

RequestOutcome outcome_of(const sip::ClientEvent &event)
{
    if (event.kind != sip::ClientEvent::Kind::response) {
        return RequestOutcome{0, event.kind == sip::ClientEvent::Kind::timeout ? "no response" : event.error};
    }
    const osip_message_t &response = *event.response;
    std::string reason = response.reason_phrase != nullptr ? response.reason_phrase : "";
    if (!event.error.empty()) {
        reason = event.error;
    }
    return RequestOutcome{response.status_code, reason};
}

} // namespace cordon::ua
