// The names isolation modes and sandbox faults go by in logs, settings and
// the CLI, and the sandbox's call deadline rule.
#include "cordon/host/sandbox.hpp"

#include <algorithm>

namespace cordon {

std::chrono::nanoseconds call_deadline_for(const SandboxLimits &limits, std::chrono::nanoseconds frame_duration)
{
    if (limits.call_deadline.count() > 0) {
        return limits.call_deadline;
    }
    return std::max<std::chrono::nanoseconds>(frame_duration * auto_call_deadline_frames, minimum_auto_call_deadline);
}

const char *to_string(Isolation isolation)
{
    switch (isolation) {
    case Isolation::in_process:
        return "in-process";
    case Isolation::sandbox:
        return "sandbox";
    }
    return "unknown";
}

const char *to_string(SandboxFault fault)
{
    switch (fault) {
    case SandboxFault::crash:
        return "crash";
    case SandboxFault::forbidden_syscall:
        return "forbidden system call";
    case SandboxFault::hang:
        return "hang";
    case SandboxFault::protocol_violation:
        return "protocol violation";
    case SandboxFault::contract_violation:
        return "contract violation";
    case SandboxFault::exhaustion:
        return "exhaustion";
    case SandboxFault::start_failure:
        return "start failure";
    case SandboxFault::too_slow:
        return "too slow for real time";
    }
    return "unknown";
}

} // namespace cordon
