// Where a codec runs and, for the codec sandbox, the limits the host enforces
// and the figures it keeps. DESIGN.md, "The sandbox": every plugin that is not
// trusted by location runs in a cordon-sandbox child process; a trusted codec
// can be sent there too (plugins.sandboxed).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cordon {

enum class Isolation : uint32_t { in_process = 1, sandbox = 2 };

// "in-process" or "sandbox", as the settings and the CLI spell them.
const char *to_string(Isolation isolation);

struct SandboxLimits {
    // The cordon-sandbox executable; empty: builtin_sandbox_executable(), in
    // the bin/ of the prefix the host was found in.
    std::filesystem::path executable;
    // Frames one round trip can carry (1..64).
    uint32_t slot_count = 16;
    // The child's address space (RLIMIT_AS; not applied in sanitizer builds).
    uint64_t memory_limit_bytes = uint64_t{256} << 20;
    // The longest one encode, decode or conceal may take before the child is
    // killed as hung; zero: twice the instance's frame duration, at least 20 ms.
    std::chrono::milliseconds call_deadline{0};
    // Start-up (load, lock down, describe) and create, reset and destroy.
    std::chrono::milliseconds startup_deadline{2000};
    // The codec's own time (not time spent waiting for a CPU) over any window
    // of real_time_window of audio (sliding by a fifth of itself) may be at
    // most this share of that audio's duration; past it the child is too slow
    // for real time.
    uint32_t real_time_limit_percent = 100;
    std::chrono::milliseconds real_time_window{1000};
    // This many faults within failure_window quarantine the plugin.
    uint32_t max_failures = 5;
    std::chrono::seconds failure_window{60};
};

// With no call_deadline configured, a frame call may take two frame
// durations, but never less than 20 ms (scheduling alone can cost a few).
inline constexpr uint32_t auto_call_deadline_frames = 2;
inline constexpr std::chrono::milliseconds minimum_auto_call_deadline{20};

// The longest one encode, decode or conceal of a frame of this duration may
// take: limits.call_deadline, or the automatic rule above. The supervisor
// kills a child that exceeds it; `cordon plugin check` measures against it.
std::chrono::nanoseconds call_deadline_for(const SandboxLimits &limits, std::chrono::nanoseconds frame_duration);

// How a sandbox child failed, as the host classified it.
enum class SandboxFault : uint32_t {
    crash = 0,              // died by a signal, or exited on its own, while serving
    forbidden_syscall = 1,  // its seccomp filter stopped a call the host does not allow
    hang = 2,               // spent its call deadline of its own time (or got no CPU at all); the host killed it
    protocol_violation = 3, // a reply failed the host's validation
    contract_violation = 4, // the child caught its plugin lying (a length past capacity, an unknown status)
    exhaustion = 5,         // hit its CPU time or memory limit
    start_failure = 6,      // could not load, lock down or describe the plugin
    too_slow = 7,           // slower than real time over a window (real_time_limit_percent)
};
inline constexpr size_t sandbox_fault_kinds = 8;

const char *to_string(SandboxFault fault);

// What one sandboxed plugin has been through since it was loaded.
struct SandboxStats {
    int64_t pid = -1; // of the running child; -1 when none runs
    uint64_t round_trips = 0;
    uint64_t calls = 0; // requests carried by those round trips
    uint64_t restarts = 0;
    std::array<uint64_t, sandbox_fault_kinds> faults{}; // indexed by SandboxFault
    uint64_t frames_lost = 0;                           // calls that failed because the child failed
    uint64_t log_lines = 0;                             // forwarded from the child
    uint64_t log_lines_dropped = 0;                     // beyond the rate limit
    bool quarantined = false;
    std::string last_fault;                          // one line; empty when none
    std::chrono::nanoseconds last_start_duration{0}; // spawn to serving
    // The running child's lock-down as the host proved it from outside
    // (/proc) and as the child reported it before any plugin code ran;
    // empty when no child runs.
    std::string lockdown;

    uint64_t total_faults() const
    {
        uint64_t total = 0;
        for (const uint64_t count : faults) {
            total += count;
        }
        return total;
    }
};

} // namespace cordon
