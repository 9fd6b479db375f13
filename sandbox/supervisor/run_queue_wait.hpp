// How long a child has waited for a CPU, read by the host from the kernel
// (/proc/<pid>/schedstat, second field: run-queue wait in nanoseconds). The
// time a child takes for a call minus what it waited for a CPU is its own:
// running, or sleeping and blocking by its own choice. A child that was
// merely not scheduled on a busy machine is not a hung or slow child.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>

namespace cordon::sandbox {

// The calling thread's own run-queue wait so far, with its thread id: a host
// thread that waited for a CPU after the child had replied made the round
// trip longer without the child's doing.
struct ThreadWait {
    pid_t thread = 0;
    std::chrono::nanoseconds total{0};
};
std::optional<ThreadWait> calling_thread_run_queue_wait();

class RunQueueWait {
public:
    RunQueueWait() = default;
    // Opens the child's schedstat; unavailable() when the kernel has none
    // (no CONFIG_SCHED_INFO) or refuses it.
    explicit RunQueueWait(pid_t pid);
    ~RunQueueWait();
    RunQueueWait(const RunQueueWait &) = delete;
    RunQueueWait &operator=(const RunQueueWait &) = delete;

    bool unavailable() const { return fd_ < 0; }
    // The child's total run-queue wait so far; nullopt when unreadable.
    std::optional<std::chrono::nanoseconds> total() const;

private:
    int fd_ = -1;
};

} // namespace cordon::sandbox
