// One running cordon-sandbox child, as the host sees it: spawned with
// posix_spawn (cheap even from a large host, unlike fork), the shared region
// and two eventfds inherited at fixed numbers, stdout and stderr on a pipe the
// host reads as log lines, and a pidfd so a death wakes the host as surely as
// a reply does. The object owns the process: destroying it kills and reaps.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cordon/host/result.hpp"
#include "shared_region.hpp"

namespace cordon::sandbox {

// How a child ended, from wait4.
struct ProcessEnd {
    bool exited = false; // exited on its own; else ended by signal
    int exit_code = -1;
    int signal = 0;
    bool killed_by_host = false;
    long max_rss_kib = 0;         // the child's peak resident set
    std::string describe() const; // "exited with status 5", "killed by SIGSEGV"
};

enum class WaitOutcome { replied, ended, timed_out };

struct ProcessLaunch {
    std::filesystem::path executable;
    std::filesystem::path plugin; // absolute
    uint64_t memory_limit_bytes = 0;
};

class SandboxProcess {
public:
    using LogSink = std::function<void(std::string_view bytes)>;

    static Result<std::unique_ptr<SandboxProcess>> spawn(const ProcessLaunch &launch, const SharedRegion &region);

    ~SandboxProcess();
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    pid_t pid() const { return pid_; }

    // Tells the child the published batch is ready, after moving it to the
    // calling thread's CPU. false when the eventfd refused the write (it
    // cannot, short of a host bug).
    bool wake();
    // Waits for the child's wake-up until deadline, passing whatever it
    // writes to its log to sink meanwhile. ended: the child died first.
    WaitOutcome await_reply(std::chrono::steady_clock::time_point deadline, const LogSink &sink);
    // Kills (if still running) and reaps; drains the rest of the log to sink.
    ProcessEnd kill_and_reap(const LogSink &sink);
    // Asks for a clean exit and waits up to grace before killing.
    ProcessEnd shut_down(std::chrono::milliseconds grace, const LogSink &sink);

private:
    SandboxProcess() = default;
    void drain_log(const LogSink &sink);
    ProcessEnd reap(bool killed_by_host, const LogSink &sink);
    void follow_calling_cpu();

    pid_t pid_ = -1;
    int pidfd_ = -1;
    int request_fd_ = -1;
    int reply_fd_ = -1;
    int log_fd_ = -1;
    bool reaped_ = false;
    int cpu_ = -1;  // the CPU the child is pinned to; -1: none yet
};

} // namespace cordon::sandbox
