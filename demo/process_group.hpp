// A server process started in a process group of its own, so that stopping
// it reaches every process it forked, and watched so that the group dies
// with the test process even when that one crashes or is killed (a forked
// watchdog sees its pipe close and kills the group). The calling process
// becomes a child subreaper (prctl), so that it can reap every member.
#pragma once

#include <cordon/host/result.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace cordon::demo {

class ProcessGroup {
public:
    // Runs `program` (a path, no PATH lookup) with `arguments`, stdin from
    // /dev/null and stdout + stderr appended to `log_file`.
    static Result<ProcessGroup> start(const std::filesystem::path &program, const std::vector<std::string> &arguments,
                                      const std::filesystem::path &log_file);

    ProcessGroup(ProcessGroup &&other) noexcept;
    ProcessGroup &operator=(ProcessGroup &&other) noexcept;
    ProcessGroup(const ProcessGroup &) = delete;
    ProcessGroup &operator=(const ProcessGroup &) = delete;
    ~ProcessGroup(); // stop()

    // False once the group's leader has exited (it is not reaped until stop()).
    bool running() const;
    pid_t group_id() const { return leader_; }

    // SIGTERM to the leader, SIGKILL to the group after `grace` (at once when
    // the leader has exited); returns once every member is reaped. Idempotent.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

private:
    ProcessGroup(pid_t leader, pid_t watchdog, int watchdog_pipe);
    void release_watchdog();

    pid_t leader_ = -1;
    pid_t watchdog_ = -1;
    int watchdog_pipe_ = -1; // write end; the watchdog acts when it closes
};

} // namespace cordon::demo
