// The child's one message to its supervisor before any plugin code runs: the
// seccomp filter's notification listener (SCM_RIGHTS) and what the lockdown
// could apply. Sent on a Unix socket that the child closes right after, so
// everything the host reads from it was written by the sandbox's own code:
// the plugin can neither forge this report nor keep the listener.
#pragma once

#include <chrono>
#include <cstdint>

#include "cordon/host/result.hpp"
#include "sandbox/lockdown/lockdown.hpp"

namespace cordon::sandbox {

// Child: sends report and listener on socket_fd. Does not close either.
Result<void> send_lockdown_handover(int socket_fd, const LockdownReport &report, int listener_fd);

struct ReceivedHandover {
    LockdownReport report;
    int listener_fd = -1; // the host's now; close-on-exec
};

// Host: reads the one message from socket_fd (which must be readable); an
// error when it is missing, short, of another version or without exactly
// one descriptor.
Result<ReceivedHandover> receive_lockdown_handover(int socket_fd);

} // namespace cordon::sandbox
