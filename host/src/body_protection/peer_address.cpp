#include "body_protection/peer_address.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"

namespace cordon {

namespace {

// The host of "host", "host:port", "[v6]" or "[v6]:port"; empty when malformed.
std::string_view host_of(std::string_view host_port)
{
    if (!host_port.empty() && host_port.front() == '[') {
        const size_t close = host_port.find(']');
        if (close == std::string_view::npos) {
            return {};
        }
        const std::string_view rest = host_port.substr(close + 1);
        return rest.empty() || rest.front() == ':' ? host_port.substr(0, close + 1) : std::string_view{};
    }
    return host_port.substr(0, host_port.find(':'));
}

} // namespace

std::optional<std::string> peer_address(std::string_view uri)
{
    if (uri.size() > max_peer_uri_bytes || has_space_or_control_character(uri)) {
        return std::nullopt;
    }
    const size_t colon = uri.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string scheme = ascii_lowercase(uri.substr(0, colon));
    if (scheme != "sip" && scheme != "sips") {
        return std::nullopt;
    }
    std::string_view rest = uri.substr(colon + 1);
    rest = rest.substr(0, rest.find_first_of(";?"));
    const size_t at = rest.rfind('@');
    if (at == std::string_view::npos || at == 0) {
        return std::nullopt;
    }
    const std::string_view user = rest.substr(0, at);
    const std::string_view host = host_of(rest.substr(at + 1));
    if (host.empty()) {
        return std::nullopt;
    }
    return "sip:" + std::string(user) + "@" + ascii_lowercase(host);
}

} // namespace cordon
