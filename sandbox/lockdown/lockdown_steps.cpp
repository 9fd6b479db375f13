#include "sandbox/lockdown/lockdown_steps.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include "sandbox/lockdown/namespaces.hpp"
#include "sandbox/lockdown/process_hygiene.hpp"
#include "sandbox/lockdown/resource_limits.hpp"
#include "sandbox/lockdown/supervised_filter.hpp"

namespace cordon::sandbox {
namespace {

// Lockdown is one-way and once per process; a second call is a bug.
std::atomic<bool> lockdown_started{false};

// Same shape as the host's StderrLogger lines, so the host can pass them on.
void log_warning(int log_fd, std::string_view message)
{
    if (log_fd < 0) {
        return;
    }
    std::string line = "cordon: warning: [sandbox] ";
    line += message;
    line += '\n';
    // One write per line; a short write of a log line is not worth a retry loop.
    [[maybe_unused]] const ssize_t written = write(log_fd, line.data(), line.size());
}

// RLIMIT_FSIZE 0 turns the first write to a regular file into SIGXFSZ: a log
// written to a file would kill the child at its first line.
Result<void> require_log_fd_is_not_a_file(int log_fd)
{
    struct stat status {};
    if (log_fd >= 0 && fstat(log_fd, &status) == 0 && S_ISREG(status.st_mode)) {
        return Error{ErrorCode::invalid_argument,
                     "sandbox: the log fd " + std::to_string(log_fd) +
                         " is a regular file, which the sandbox may not grow; pass a pipe"};
    }
    return {};
}

std::string joined(const std::vector<std::string> &names)
{
    std::string text;
    for (const std::string &name : names) {
        text += text.empty() ? "" : ", ";
        text += name;
    }
    return text;
}

#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
// Weak: present with AddressSanitizer (LeakSanitizer is part of it), absent
// in an UBSan-only build.
extern "C" void __lsan_do_leak_check() __attribute__((weak));
#endif

// LeakSanitizer's end-of-process check stops the world with clone and
// ptrace, which no phase allows. Checking now, before any plugin code, turns
// the end-of-process check off (and still catches the sandbox's own leaks
// so far).
void run_leak_check_while_it_still_can()
{
#if defined(CORDON_SANDBOX_SANITIZER_RUNTIME)
    if (__lsan_do_leak_check != nullptr) {
        __lsan_do_leak_check();
    }
#endif
}

} // namespace

Result<LockedProcess> lock_down_process(const LockdownOptions &options, int handover_fd)
{
    if (lockdown_started.exchange(true)) {
        return Error{ErrorCode::invalid_argument, "sandbox: lock_down was called twice"};
    }
    // Before touching anything: an uncovered architecture must not start.
    if (auto covered = require_covered_architecture(); !covered) {
        return covered.error();
    }
    if (auto usable = require_log_fd_is_not_a_file(options.log_fd); !usable) {
        return usable.error();
    }
    LockedProcess locked;
    std::vector<int> kept_fds = options.ipc_fds;
    if (options.log_fd >= 0) {
        kept_fds.push_back(options.log_fd);
    }
    locked.kept_fds = sorted_unique(kept_fds);
    std::vector<int> open_until_handover = locked.kept_fds;
    if (handover_fd >= 0) {
        open_until_handover.push_back(handover_fd);
    }

    // First: stopping the world needs ptrace, which non-dumpable and a new
    // user namespace refuse.
    if (options.check_leaks_first) {
        run_leak_check_while_it_still_can();
    }
    if (auto cleared = clear_environment(); !cleared) {
        return cleared.error();
    }
    if (auto closed = close_descriptors_except(open_until_handover); !closed) {
        return closed.error();
    }
    if (auto forbidden = forbid_new_privileges(); !forbidden) {
        return forbidden.error();
    }
    auto limits = apply_resource_limits({options.address_space_bytes, options.cpu_seconds});
    if (!limits) {
        return limits.error();
    }
    locked.report.address_space_limited = limits->address_space_limited;
    if (!locked.report.address_space_limited) {
        log_warning(options.log_fd,
                    "RLIMIT_AS not set: this is a sanitizer build, whose shadow memory needs terabytes "
                    "of address space; the sandbox's memory is unbounded here (the other limits apply)");
    }

    const NamespaceOutcome namespaces = enter_new_namespaces();
    locked.report.unavailable_namespaces = namespaces.unavailable;
    if (!namespaces.unavailable.empty()) {
        log_warning(options.log_fd, "new namespaces not available here: " + joined(namespaces.unavailable) +
                                        " (unshare: " + namespaces.first_refusal +
                                        "); seccomp, Landlock where present and rlimits still apply");
    }
    return locked;
}

void record_landlock(const LandlockOutcome &outcome, int log_fd, LockdownReport &report)
{
    report.landlock_abi = outcome.abi;
    if (outcome.abi == 0) {
        log_warning(log_fd,
                    "Landlock not applied (" + outcome.reason + "); seccomp still keeps files read-only while loading");
    }
}

} // namespace cordon::sandbox
