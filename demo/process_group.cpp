#include "demo/process_group.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace cordon::demo {

namespace {

constexpr auto poll_interval = std::chrono::milliseconds(20);

std::string system_error(const std::string &what) { return what + ": " + std::strerror(errno); }

// Runs in the forked child, so only async-signal-safe calls until execv.
[[noreturn]] void exec_leader(const char *program, char *const *argv, int input, int log, int error_pipe)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    if (setpgid(0, 0) == 0 && dup2(input, STDIN_FILENO) >= 0 && dup2(log, STDOUT_FILENO) >= 0 &&
        dup2(log, STDERR_FILENO) >= 0) {
        // The test's own sockets must not live on in the server: a test that
        // closes a connection expects the server to see it closed.
        close_range(STDERR_FILENO + 1, ~0U, CLOSE_RANGE_CLOEXEC);
        execv(program, argv);
    }
    const int failure = errno;
    (void)!write(error_pipe, &failure, sizeof failure);
    _exit(127);
}

// Also forked: waits until the test process closes its end of the pipe (by
// stop() or by dying), then kills the whole group. Signals meant for the test
// process (Ctrl-C reaches the terminal's foreground group) must not stop it.
[[noreturn]] void watch(pid_t group, int read_end)
{
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    for (const int signal_number : {SIGINT, SIGHUP, SIGQUIT, SIGTERM, SIGPIPE}) {
        sigaction(signal_number, &ignore, nullptr);
    }
    // Other fds of the test process (another watchdog's pipe) would keep
    // their owners waiting for an EOF that never comes.
    if (read_end > STDERR_FILENO + 1) {
        close_range(STDERR_FILENO + 1, static_cast<unsigned>(read_end) - 1, 0);
    }
    close_range(static_cast<unsigned>(read_end) + 1, ~0U, 0);
    char byte = 0;
    while (read(read_end, &byte, 1) < 0 && errno == EINTR) {
    }
    kill(-group, SIGKILL);
    _exit(0);
}

} // namespace

Result<ProcessGroup> ProcessGroup::start(const std::filesystem::path &program,
                                         const std::vector<std::string> &arguments,
                                         const std::filesystem::path &log_file)
{
    std::vector<std::string> argv_text{program.string()};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char *> argv;
    for (auto &argument : argv_text) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);

    const int input = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    int error_pipe[2] = {-1, -1};
    int watch_pipe[2] = {-1, -1};
    auto close_all = [&] {
        for (const int fd : {input, log, error_pipe[0], error_pipe[1], watch_pipe[0], watch_pipe[1]}) {
            if (fd >= 0) {
                close(fd);
            }
        }
    };
    if (input < 0 || log < 0 || pipe2(error_pipe, O_CLOEXEC) != 0 || pipe2(watch_pipe, O_CLOEXEC) != 0) {
        Error error{ErrorCode::io, system_error("preparing to start " + program.string())};
        close_all();
        return error;
    }

    // Orphaned members of the group become this process's children, so that
    // stop() can wait for every one of them, not only for the leader.
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    const pid_t leader = fork();
    if (leader < 0) {
        Error error{ErrorCode::io, system_error("fork")};
        close_all();
        return error;
    }
    if (leader == 0) {
        exec_leader(program.c_str(), argv.data(), input, log, error_pipe[1]);
    }
    setpgid(leader, leader); // also here: no race with a kill(-leader) below

    close(error_pipe[1]);
    error_pipe[1] = -1;
    int exec_errno = 0;
    ssize_t got = 0;
    do {
        got = read(error_pipe[0], &exec_errno, sizeof exec_errno);
    } while (got < 0 && errno == EINTR);
    if (got > 0) {
        waitpid(leader, nullptr, 0);
        close_all();
        return Error{ErrorCode::not_found, "cannot run " + program.string() + ": " + std::strerror(exec_errno)};
    }

    const pid_t watchdog = fork();
    if (watchdog < 0) {
        Error error{ErrorCode::io, system_error("fork (watchdog)")};
        kill(-leader, SIGKILL);
        waitpid(leader, nullptr, 0);
        close_all();
        return error;
    }
    if (watchdog == 0) {
        watch(leader, watch_pipe[0]);
    }
    const int write_end = watch_pipe[1];
    watch_pipe[1] = -1;
    close_all();
    return ProcessGroup(leader, watchdog, write_end);
}

ProcessGroup::ProcessGroup(pid_t leader, pid_t watchdog, int watchdog_pipe)
    : leader_(leader), watchdog_(watchdog), watchdog_pipe_(watchdog_pipe)
{
}

ProcessGroup::ProcessGroup(ProcessGroup &&other) noexcept
    : leader_(std::exchange(other.leader_, -1)), watchdog_(std::exchange(other.watchdog_, -1)),
      watchdog_pipe_(std::exchange(other.watchdog_pipe_, -1))
{
}

ProcessGroup &ProcessGroup::operator=(ProcessGroup &&other) noexcept
{
    if (this != &other) {
        stop();
        leader_ = std::exchange(other.leader_, -1);
        watchdog_ = std::exchange(other.watchdog_, -1);
        watchdog_pipe_ = std::exchange(other.watchdog_pipe_, -1);
    }
    return *this;
}

ProcessGroup::~ProcessGroup() { stop(); }

bool ProcessGroup::running() const
{
    if (leader_ < 0) {
        return false;
    }
    siginfo_t info = {};
    // WNOWAIT: an exited leader stays a zombie, so its pid, and with it the
    // group id, cannot be reused before stop() has killed the group.
    return waitid(P_PID, static_cast<id_t>(leader_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
}

void ProcessGroup::release_watchdog()
{
    // stop() does the watchdog's job itself; the watchdog must not act after
    // the leader is reaped, when the group id may belong to someone else.
    if (watchdog_ > 0) {
        kill(watchdog_, SIGKILL);
        waitpid(watchdog_, nullptr, 0);
        watchdog_ = -1;
    }
    if (watchdog_pipe_ >= 0) {
        close(watchdog_pipe_);
        watchdog_pipe_ = -1;
    }
}

void ProcessGroup::stop(std::chrono::milliseconds grace)
{
    release_watchdog();
    if (leader_ < 0) {
        return;
    }
    // SIGTERM to the leader alone: a server ends its own children in its own
    // order. Signalled all at once, Kamailio's children may die holding a
    // lock that the main process then waits for while it shuts down.
    kill(leader_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(poll_interval);
    }
    // Whatever is left (a hung leader, or children it did not wait for) goes
    // now, while the unreaped leader still holds the group id. As subreaper
    // this process inherits the orphans, so it reaps every member: the group
    // is empty when stop() returns.
    kill(-leader_, SIGKILL);
    while (waitpid(-leader_, nullptr, 0) > 0 || errno == EINTR) {
    }
    leader_ = -1;
}

} // namespace cordon::demo
