// Landlock, where the kernel has it: only the given paths readable (and
// nothing writable), no TCP bind or connect, no signals or abstract sockets
// outside the sandbox. An extra layer under seccomp, which does not see paths.
#pragma once

#include <span>
#include <string>

namespace cordon::sandbox {

struct LandlockOutcome {
    int abi = 0;         // the kernel's Landlock ABI version; 0: not applied
    std::string reason;  // why not, when abi == 0
};

// Requires no_new_privs to be set already. A readable path that does not
// exist is left out; every other failure leaves Landlock unapplied.
LandlockOutcome restrict_filesystem_to_read_only(std::span<const std::string> readable_paths);

}  // namespace cordon::sandbox
