#include "forbidden_syscall_report.hpp"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace cordon::sandbox {
namespace {

int report_fd = -1;

// Only async-signal-safe calls: no allocation, no stdio.
size_t append_decimal(char *out, size_t at, size_t capacity, unsigned long value)
{
    char digits[24];
    size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 && count < sizeof(digits));
    while (count > 0 && at < capacity) {
        out[at++] = digits[--count];
    }
    return at;
}

void on_forbidden_syscall(int, siginfo_t *info, void *)
{
    char line[sizeof(kForbiddenSyscallLine) + 24];
    size_t length = sizeof(kForbiddenSyscallLine) - 1;
    std::memcpy(line, kForbiddenSyscallLine, length);
    length = append_decimal(line, length, sizeof(line) - 1, static_cast<unsigned int>(info->si_syscall));
    line[length++] = '\n';
    if (report_fd >= 0) {
        [[maybe_unused]] const ssize_t written = write(report_fd, line, length);
    }
    // Restoring the default action is itself refused while SIGSYS is blocked
    // (as it is inside this handler), so the kernel kills the process by
    // SIGSYS right here. Should the filter ever allow it, the signal raised
    // next is delivered with the default action once the handler returns.
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigaction(SIGSYS, &default_action, nullptr);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGSYS);
}

} // namespace

Result<void> report_forbidden_syscalls_to(int log_fd)
{
    report_fd = log_fd;
    struct sigaction action {};
    action.sa_sigaction = on_forbidden_syscall;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGSYS, &action, nullptr) != 0) {
        return Error{ErrorCode::unsupported,
                     std::string("sandbox: cannot install the SIGSYS handler: ") + std::strerror(errno)};
    }
    return {};
}

} // namespace cordon::sandbox
