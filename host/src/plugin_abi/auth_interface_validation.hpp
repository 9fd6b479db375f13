// Checks what an auth plugin states about itself (its interface table) and
// copies out the scheme and preference, so that nothing later reads the
// plugin's memory for them again.
#pragma once

#include <cstdint>
#include <string>

#include "cordon/auth.h"
#include "cordon/host/result.hpp"

namespace cordon {

// The smallest table the host accepts: everything "cordon.auth/1" defines.
inline constexpr uint32_t auth_interface_size_v1 = sizeof(cordon_auth_interface);
// The longest scheme token: the registered ones ("Digest", "Bearer") are short.
inline constexpr size_t max_auth_scheme_bytes = 32;

struct AuthInterfaceFields {
    std::string scheme;
    uint32_t preference = 0;
};

// Error code contract_violation with a message naming the first problem.
Result<AuthInterfaceFields> validate_auth_interface(const cordon_auth_interface *auth);

} // namespace cordon
