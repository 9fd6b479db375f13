// Proof, read by the host from the kernel, that a sandbox child runs under
// the one filter it installed before loading: every thread in seccomp filter
// mode with exactly the host's own filters (which a child inherits) plus
// one, and no_new_privs. /proc/<pid>/task/*/status is written by the kernel,
// so a plugin cannot forge it the way it could forge anything read back
// inside the child.
#pragma once

#include <sys/types.h>

#include <string>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

struct VerifiedLockdown {
    int seccomp_filters = 0; // the child's, including those inherited from the host
    int threads = 0;
    std::string describe() const; // "seccomp filter mode, 1 filter of its own, no_new_privs, 1 thread"
};

// The host's own filter count (0 unless it runs under seccomp itself), to
// be read before spawning: a child inherits the filters of its parent.
Result<int> own_seccomp_filters();

// Every thread of pid must be in seccomp filter mode with inherited_filters
// + 1 filters and no_new_privs set; an error naming the thread and the field
// otherwise, or when the kernel does not say (then nothing is proved).
Result<VerifiedLockdown> verify_lockdown_from_outside(pid_t pid, int inherited_filters);

} // namespace cordon::sandbox
