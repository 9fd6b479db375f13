// The lockdown of a process that runs untrusted plugin code (cordon-sandbox,
// cordon-plugin-probe, the checker's symbol reader), in the only order it
// can happen (Firefox GMP: "activate the sandbox, then load the library"):
//
//   auto lockdown = lock_down(options);                 // right after exec
//   auto library = load_plugin_library(*lockdown, path); // needs the token
//   ... entry(), init(), serving ...
//
// A Lockdown can only be made by lock_down, and the plugin can only be
// loaded with one: no plugin code, not even a static constructor, runs
// before the seccomp filter. That filter is the final one (seccomp_policy.hpp):
// nothing installed after plugin code has run could be trusted, since from
// then on everything in the process is the plugin's.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// A codec needs a few MB; 256 MiB leaves room for glibc's malloc arenas and
// the plugin's libraries while stopping a runaway allocation long before it
// hurts the host.
inline constexpr std::uint64_t default_address_space_bytes = 256ULL << 20;
// CPU time over the child's whole life: Opus costs ~1 % of a core, so an
// hour of CPU is days of calls; a spinning plugin is caught by the host's
// per-call deadline long before.
inline constexpr std::uint64_t default_cpu_seconds = 3600;

struct LockdownOptions {
    // The IPC descriptors (eventfds, the shared memory memfd, a pipe): they
    // stay open, and once serving they are the only ones read/write work on.
    std::vector<int> ipc_fds;
    // Where lockdown writes its log lines; kept open and writable. A pipe (or
    // socket), not a regular file: no file may grow (RLIMIT_FSIZE 0). -1: none.
    int log_fd = STDERR_FILENO;
    std::uint64_t address_space_bytes = default_address_space_bytes;
    std::uint64_t cpu_seconds = default_cpu_seconds;
    // Standalone only: what loading may read (files, and directories with
    // what is beneath them), enforced by Landlock where the kernel has it;
    // seccomp alone cannot see paths. A supervised child gets its
    // supervisor's ruleset instead.
    std::vector<std::string> readable_paths = {"/"};
    // Sanitizer builds: run LeakSanitizer's check before locking down (its
    // end-of-process check needs ptrace, which the lockdown refuses). Off
    // in a forked child, where the parent's live blocks would look leaked.
    bool check_leaks_first = true;
};

// What the lockdown could and could not apply on this kernel.
struct LockdownReport {
    std::vector<std::string> unavailable_namespaces; // e.g. {"user", "net"}
    int landlock_abi = 0;                            // 0: Landlock not applied
    bool address_space_limited = false;              // false in sanitizer builds
};

// Proof that the lockdown is in force. Move-only; only lock_down makes one.
class Lockdown {
public:
    Lockdown(Lockdown &&) = default;
    Lockdown &operator=(Lockdown &&) = default;
    Lockdown(const Lockdown &) = delete;
    Lockdown &operator=(const Lockdown &) = delete;
    ~Lockdown() = default;

    const LockdownReport &report() const { return report_; }
    // The descriptors left open: the IPC fds and the log fd.
    const std::vector<int> &kept_fds() const { return kept_fds_; }

private:
    friend Result<Lockdown> lock_down(const LockdownOptions &options);
    friend Result<Lockdown> lock_down_supervised(const LockdownOptions &options, int handover_fd);
    Lockdown(std::vector<int> kept_fds, LockdownReport report)
        : kept_fds_(std::move(kept_fds)), report_(std::move(report))
    {
    }

    std::vector<int> kept_fds_;
    LockdownReport report_;
};

// First thing after exec, single-threaded: clean environment, only the kept
// fds open, no_new_privs, rlimits, namespaces and Landlock where the kernel
// allows them (one log line each when not), then the one seccomp filter.
// Refuses an architecture the policy does not cover. Two forms:
//
// Standalone (no supervisor: the probe, the checker's symbol reader): the
// filter is compiled here and anything it refuses kills the process.
// Defined in the seccomp policy library (cordon_sandbox_seccomp_policy).
Result<Lockdown> lock_down(const LockdownOptions &options);

// Supervised (cordon-sandbox): handover_fd is a Unix socket (SOCK_SEQPACKET)
// to the supervisor. The filter and the Landlock ruleset it prepared for
// this child are waiting on it (supervised_program_delivery.hpp); the
// filter's notification listener and the lockdown report go back on it
// (lockdown_handover.hpp), then it is closed, all before this returns.
Result<Lockdown> lock_down_supervised(const LockdownOptions &options, int handover_fd);

// A plugin library opened (RTLD_NOW | RTLD_LOCAL) under the lockdown.
// The handle is never closed: the plugin lives as long as the process.
class PluginLibrary {
public:
    void *symbol(const char *name) const;

private:
    friend Result<PluginLibrary> load_plugin_library(const Lockdown &, const std::string &);
    explicit PluginLibrary(void *handle) : handle_(handle) {}

    void *handle_;
};

// The only way a locked-down process loads a plugin: it takes the token.
Result<PluginLibrary> load_plugin_library(const Lockdown &lockdown, const std::string &path);

} // namespace cordon::sandbox
