// The host's one message to a child before any plugin code runs: the
// supervised seccomp filter, compiled by the host for this child
// (seccomp_policy.hpp), on the same Unix socket the child hands its listener
// back on (lockdown_handover.hpp). The host sends it right after spawning,
// while the child is still starting; the child's lockdown waits for it,
// checks its shape here and, when installing it, that it was compiled for
// this process and its descriptors.
#pragma once

#include <chrono>

#include "cordon/host/result.hpp"
#include "seccomp_policy.hpp"

namespace cordon::sandbox {

// Host: sends program on socket_fd (a SOCK_SEQPACKET end). Does not close
// it. unavailable when the child has already closed its end (it ended
// before its lockdown: its exit and its log say why); io otherwise.
Result<void> send_supervised_program(int socket_fd, const SupervisedProgram &program);

// Child: waits up to `wait` for the one message; an error when none comes,
// the host closed its end, or the message is cut, of another version, of
// inconsistent sizes, or carries descriptors.
Result<SupervisedProgram> receive_supervised_program(int socket_fd, std::chrono::milliseconds wait);

} // namespace cordon::sandbox
