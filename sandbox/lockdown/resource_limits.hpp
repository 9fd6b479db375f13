// The child's rlimits: set once, before any plugin code, soft == hard so the
// plugin cannot raise them again.
#pragma once

#include <cstdint>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

struct ResourceLimitSettings {
    std::uint64_t address_space_bytes;
    std::uint64_t cpu_seconds;
};

struct AppliedResourceLimits {
    // False only in sanitizer builds, where RLIMIT_AS cannot work (see .cpp).
    bool address_space_limited;
};

Result<AppliedResourceLimits> apply_resource_limits(const ResourceLimitSettings &settings);

} // namespace cordon::sandbox
