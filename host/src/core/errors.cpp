#include "cordon/host/result.hpp"

namespace cordon {

const char *to_string(ErrorCode code)
{
    switch (code) {
    case ErrorCode::invalid_argument:
        return "invalid argument";
    case ErrorCode::buffer_too_small:
        return "buffer too small";
    case ErrorCode::unsupported:
        return "unsupported";
    case ErrorCode::malformed_input:
        return "malformed input";
    case ErrorCode::out_of_memory:
        return "out of memory";
    case ErrorCode::plugin_failure:
        return "plugin failure";
    case ErrorCode::contract_violation:
        return "plugin contract violation";
    case ErrorCode::not_found:
        return "not found";
    case ErrorCode::io:
        return "i/o error";
    case ErrorCode::config:
        return "configuration error";
    case ErrorCode::sandbox_fault:
        return "sandbox fault";
    case ErrorCode::unavailable:
        return "unavailable";
    case ErrorCode::signalling_not_secure:
        return "signalling not secure";
    case ErrorCode::no_acceptable_crypto:
        return "no acceptable crypto";
    case ErrorCode::authentication_failed:
        return "authentication failed";
    case ErrorCode::replayed:
        return "replayed";
    case ErrorCode::certificate_unusable:
        return "certificate unusable";
    case ErrorCode::not_for_this_recipient:
        return "not for this recipient";
    case ErrorCode::encryption_unavailable:
        return "encryption unavailable";
    }
    return "unknown error";
}

} // namespace cordon
