#include "sandbox/lockdown/supervised_filter.hpp"

#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace cordon::sandbox {
namespace {

std::string listed(std::span<const int> fds)
{
    std::string text;
    for (const int fd : fds) {
        text += (text.empty() ? "" : ",") + std::to_string(fd);
    }
    return "{" + text + "}";
}

} // namespace

Result<void> require_covered_architecture()
{
#if defined(__x86_64__) || defined(__aarch64__)
    return {};
#else
    return Error{ErrorCode::unsupported,
                 "the sandbox seccomp policy covers x86_64 and aarch64 only; this machine is neither, "
                 "so the sandbox will not start (run the plugin in process only if you trust it)"};
#endif
}

std::vector<int> sorted_unique(std::span<const int> fds)
{
    std::vector<int> sorted(fds.begin(), fds.end());
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    return sorted;
}

Result<int> install_supervised_program(const SupervisedProgram &program, const PolicyFds &fds)
{
    if (program.pid != getpid()) {
        return Error{ErrorCode::invalid_argument,
                     "sandbox seccomp policy: the host's filter was compiled for process " +
                         std::to_string(program.pid) + ", this is " + std::to_string(getpid())};
    }
    if (program.kept_fds != sorted_unique(fds.kept_fds) || program.handover_fd != fds.handover_fd) {
        return Error{ErrorCode::invalid_argument,
                     "sandbox seccomp policy: the host's filter was compiled for descriptors " +
                         listed(program.kept_fds) + " (handover " + std::to_string(program.handover_fd) +
                         "), this process keeps " + listed(fds.kept_fds) + " (handover " +
                         std::to_string(fds.handover_fd) + ")"};
    }
    if (program.instructions.empty() || program.instructions.size() > BPF_MAXINSNS) {
        return Error{ErrorCode::invalid_argument, "sandbox seccomp policy: a filter of " +
                                                      std::to_string(program.instructions.size()) +
                                                      " instructions, not 1 to " + std::to_string(BPF_MAXINSNS)};
    }
    sock_fprog loadable{static_cast<unsigned short>(program.instructions.size()),
                        const_cast<sock_filter *>(program.instructions.data())};
    const long listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &loadable);
    if (listener < 0) {
        return Error{ErrorCode::unsupported,
                     std::string("sandbox seccomp policy: the kernel refused the filter with a listener: ") +
                         std::strerror(errno)};
    }
    return static_cast<int>(listener);
}

} // namespace cordon::sandbox
