// One running cordon-sandbox child, as the host sees it: spawned with
// posix_spawn (cheap even from a large host, unlike fork), the shared region
// and two wake-up pipes inherited at fixed numbers, stdout and stderr on a
// pipe the host reads as log lines, a pidfd so a death wakes the host as
// surely as a reply does, and the seccomp listener the child hands over
// before loading its plugin, on which the host decides every call the
// child's filter does not allow outright. The object owns the process:
// destroying it kills and reaps.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cordon/host/result.hpp"
#include "sandbox/lockdown/lockdown.hpp"
#include "sandbox/protocol/shared_region.hpp"
#include "sandbox/supervisor/child_activity.hpp"
#include "sandbox/supervisor/forbidden_call.hpp"
#include "sandbox/supervisor/lockdown_verification.hpp"
#include "sandbox/supervisor/run_queue_wait.hpp"
#include "sandbox/supervisor/seccomp_listener.hpp"

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

// How much longer than its budget a round trip may take when the child spent
// that time waiting for a CPU (a busy machine) rather than working: a child
// that was merely not scheduled is not hung, but the caller cannot wait
// forever either.
inline constexpr std::chrono::seconds longest_wait_for_a_cpu{1};

enum class WaitOutcome {
    replied,        // the child woke the host (or handed its lockdown over)
    ended,          // the child died first
    timed_out,      // the child's own time ran past the budget, or it got no CPU for too long
    forbidden_call, // the filter stopped a call the host does not allow now
    refused,        // the child's handover was malformed
};

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

    // Waits for the child's lockdown handover (before any plugin code runs)
    // until deadline: replied fills report and takes the listener.
    WaitOutcome await_lockdown(std::chrono::steady_clock::time_point deadline, const LogSink &sink,
                               LockdownReport &report);
    // Tells the child the published batch is ready, after moving it to the
    // calling thread's CPU. false when the pipe refused the write (it
    // cannot, short of a host bug).
    bool wake();
    // Waits for the child's wake-up, passing whatever it writes to its log
    // to sink meanwhile, until the child has spent budget of its own time on
    // the round trip: time it waited for a CPU does not count (up to
    // longest_wait_for_a_cpu more). While loading, the calls loading needs are
    // let through on the listener; any other is forbidden_call.
    WaitOutcome await_reply(std::chrono::nanoseconds budget, const LogSink &sink);
    // The plugin has described itself: from now on every call the filter
    // does not allow outright is forbidden. Proves the lockdown from outside.
    Result<VerifiedLockdown> end_loading();
    // From the last wake-up to the reply that ended the wait.
    std::chrono::nanoseconds last_round_trip() const { return last_round_trip_; }
    // The call that ended the last wait with forbidden_call.
    const ForbiddenCall &forbidden_call() const { return forbidden_; }
    // Why the last wait ended with refused.
    const std::string &refusal() const { return refusal_; }
    // Whether the last timed_out came from the child getting no CPU rather
    // than using up its budget.
    bool starved() const { return starved_; }
    // The child's run-queue wait so far, read now; nullopt when the kernel
    // does not say.
    std::optional<std::chrono::nanoseconds> run_queue_wait();
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
    int handover_fd_ = -1; // until the child has handed its lockdown over
    SeccompListener listener_;
    bool loading_ = true;
    int inherited_filters_ = 0; // the host's own seccomp filters when it spawned the child
    ForbiddenCall forbidden_;
    std::string refusal_;
    bool starved_ = false;
    std::unique_ptr<RunQueueWait> run_queue_wait_;
    ChildActivity activity_;
    // The last reading of the child's run-queue wait: a round trip that runs
    // past its budget subtracts what the child waited since then.
    std::optional<std::chrono::nanoseconds> last_wait_reading_;
    std::chrono::steady_clock::time_point woke_{};
    std::chrono::nanoseconds last_round_trip_{0};
    bool reaped_ = false;
    int cpu_ = -1; // the CPU the child is pinned to; -1: none yet
};

} // namespace cordon::sandbox
