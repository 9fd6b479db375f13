#include "transport/flow_error.hpp"

#include "cordon/transport.h"

namespace cordon {

const char *to_string(FlowError error)
{
    switch (error) {
    case FlowError::none:
        return "closed by the peer";
    case FlowError::refused:
        return "connection refused";
    case FlowError::unreachable:
        return "unreachable";
    case FlowError::reset:
        return "connection reset";
    case FlowError::tls_unknown_ca:
        return "TLS: certificate not issued by a trusted CA";
    case FlowError::tls_expired:
        return "TLS: certificate expired";
    case FlowError::tls_not_yet_valid:
        return "TLS: certificate not yet valid";
    case FlowError::tls_name_mismatch:
        return "TLS: certificate is for another name";
    case FlowError::tls_protocol:
        return "TLS: peer offers only an older protocol version";
    case FlowError::tls_certificate:
        return "TLS: certificate refused";
    case FlowError::tls_handshake:
        return "TLS: handshake failed";
    case FlowError::other:
        return "transport error";
    }
    return "transport error";
}

std::optional<FlowError> flow_error_from_abi(uint32_t value)
{
    // Switch on the integer: an unknown value must never become the enum.
    switch (value) {
    case CORDON_FLOW_ERROR_NONE:
        return FlowError::none;
    case CORDON_FLOW_ERROR_REFUSED:
        return FlowError::refused;
    case CORDON_FLOW_ERROR_UNREACHABLE:
        return FlowError::unreachable;
    case CORDON_FLOW_ERROR_RESET:
        return FlowError::reset;
    case CORDON_FLOW_ERROR_TLS_UNKNOWN_CA:
        return FlowError::tls_unknown_ca;
    case CORDON_FLOW_ERROR_TLS_EXPIRED:
        return FlowError::tls_expired;
    case CORDON_FLOW_ERROR_TLS_NOT_YET_VALID:
        return FlowError::tls_not_yet_valid;
    case CORDON_FLOW_ERROR_TLS_NAME_MISMATCH:
        return FlowError::tls_name_mismatch;
    case CORDON_FLOW_ERROR_TLS_PROTOCOL:
        return FlowError::tls_protocol;
    case CORDON_FLOW_ERROR_TLS_CERTIFICATE:
        return FlowError::tls_certificate;
    case CORDON_FLOW_ERROR_TLS_HANDSHAKE:
        return FlowError::tls_handshake;
    case CORDON_FLOW_ERROR_OTHER:
        return FlowError::other;
    default:
        break;
    }
    return std::nullopt;
}

} // namespace cordon
