#include "plugin_checker/child_exit.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace cordon::plugin_check {
namespace {

// The pid's end as a descriptor poll can wait on with a timeout (Linux 5.3).
int open_process(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

bool ended_by(int process_fd, std::chrono::steady_clock::time_point deadline)
{
    pollfd death{process_fd, POLLIN, 0};
    for (;;) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        const int ready = poll(&death, 1, left > 0 ? static_cast<int>(left) : 0);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        return ready > 0;
    }
}

} // namespace

ChildExit reap_by_deadline(pid_t pid, std::chrono::steady_clock::time_point deadline)
{
    ChildExit exit;
    const int process_fd = open_process(pid);
    // Without a pidfd there is no bounded wait: the child has had its chance.
    const bool ended = process_fd >= 0 && ended_by(process_fd, deadline);
    if (process_fd >= 0) {
        close(process_fd);
    }
    if (!ended) {
        kill(pid, SIGKILL);
        exit.killed_at_deadline = true;
    }
    while (waitpid(pid, &exit.wait_status, 0) < 0 && errno == EINTR) {
    }
    // Killed, yet it had ended on its own just before: its own ending counts.
    if (exit.killed_at_deadline && !(WIFSIGNALED(exit.wait_status) && WTERMSIG(exit.wait_status) == SIGKILL)) {
        exit.killed_at_deadline = false;
    }
    return exit;
}

} // namespace cordon::plugin_check
