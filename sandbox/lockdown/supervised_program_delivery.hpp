// The host's one message to a child before any plugin code runs: the
// supervised seccomp filter, compiled by the host for this child
// (seccomp_policy.hpp), and the Landlock ruleset for its plugin, built by
// the host (landlock.hpp), on the same Unix socket the child hands its
// listener back on (lockdown_handover.hpp). The host prepares and sends
// both right after spawning, while the child is still starting; the child's
// lockdown waits for them, checks their shape here and, when installing the
// filter, that it was compiled for this process and its descriptors.
#pragma once

#include <chrono>

#include "cordon/host/result.hpp"
#include "sandbox/lockdown/landlock.hpp"
#include "sandbox/lockdown/supervised_filter.hpp"

namespace cordon::sandbox {

// Host: sends program and ruleset (its descriptor, or why there is none) on
// socket_fd (a SOCK_SEQPACKET end). Closes neither. unavailable when the
// child has already closed its end (it ended before its lockdown: its exit
// and its log say why); io otherwise.
Result<void> send_supervised_program(int socket_fd, const SupervisedProgram &program, const LandlockRuleset &ruleset);

struct SupervisedDelivery {
    SupervisedProgram program;
    LandlockRuleset ruleset; // the child's now, or the host's reason for none
};

// Child: waits up to `wait` for the one message; an error when none comes,
// the host closed its end, or the message is cut, of another version, of
// inconsistent sizes, or carries other descriptors than the one ruleset it
// announces (a refused message keeps none of them).
Result<SupervisedDelivery> receive_supervised_program(int socket_fd, std::chrono::milliseconds wait);

} // namespace cordon::sandbox
