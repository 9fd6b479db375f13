// One real cordon-sandbox process, spawned with posix_spawn as the host's
// supervisor will spawn it: the region and the two eventfds inherited at
// fixed numbers, stderr to a pipe, and the handover socket on which the
// child gives its seccomp listener away. Like the host, this takes the
// listener and lets the loading calls through until the first round trip
// (the child has loaded its plugin by then); any other call it stops kills
// the child and is remembered. Every wait is bounded, and a child still
// alive when this goes away is killed, so a hung child fails a test instead
// of hanging it.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sandbox/protocol/shared_region.hpp"

namespace cordon::sandbox::test {

// The descriptor numbers the child gets them at.
inline constexpr int child_region_fd = 3;
inline constexpr int child_request_fd = 4;
inline constexpr int child_reply_fd = 5;
inline constexpr int child_handover_fd = 6;

inline constexpr std::chrono::milliseconds child_timeout{5000};

struct ChildEnd {
    bool exited = false; // else killed by a signal (or never reaped)
    int exit_code = -1;
    int signal = 0;
    std::string log; // all it wrote on stderr
    std::string describe() const;
};

class SandboxChild {
public:
    // The arguments a correct host passes for plugin_path.
    static std::vector<std::string> arguments_for(const std::string &plugin_path,
                                                  uint32_t slot_count = default_slot_count);

    // Creates the region (default slots) and eventfds, then spawns the child
    // with arguments (after argv[0]).
    explicit SandboxChild(const std::vector<std::string> &arguments);
    ~SandboxChild();
    SandboxChild(const SandboxChild &) = delete;
    SandboxChild &operator=(const SandboxChild &) = delete;

    bool spawned() const { return pid_ > 0; }
    RegionView region() const { return region_->view(); }

    // Wakes the child for the published batch and waits for its wake-up;
    // false when none came within child_timeout.
    bool round_trip();
    // Asks for a clean exit, then closes the request eventfd.
    void request_shutdown();
    // Waits up to child_timeout for the child to end (then kills it) and
    // collects its log.
    ChildEnd wait_for_end();
    // The number of the last call the listener stopped and refused; -1: none.
    int refused_syscall() const { return refused_syscall_.load(); }

private:
    // Takes the listener from the handover and answers it until the child
    // ends or this goes away.
    void serve_listener(pid_t child);

    std::optional<SharedRegion> region_;
    int request_fd_ = -1;
    int reply_fd_ = -1;
    int log_reader_ = -1;
    int handover_fd_ = -1;
    pid_t pid_ = -1;
    std::atomic<bool> loading_{true};
    std::atomic<bool> stopping_{false};
    std::atomic<int> refused_syscall_{-1};
    std::thread listener_thread_;
};

} // namespace cordon::sandbox::test
