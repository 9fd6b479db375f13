// Names the system call the seccomp filter refused. The filter traps
// (SECCOMP_RET_TRAP) instead of killing outright; this SIGSYS handler, set
// before any plugin code runs, writes one line naming the syscall number to
// the log fd and then ends the process by SIGSYS, as a kill would. The host
// turns the number into a name (forbidden_syscall_line.hpp).
//
// The plugin cannot replace the handler: the filter refuses rt_sigaction on
// SIGSYS. Blocking SIGSYS does not help it either: the kernel then kills the
// process at the trap.
#pragma once

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// What the handler writes, before the decimal syscall number and a newline.
inline constexpr char kForbiddenSyscallLine[] = "cordon-sandbox: forbidden system call ";

// Installs the handler; log_fd < 0: it writes nothing but still ends the
// process by SIGSYS.
Result<void> report_forbidden_syscalls_to(int log_fd);

} // namespace cordon::sandbox
