// The steps both forms of lock_down share (lockdown.hpp), before Landlock
// and the filter, which differ: who builds them.
#pragma once

#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"
#include "sandbox/lockdown/landlock.hpp"
#include "sandbox/lockdown/lockdown.hpp"

namespace cordon::sandbox {

struct LockedProcess {
    std::vector<int> kept_fds; // sorted, no duplicates: the IPC fds and the log fd
    LockdownReport report;     // Landlock still to be filled in
};

// Once per process: the architecture check, then a clean environment, only
// the kept fds (and handover_fd, when not -1) open, no_new_privs, rlimits
// and namespaces, warning on options.log_fd of what the kernel refused.
Result<LockedProcess> lock_down_process(const LockdownOptions &options, int handover_fd);

// Records Landlock's outcome in report, warning when it was not applied.
void record_landlock(const LandlockOutcome &outcome, int log_fd, LockdownReport &report);

} // namespace cordon::sandbox
