// The child's half of the supervised seccomp filter: the program the host
// compiled for it (seccomp_policy.hpp), checked and installed. Needs no
// libseccomp, so the sandbox child does not map it: it only loads what the
// host compiled.
#pragma once

#include <linux/filter.h>
#include <sys/types.h>

#include <span>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// The policy names syscalls for x86_64 and aarch64 only; elsewhere it would
// be guessing, so the sandbox refuses to start.
Result<void> require_covered_architecture();

struct PolicyFds {
    // The only descriptors that may be read and written once serving.
    std::span<const int> kept_fds;
    // Supervised only: the socket the listener is handed to the host on
    // (sendmsg is allowed on it, and on nothing else).
    int handover_fd = -1;
};

// The supervised filter compiled to classic BPF, with the process and the
// descriptors it was compiled for. Compiling (libseccomp) costs a fresh
// child most of its lockdown time, cold as its caches are; the host,
// warm, compiles it in a fraction of that while the child is still starting.
struct SupervisedProgram {
    pid_t pid = -1;            // the process whose own signals it allows
    std::vector<int> kept_fds; // sorted, no duplicates
    int handover_fd = -1;
    std::vector<sock_filter> instructions;
};

// fds sorted, without duplicates: how a program names its descriptors.
std::vector<int> sorted_unique(std::span<const int> fds);

// Child: installs program, which must have been compiled for this process
// and exactly fds (a program for other descriptors would refuse the child's
// own I/O or allow someone else's): anything not allowed then waits for the host's
// decision on the returned listener descriptor. The caller must hand the
// listener to its supervisor and close its own copy before any plugin code
// runs: whoever holds it decides every refused call.
Result<int> install_supervised_program(const SupervisedProgram &program, const PolicyFds &fds);

} // namespace cordon::sandbox
