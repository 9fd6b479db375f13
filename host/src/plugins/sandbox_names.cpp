// The names isolation modes and sandbox faults go by in logs, settings and
// the CLI.
#include "cordon/host/sandbox.hpp"

namespace cordon {

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
    }
    return "unknown";
}

} // namespace cordon
