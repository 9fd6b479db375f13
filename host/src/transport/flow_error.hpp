// cordon_flow_error as the host reads it from a plugin.
#pragma once

#include <cstdint>
#include <optional>

#include "cordon/host/transport.hpp"

namespace cordon {

// The FlowError for a value a plugin reported; nothing when the ABI has no
// such value (the caller then uses FlowError::other and says so).
std::optional<FlowError> flow_error_from_abi(uint32_t value);

} // namespace cordon
