// The owner and mode rule a trusted plugin file and every directory above
// it must pass, after sshd's StrictModes: whoever else can write any of
// them can replace the code the host runs with all of its privileges.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace cordon {

// Why this file or directory (status as fstat gave it) cannot hold trusted
// code: owned by neither root nor the running user, or writable by group or
// others. Names the path, the owner or the bits, and the fix. Nothing when
// it passes.
std::optional<std::string> strict_modes_violation(const std::filesystem::path &path, const struct stat &status,
                                                  uid_t running_user);

} // namespace cordon
