// A system call the sandbox child's filter refused, as the kernel reported
// it on the seccomp listener the host holds: the true number and arguments,
// whatever the child wrote anywhere.
#pragma once

#include <linux/seccomp.h>

#include <string>

namespace cordon::sandbox {

struct ForbiddenCall {
    seccomp_data call{};
};

// "execve (59)"; a number this architecture has no name for stays a number
// ("number 99999"); another architecture says so.
std::string syscall_name(const seccomp_data &call);

// One clause for the host's verdict: "tried to install a seccomp filter of
// its own with the system call seccomp (317), ..." or "made the forbidden
// system call socket (41)".
std::string describe_forbidden_call(const ForbiddenCall &forbidden);

} // namespace cordon::sandbox
