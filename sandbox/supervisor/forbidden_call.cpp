#include "sandbox/supervisor/forbidden_call.hpp"

#include <seccomp.h>

#include <cstdlib>
#include <memory>

#include "sandbox/lockdown/seccomp_policy.hpp"

namespace cordon::sandbox {

std::string syscall_name(const seccomp_data &call)
{
    const std::string number = std::to_string(call.nr);
    if (call.arch != seccomp_arch_native()) {
        return "number " + number + " of another architecture";
    }
    const std::unique_ptr<char, decltype(&std::free)> name(seccomp_syscall_resolve_num_arch(call.arch, call.nr),
                                                           &std::free);
    return name ? std::string(name.get()) + " (" + number + ")" : "number " + number;
}

std::string describe_forbidden_call(const ForbiddenCall &forbidden)
{
    if (installs_a_seccomp_filter(forbidden.call)) {
        return "tried to install a seccomp filter of its own with the system call " + syscall_name(forbidden.call) +
               ", which could fake the success of later calls";
    }
    return "made the forbidden system call " + syscall_name(forbidden.call);
}

} // namespace cordon::sandbox
