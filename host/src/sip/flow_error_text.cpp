#include "cordon/host/transport.hpp"

namespace cordon {

const char *to_string(FlowError error)
{
    switch (error) {
    case FlowError::none: return "closed by the peer";
    case FlowError::refused: return "connection refused";
    case FlowError::unreachable: return "unreachable";
    case FlowError::reset: return "connection reset";
    case FlowError::tls_unknown_ca: return "TLS: certificate from an unknown authority";
    case FlowError::tls_expired: return "TLS: certificate expired";
    case FlowError::tls_not_yet_valid: return "TLS: certificate not yet valid";
    case FlowError::tls_name_mismatch: return "TLS: certificate for another name";
    case FlowError::tls_protocol: return "TLS: peer's protocol version too old";
    case FlowError::tls_certificate: return "TLS: certificate refused";
    case FlowError::tls_handshake: return "TLS: handshake failed";
    case FlowError::other: return "transport error";
    }
    return "transport error";
}

}  // namespace cordon
