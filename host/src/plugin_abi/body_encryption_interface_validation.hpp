// Checks what a body encryption plugin states about itself: its interface
// table is large enough for "cordon.body-encryption/1" and every function
// is there.
#pragma once

#include <cstdint>

#include "cordon/body_encryption.h"
#include "cordon/host/result.hpp"

namespace cordon {

// The smallest table the host accepts: everything "cordon.body-encryption/1" defines.
inline constexpr uint32_t body_encryption_interface_size_v1 = sizeof(cordon_body_encryption_interface);

// Error code contract_violation with a message naming the first problem.
Result<void> validate_body_encryption_interface(const cordon_body_encryption_interface *encryption);

} // namespace cordon
