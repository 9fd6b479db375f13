#include "transport/reported_values.hpp"

#include <cstring>
#include <string_view>

#include "plugin_loading/plugin_host_services.hpp"
#include "transport/numeric_address.hpp"

namespace cordon {

namespace {

Error violation(std::string message) { return {ErrorCode::contract_violation, std::move(message)}; }

} // namespace

std::optional<std::string> text_within(const char *text, size_t capacity)
{
    if (text == nullptr || strnlen(text, capacity) == capacity) {
        return std::nullopt;
    }
    return sanitize_plugin_text(text);
}

Result<Endpoint> reported_endpoint(const char *address, uint16_t port)
{
    if (address == nullptr) {
        return violation("no address (NULL)");
    }
    auto text = text_within(address, CORDON_TRANSPORT_ADDRESS_BYTES);
    if (!text) {
        return violation("an address without a NUL within " + std::to_string(CORDON_TRANSPORT_ADDRESS_BYTES) +
                         " bytes");
    }
    if (!is_numeric_address(*text)) {
        return violation("address \"" + *text + "\" is not numeric");
    }
    return Endpoint{std::move(*text), port};
}

std::string reported_reason(const char *buffer, size_t capacity)
{
    if (capacity == 0) {
        return {};
    }
    const std::string_view bounded(buffer, strnlen(buffer, capacity - 1));
    return sanitize_plugin_text(std::string(bounded).c_str());
}

Result<FlowInfo> reported_flow_info(const cordon_flow_info &info, bool listener)
{
    FlowInfo result;
    auto local = reported_endpoint(info.local_address, info.local_port);
    if (!local) {
        return violation("flow_info local " + local.error().message);
    }
    result.local = std::move(local.value());
    const bool no_remote = listener && strnlen(info.remote_address, sizeof info.remote_address) == 0;
    if (!no_remote) {
        auto remote = reported_endpoint(info.remote_address, info.remote_port);
        if (!remote) {
            return violation("flow_info remote " + remote.error().message);
        }
        result.remote = std::move(remote.value());
    }
    struct TextField {
        const char *name;
        const char *text;
        size_t capacity;
        std::string *target;
    };
    const TextField texts[] = {
        {"protocol_version", info.protocol_version, sizeof info.protocol_version, &result.protocol_version},
        {"cipher", info.cipher, sizeof info.cipher, &result.cipher},
        {"peer_subject", info.peer_subject, sizeof info.peer_subject, &result.peer_subject},
    };
    for (const TextField &field : texts) {
        auto text = text_within(field.text, field.capacity);
        if (!text) {
            return violation(std::string("flow_info ") + field.name + " has no NUL within its " +
                             std::to_string(field.capacity) + " bytes");
        }
        *field.target = std::move(*text);
    }
    // Only 1 counts: anything else, or the 0 an ABI 1.0 plugin leaves, is no proof.
    result.peer_authenticated = info.peer_authenticated == 1u;
    return result;
}

} // namespace cordon
