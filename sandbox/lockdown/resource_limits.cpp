#include "sandbox/lockdown/resource_limits.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace cordon::sandbox {
namespace {

// dlopen holds one library descriptor at a time; the IPC fds already exist
// (RLIMIT_NOFILE bounds new descriptors, not the ones already open).
constexpr rlim_t max_open_files = 16;
// No file grows: a write past offset 0 of a regular file raises SIGXFSZ.
// (The shared memory is sized by the host and only mapped here.)
constexpr rlim_t max_file_bytes = 0;
// No new processes. Has no effect for root or with CAP_SYS_RESOURCE; the
// seccomp filter refuses fork and clone regardless.
constexpr rlim_t max_processes = 0;
// A crash must not write a core file (it would hold call audio).
constexpr rlim_t max_core_bytes = 0;
// Nothing to lock in memory.
constexpr rlim_t max_locked_bytes = 0;

Result<void> set_limit(int resource, const char *name, rlim_t value)
{
    const rlimit limit{value, value};
    if (setrlimit(resource, &limit) != 0) {
        return Error{ErrorCode::unsupported, std::string("sandbox: cannot set ") + name + ": " + std::strerror(errno)};
    }
    return {};
}

} // namespace

Result<AppliedResourceLimits> apply_resource_limits(const ResourceLimitSettings &settings)
{
    struct Limit {
        int resource;
        const char *name;
        rlim_t value;
    };
    const Limit limits[] = {
        {RLIMIT_CPU, "RLIMIT_CPU", static_cast<rlim_t>(settings.cpu_seconds)},
        {RLIMIT_FSIZE, "RLIMIT_FSIZE", max_file_bytes},
        {RLIMIT_NOFILE, "RLIMIT_NOFILE", max_open_files},
        {RLIMIT_NPROC, "RLIMIT_NPROC", max_processes},
        {RLIMIT_CORE, "RLIMIT_CORE", max_core_bytes},
        {RLIMIT_MEMLOCK, "RLIMIT_MEMLOCK", max_locked_bytes},
    };
    for (const Limit &limit : limits) {
        if (auto applied = set_limit(limit.resource, limit.name, limit.value); !applied) {
            return applied.error();
        }
    }
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
    // AddressSanitizer reserves terabytes of address space for its shadow
    // memory at start-up; any useful RLIMIT_AS would make its next mapping
    // fail. Sanitizer builds run without it (lockdown logs that).
    return AppliedResourceLimits{false};
#else
    if (auto applied = set_limit(RLIMIT_AS, "RLIMIT_AS", static_cast<rlim_t>(settings.address_space_bytes)); !applied) {
        return applied.error();
    }
    return AppliedResourceLimits{true};
#endif
}

} // namespace cordon::sandbox
