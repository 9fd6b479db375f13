#include "sip/next_hop_security.hpp"

#include "core/ascii_text.hpp"

namespace cordon::sip {

NextHopSecurity flow_security(std::string_view protocol, const std::optional<FlowInfo> &connected_flow,
                              bool verification_required)
{
    NextHopSecurity security;
    security.name = ascii_lowercase(protocol);
    if (!connected_flow) {
        security.authenticated = verification_required;
        security.name += verification_required ? " (connecting; nothing is sent before its server is verified)"
                                               : " (not connected yet)";
        return security;
    }
    security.authenticated = connected_flow->peer_authenticated;
    // Encrypted (a TLS version was negotiated) yet unproven: the one case a
    // user may not expect to be plain, so it names the setting that does it.
    if (!security.authenticated && !connected_flow->protocol_version.empty()) {
        security.name += " whose server was not verified (tls.verify = false)";
    }
    return security;
}

} // namespace cordon::sip
