// Where a UserAgent's registration stands (user_agent.hpp), as its
// registration handler hears it.
#pragma once

#include <cstdint>
#include <string>

namespace cordon {

enum class RegistrationState { unregistered, registering, registered, failed };

const char *to_string(RegistrationState state);

struct RegistrationStatus {
    RegistrationState state = RegistrationState::unregistered;
    int status_code = 0;         // of the last final response, 0 when none
    std::string reason;          // why it failed, or the response's reason phrase
    std::uint32_t expires_s = 0; // granted by the registrar, when registered
    bool will_retry = false;     // failed for a reason that may pass (network), retrying
};

} // namespace cordon
