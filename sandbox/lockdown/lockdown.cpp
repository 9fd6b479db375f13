#include "lockdown/lockdown.hpp"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <string_view>

#include "landlock.hpp"
#include "lockdown_handover.hpp"
#include "namespaces.hpp"
#include "process_hygiene.hpp"
#include "resource_limits.hpp"
#include "seccomp_policy.hpp"
#include "supervised_program_delivery.hpp"

namespace cordon::sandbox {
namespace {

// Lockdown is one-way and once per process; a second call is a bug.
std::atomic<bool> lockdown_started{false};
// The host sends the filter right after spawning; on a loaded machine that
// may take a while. A host that dies closes the socket, which ends the wait.
constexpr std::chrono::milliseconds kWaitForTheHostsFilter{10000};

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

Result<Lockdown> lock_down(const LockdownOptions &options)
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
    std::vector<int> kept_fds = options.ipc_fds;
    if (options.log_fd >= 0) {
        kept_fds.push_back(options.log_fd);
    }
    std::sort(kept_fds.begin(), kept_fds.end());
    kept_fds.erase(std::unique(kept_fds.begin(), kept_fds.end()), kept_fds.end());
    const bool supervised = options.handover_fd >= 0;
    std::vector<int> open_until_handover = kept_fds;
    if (supervised) {
        open_until_handover.push_back(options.handover_fd);
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
    LockdownReport report;
    auto limits = apply_resource_limits({options.address_space_bytes, options.cpu_seconds});
    if (!limits) {
        return limits.error();
    }
    report.address_space_limited = limits->address_space_limited;
    if (!report.address_space_limited) {
        log_warning(options.log_fd,
                    "RLIMIT_AS not set: this is a sanitizer build, whose shadow memory needs terabytes "
                    "of address space; the sandbox's memory is unbounded here (the other limits apply)");
    }

    const NamespaceOutcome namespaces = enter_new_namespaces();
    report.unavailable_namespaces = namespaces.unavailable;
    if (!namespaces.unavailable.empty()) {
        log_warning(options.log_fd, "new namespaces not available here: " + joined(namespaces.unavailable) +
                                        " (unshare: " + namespaces.first_refusal +
                                        "); seccomp, Landlock where present and rlimits still apply");
    }

    const LandlockOutcome landlock = restrict_filesystem_to_read_only(options.readable_paths);
    report.landlock_abi = landlock.abi;
    if (landlock.abi == 0) {
        log_warning(options.log_fd, "Landlock not applied (" + landlock.reason +
                                        "); seccomp still keeps files read-only while loading");
    }

    const PolicyFds fds{kept_fds, options.handover_fd};
    if (!supervised) {
        if (auto installed = install_standalone_policy(fds); !installed) {
            return installed.error();
        }
        return Lockdown(std::move(kept_fds), std::move(report));
    }
    auto program = receive_supervised_program(options.handover_fd, kWaitForTheHostsFilter);
    if (!program) {
        return program.error();
    }
    auto listener = install_supervised_program(*program, fds);
    if (!listener) {
        return listener.error();
    }
    // Whoever holds the listener decides every refused call: it goes to the
    // host, and the child's copies are gone before any plugin code runs.
    auto handed = send_lockdown_handover(options.handover_fd, report, *listener);
    close(*listener);
    close(options.handover_fd);
    if (!handed) {
        return handed.error();
    }
    return Lockdown(std::move(kept_fds), std::move(report));
}

void *PluginLibrary::symbol(const char *name) const { return dlsym(handle_, name); }

Result<PluginLibrary> load_plugin_library(const Lockdown &, const std::string &path)
{
    // RTLD_NOW: resolve every symbol now, while the supervisor still lets
    // files be opened.
    void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char *reason = dlerror();
        return Error{ErrorCode::not_found,
                     "sandbox: cannot load " + path + ": " + (reason != nullptr ? reason : "unknown reason")};
    }
    return PluginLibrary(handle);
}

} // namespace cordon::sandbox
