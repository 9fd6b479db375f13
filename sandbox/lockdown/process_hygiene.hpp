// What the child does to itself before anything else: forget the host's
// environment, keep only the descriptors it was told to, and give up any way
// to gain privileges.
#pragma once

#include <span>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// clearenv(): nothing of the host's environment (tokens, LD_* variables,
// proxies) reaches the plugin.
Result<void> clear_environment();

// Closes every descriptor not in kept_fds. Refuses when a kept fd is not
// open (the caller passed the wrong number: better to say so than to serve
// on a closed channel).
Result<void> close_descriptors_except(std::span<const int> kept_fds);

// no_new_privs (required by seccomp and Landlock, and no setuid binary can
// raise privileges again), and not dumpable (no same-user process may ptrace
// the child or read its memory).
Result<void> forbid_new_privileges();

} // namespace cordon::sandbox
