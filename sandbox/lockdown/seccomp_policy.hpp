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
#include "sandbox/lockdown/supervised_filter.hpp"

namespace cordon::sandbox {

// Installs the standalone filter: anything not allowed kills the process
// with SIGSYS (SECCOMP_RET_KILL_PROCESS).
Result<void> install_standalone_policy(const PolicyFds &fds);

// Host: compiles the supervised filter for the child process that will keep fds.
Result<SupervisedProgram> compile_supervised_policy(const PolicyFds &fds, pid_t process);

// The host's half of the supervised policy: true when call (as the kernel
// reported it on the listener) is one that loading needs and serving does
// not, so the host lets it through while the plugin is still loading.
bool allowed_while_loading(const seccomp_data &call);

// True when call would install a seccomp filter: the plugin tried to stack a
// filter of its own, a violation named as such.
bool installs_a_seccomp_filter(const seccomp_data &call);

} // namespace cordon::sandbox
