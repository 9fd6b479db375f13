// The seccomp-bpf policy of a locked-down process (the sandbox child, the
// conformance probe, the checker's symbol reader). seccomp_policy.cpp is the
// whole policy: read it top to bottom.
//
// One filter, installed before any plugin code runs, is the final one: it
// refuses seccomp(), prctl() and the Landlock calls, so a plugin can neither
// stack a filter of its own (which could fake the success of any later
// call) nor undo anything. What loading needs beyond serving is granted in
// one of two ways:
// - supervised (cordon-sandbox): those calls go to the host through a
//   seccomp user-notification listener, and the host lets them through only
//   until the plugin has described itself (allowed_while_loading). The
//   kernel tells the host the true syscall number and arguments; nothing the
//   child writes takes part. The host also compiles this filter, once, and
//   each child only loads it (supervised_program_delivery.hpp).
// - standalone (no supervisor): the loading calls are allowed outright, for
//   the process's whole life; Landlock narrows what they can reach.
#pragma once

#include <linux/filter.h>
#include <linux/seccomp.h>
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

// Installs the standalone filter: anything not allowed kills the process
// with SIGSYS (SECCOMP_RET_KILL_PROCESS).
Result<void> install_standalone_policy(const PolicyFds &fds);

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

// Host: compiles the supervised filter for the child process that will keep fds.
Result<SupervisedProgram> compile_supervised_policy(const PolicyFds &fds, pid_t process);

// Child: installs program, which must have been compiled for this process
// and exactly fds (a program for other descriptors would refuse the child's
// own I/O or allow someone else's): anything not allowed then waits for the host's
// decision on the returned listener descriptor. The caller must hand the
// listener to its supervisor and close its own copy before any plugin code
// runs: whoever holds it decides every refused call.
Result<int> install_supervised_program(const SupervisedProgram &program, const PolicyFds &fds);

// The host's half of the supervised policy: true when call (as the kernel
// reported it on the listener) is one that loading needs and serving does
// not, so the host lets it through while the plugin is still loading.
bool allowed_while_loading(const seccomp_data &call);

// True when call would install a seccomp filter: the plugin tried to stack a
// filter of its own, a violation named as such.
bool installs_a_seccomp_filter(const seccomp_data &call);

} // namespace cordon::sandbox
