#include "plugin_abi/auth_interface_validation.hpp"

#include <cstring>
#include <string_view>
#include <utility>

#include "core/ascii_text.hpp"

namespace cordon {

namespace {

Error violation(std::string message) { return {ErrorCode::contract_violation, std::move(message)}; }

} // namespace

Result<AuthInterfaceFields> validate_auth_interface(const cordon_auth_interface *auth)
{
    if (auth == nullptr) {
        return violation("auth interface is missing (NULL)");
    }
    if (auth->struct_size < auth_interface_size_v1) {
        return violation("auth interface struct_size is " + std::to_string(auth->struct_size) +
                         " bytes; cordon.auth/1 needs at least " + std::to_string(auth_interface_size_v1));
    }
    const std::pair<const void *, const char *> required[] = {
        {reinterpret_cast<const void *>(auth->create), "create"},
        {reinterpret_cast<const void *>(auth->destroy), "destroy"},
        {reinterpret_cast<const void *>(auth->answer), "answer"},
    };
    for (const auto &[function, name] : required) {
        if (function == nullptr) {
            return violation(std::string("required auth function ") + name + " is missing (NULL)");
        }
    }
    if (auth->scheme == nullptr) {
        return violation("auth scheme is missing (NULL)");
    }
    const size_t length = strnlen(auth->scheme, max_auth_scheme_bytes + 1);
    const std::string_view scheme(auth->scheme, length);
    if (length > max_auth_scheme_bytes) {
        return violation("auth scheme is longer than " + std::to_string(max_auth_scheme_bytes) + " bytes");
    }
    // An auth-scheme is a token (RFC 7235).
    if (!is_rfc7230_token(scheme)) {
        return violation("auth scheme is not a token of 1.." + std::to_string(max_auth_scheme_bytes) +
                         " characters (RFC 7230)");
    }
    return AuthInterfaceFields{std::string(scheme), auth->preference};
}

} // namespace cordon
