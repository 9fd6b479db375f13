// The seccomp-bpf policy of the sandbox child, both phases. seccomp_policy.cpp
// is the whole policy: read it top to bottom.
#pragma once

#include <span>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// The policy names syscalls for x86_64 and aarch64 only; elsewhere it would
// be guessing, so the sandbox refuses to start.
Result<void> require_covered_architecture();

// What dlopen of a plugin and its libraries needs, read-only. kept_fds are
// the only descriptors that may be written.
Result<void> install_loading_policy(std::span<const int> kept_fds);

// What serving frames needs: no open, no socket, no exec, no new process, no
// signal to anyone but itself; read and write only on kept_fds. Stacks on the
// loading policy (the kernel applies the stricter answer of the two).
Result<void> install_serving_policy(std::span<const int> kept_fds);

}  // namespace cordon::sandbox
