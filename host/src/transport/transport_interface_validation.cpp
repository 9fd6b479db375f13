#include "transport/transport_interface_validation.hpp"

#include <cstring>
#include <string_view>
#include <utility>

namespace cordon {

namespace {

Error violation(std::string message) { return {ErrorCode::contract_violation, std::move(message)}; }

constexpr uint32_t known_flags = CORDON_TRANSPORT_STREAM | CORDON_TRANSPORT_SECURE;

bool is_upper_case_letters(std::string_view text)
{
    for (const char c : text) {
        if (c < 'A' || c > 'Z') {
            return false;
        }
    }
    return !text.empty();
}

} // namespace

Result<TransportTraits> validate_transport_interface(const cordon_transport_interface *transport)
{
    if (transport == nullptr) {
        return violation("transport interface is missing (NULL)");
    }
    if (transport->struct_size < transport_interface_size_v1) {
        return violation("transport interface struct_size is " + std::to_string(transport->struct_size) +
                         " bytes; cordon.transport/1 needs at least " + std::to_string(transport_interface_size_v1));
    }
    if (transport->protocol == nullptr) {
        return violation("transport protocol is missing (NULL)");
    }
    const std::string_view protocol(transport->protocol, strnlen(transport->protocol, max_protocol_bytes + 1));
    if (protocol.size() > max_protocol_bytes || !is_upper_case_letters(protocol)) {
        return violation("transport protocol must be 1.." + std::to_string(max_protocol_bytes) +
                         " upper-case letters A-Z (a Via token such as \"TLS\")");
    }
    if ((transport->flags & ~known_flags) != 0) {
        return violation("transport flags " + std::to_string(transport->flags) + " have bits cordon.transport/1 " +
                         "does not define (known: 1 stream, 2 secure)");
    }
    const std::pair<const void *, const char *> required[] = {
        {reinterpret_cast<const void *>(transport->create), "create"},
        {reinterpret_cast<const void *>(transport->destroy), "destroy"},
        {reinterpret_cast<const void *>(transport->open_flow), "open_flow"},
        {reinterpret_cast<const void *>(transport->listen), "listen"},
        {reinterpret_cast<const void *>(transport->send), "send"},
        {reinterpret_cast<const void *>(transport->close_flow), "close_flow"},
        {reinterpret_cast<const void *>(transport->flow_info), "flow_info"},
        {reinterpret_cast<const void *>(transport->on_fd), "on_fd"},
    };
    for (const auto &[function, name] : required) {
        if (function == nullptr) {
            return violation(std::string("required transport function ") + name + " is missing (NULL)");
        }
    }
    return TransportTraits{std::string(protocol), (transport->flags & CORDON_TRANSPORT_STREAM) != 0,
                           (transport->flags & CORDON_TRANSPORT_SECURE) != 0};
}

} // namespace cordon
