// Whether the next hop is secure, decided in this one place for every rule
// that depends on it: Basic answered, SDES keys sent or taken, bodies left
// plain under encryption.body_mode = "when-no-tls". Secure means the
// transport authenticated the peer on this very flow (TLS: certificate chain
// and name verified); encryption alone is not enough, so TLS with
// tls.verify = false counts as plain TCP does. The transport's kind is never
// consulted, only what the flow reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cordon/host/transport.hpp"

namespace cordon::sip {

struct NextHopSecurity {
    bool authenticated = false;
    // The hop as refusals name it: "tls", "tls whose server was not verified
    // (tls.verify = false)", "tcp", "tls (not connected yet)".
    std::string name;
};

// protocol: the Via token ("TLS"); connected_flow: the flow's info once it
// carries bytes, std::nullopt before (then nothing is proven yet).
// verification_required: the flow is opening with its peer's verification
// required (tls.verify = true), so nothing sent on it leaves before the peer
// is authenticated; a flow still connecting then counts as authenticated,
// and the flow itself keeps that promise (SignallingFlow drops what was
// queued on it, should the peer connect unauthenticated after all).
NextHopSecurity flow_security(std::string_view protocol, const std::optional<FlowInfo> &connected_flow,
                              bool verification_required = false);

} // namespace cordon::sip
