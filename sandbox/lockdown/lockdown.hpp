// The sandbox child's lockdown, in the only order it can happen (Firefox
// GMP: "activate the sandbox, then load the library"):
//
//   auto loading = lock_down_for_loading(options);      // right after exec
//   auto library = load_plugin_library(*loading, path); // needs the token
//   ... entry(), init() ...
//   auto serving = lock_down_for_serving(std::move(*loading));
//
// A LoadingLockdown can only be made by lock_down_for_loading, the plugin can
// only be loaded with one, and the serving phase consumes it: no plugin code,
// not even a static constructor, runs before the loading-phase filter.
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
inline constexpr std::uint64_t kDefaultAddressSpaceBytes = 256ULL << 20;
// CPU time over the child's whole life: Opus costs ~1 % of a core, so an
// hour of CPU is days of calls; a spinning plugin is caught by the host's
// per-call deadline long before.
inline constexpr std::uint64_t kDefaultCpuSeconds = 3600;

struct LockdownOptions {
    // The IPC descriptors (eventfds, the shared memory memfd, a pipe): they
    // stay open, and once serving they are the only ones read/write work on.
    std::vector<int> ipc_fds;
    // Where lockdown writes its log lines; kept open and writable. A pipe (or
    // socket), not a regular file: no file may grow (RLIMIT_FSIZE 0). -1: none.
    int log_fd = STDERR_FILENO;
    std::uint64_t address_space_bytes = kDefaultAddressSpaceBytes;
    std::uint64_t cpu_seconds = kDefaultCpuSeconds;
    // Where loading may read (files and directories beneath them), enforced
    // by Landlock where the kernel has it; seccomp alone cannot see paths.
    std::vector<std::string> readable_paths = {"/"};
};

// What the loading phase could and could not apply on this kernel.
struct LockdownReport {
    std::vector<std::string> unavailable_namespaces;  // e.g. {"user", "net"}
    int landlock_abi = 0;                             // 0: Landlock not applied
    bool address_space_limited = false;               // false in sanitizer builds
};

// Proof that the loading phase is in force. Move-only; only
// lock_down_for_loading makes one.
class LoadingLockdown {
public:
    LoadingLockdown(LoadingLockdown &&) = default;
    LoadingLockdown &operator=(LoadingLockdown &&) = default;
    LoadingLockdown(const LoadingLockdown &) = delete;
    LoadingLockdown &operator=(const LoadingLockdown &) = delete;
    ~LoadingLockdown() = default;

    const LockdownReport &report() const { return report_; }
    // The descriptors left open: the IPC fds and the log fd.
    const std::vector<int> &kept_fds() const { return kept_fds_; }

private:
    friend Result<LoadingLockdown> lock_down_for_loading(const LockdownOptions &options);
    LoadingLockdown(std::vector<int> kept_fds, LockdownReport report)
        : kept_fds_(std::move(kept_fds)), report_(std::move(report))
    {
    }

    std::vector<int> kept_fds_;
    LockdownReport report_;
};

// Proof that the serving phase is in force: nothing more can be loaded.
class ServingLockdown {
public:
    const std::vector<int> &kept_fds() const { return kept_fds_; }

private:
    friend Result<ServingLockdown> lock_down_for_serving(LoadingLockdown &&loading);
    explicit ServingLockdown(std::vector<int> kept_fds) : kept_fds_(std::move(kept_fds)) {}

    std::vector<int> kept_fds_;
};

// Phase 1, first thing after exec, single-threaded: clean environment, only
// the kept fds open, no_new_privs, rlimits, namespaces and Landlock where the
// kernel allows them (one log line each when not), then the loading-phase
// seccomp filter. Refuses an architecture the policy does not cover.
Result<LoadingLockdown> lock_down_for_loading(const LockdownOptions &options);

// A plugin library opened (RTLD_NOW | RTLD_LOCAL) under the loading phase.
// The handle is never closed: the plugin lives as long as the process.
class PluginLibrary {
public:
    void *symbol(const char *name) const;

private:
    friend Result<PluginLibrary> load_plugin_library(const LoadingLockdown &, const std::string &);
    explicit PluginLibrary(void *handle) : handle_(handle) {}

    void *handle_;
};

// The only way the sandbox loads a plugin: it takes the loading-phase token.
Result<PluginLibrary> load_plugin_library(const LoadingLockdown &loading, const std::string &path);

// Phase 2, once the plugin is loaded and initialised: the stricter filter.
// Consumes the loading token, so it cannot come first.
Result<ServingLockdown> lock_down_for_serving(LoadingLockdown &&loading);

}  // namespace cordon::sandbox
