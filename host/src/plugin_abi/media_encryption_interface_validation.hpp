// Checks what a media encryption plugin states about itself (its interface
// table) and copies out the profile, attribute name and overhead, so that
// nothing later reads the plugin's memory for them again.
#pragma once

#include <cstdint>
#include <string>

#include "cordon/host/result.hpp"
#include "cordon/media_encryption.h"

namespace cordon {

// The smallest table the host accepts: everything "cordon.media-encryption/1" defines.
inline constexpr uint32_t media_encryption_interface_size_v1 = sizeof(cordon_media_encryption_interface);

struct MediaEncryptionInterfaceFields {
    std::string sdp_profile;
    std::string sdp_attribute;
    uint32_t max_overhead = 0;
};

// Error code contract_violation with a message naming the first problem.
Result<MediaEncryptionInterfaceFields>
validate_media_encryption_interface(const cordon_media_encryption_interface *encryption);

} // namespace cordon
