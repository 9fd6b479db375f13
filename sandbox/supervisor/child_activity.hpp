// What a sandbox child is doing right now, as the kernel tells the host: a
// child past its budget by the clock may merely be waiting for a CPU. Its
// run-queue wait (RunQueueWait) counts a wait only once it has ended, so a
// wait still going on is seen here: runnable, yet its CPU clock stands still.
#pragma once

#include <sys/types.h>
#include <time.h>

#include <chrono>
#include <optional>

namespace cordon::sandbox {

class ChildActivity {
public:
    ChildActivity() = default;
    explicit ChildActivity(pid_t pid);

    // True when the child is runnable but did not run during a short look
    // (look_interval): it is waiting for a CPU, not working or sleeping. False when
    // it is running, sleeping or blocked, or the kernel does not say.
    bool waiting_for_a_cpu() const;

private:
    pid_t pid_ = -1;
    std::optional<clockid_t> cpu_clock_;
};

} // namespace cordon::sandbox
