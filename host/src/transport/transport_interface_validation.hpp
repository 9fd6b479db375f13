// Checks what a transport plugin states about itself (its interface table)
// and copies out what the host keeps.
#pragma once

#include <string>

#include "cordon/host/result.hpp"
#include "cordon/transport.h"

namespace cordon {

// The smallest table the host accepts: everything "cordon.transport/1" defines.
inline constexpr uint32_t transport_interface_size_v1 = sizeof(cordon_transport_interface);
// A Via transport token as Cordon's plugins may name it: 1..15 letters A-Z.
inline constexpr size_t max_protocol_bytes = 15;

struct TransportTraits {
    std::string protocol;
    bool stream = false;
    bool secure = false;
};

// Error code contract_violation with a message naming the first problem.
Result<TransportTraits> validate_transport_interface(const cordon_transport_interface *transport);

} // namespace cordon
