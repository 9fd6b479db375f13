#include "tests/sandbox/child/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "sandbox/lockdown/landlock.hpp"
#include "sandbox/lockdown/loading_paths.hpp"
#include "sandbox/lockdown/lockdown_handover.hpp"
#include "sandbox/lockdown/seccomp_policy.hpp"
#include "sandbox/lockdown/supervised_program_delivery.hpp"
#include "sandbox/protocol/wake_up.hpp"
#include "sandbox/supervisor/seccomp_listener.hpp"

extern char **environ;

namespace cordon::sandbox::test {
namespace {

// The test's descriptors are parked at or above this before spawning, clear
// of the numbers the child expects, so one dup2 cannot overwrite another's
// source (and dup2 to a new number drops close-on-exec there only).
constexpr int first_parked_fd = 10;
constexpr uint64_t one_wake = 1;
constexpr std::chrono::milliseconds exit_poll_interval{5};

int parked(int fd)
{
    const int moved = fcntl(fd, F_DUPFD_CLOEXEC, first_parked_fd);
    close(fd);
    if (moved < 0) {
        throw std::runtime_error(std::string("F_DUPFD_CLOEXEC: ") + std::strerror(errno));
    }
    return moved;
}

void close_if_open(int &fd)
{
    if (fd >= 0) {
        close(fd);
        fd = -1;
    }
}

} // namespace

std::string ChildEnd::describe() const
{
    std::ostringstream text;
    if (exited) {
        text << "exited with " << exit_code;
    } else {
        text << "ended by signal " << signal;
    }
    text << "; log:\n" << log;
    return text.str();
}

std::vector<std::string> SandboxChild::arguments_for(const std::string &plugin_path, uint32_t slot_count)
{
    return {"--plugin",          plugin_path,
            "--region-fd",       std::to_string(child_region_fd),
            "--slots",           std::to_string(slot_count),
            "--request-fd",      std::to_string(child_request_fd),
            "--reply-fd",        std::to_string(child_reply_fd),
            "--memory-limit-mb", "256",
            "--handover-fd",     std::to_string(child_handover_fd)};
}

SandboxChild::SandboxChild(const std::vector<std::string> &arguments)
{
    auto region = SharedRegion::create(RegionLayout::for_slots(default_slot_count));
    if (!region) {
        throw std::runtime_error(region.error().message);
    }
    region_.emplace(std::move(region.value()));
    request_fd_ = parked(eventfd(0, EFD_CLOEXEC));
    reply_fd_ = parked(eventfd(0, EFD_CLOEXEC));
    int log_pipe[2];
    if (pipe2(log_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    log_reader_ = log_pipe[0];
    int log_writer = parked(log_pipe[1]);
    // SharedRegion::create may have landed below the parking range.
    const int region_source = fcntl(region_->fd(), F_DUPFD_CLOEXEC, first_parked_fd);
    int handover[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, handover) != 0) {
        throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
    }
    handover_fd_ = handover[0];
    const int child_handover = parked(handover[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, log_writer, STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, region_source, child_region_fd);
    posix_spawn_file_actions_adddup2(&actions, request_fd_, child_request_fd);
    posix_spawn_file_actions_adddup2(&actions, reply_fd_, child_reply_fd);
    posix_spawn_file_actions_adddup2(&actions, child_handover, child_handover_fd);

    std::vector<std::string> argument_storage{CORDON_SANDBOX_EXECUTABLE};
    argument_storage.insert(argument_storage.end(), arguments.begin(), arguments.end());
    std::vector<char *> argv;
    for (std::string &text : argument_storage) {
        argv.push_back(text.data());
    }
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(log_writer); // the child's copy is the only one: EOF when it ends
    close(region_source);
    close(child_handover);
    if (spawned != 0) {
        pid_ = -1;
        throw std::runtime_error(std::string("posix_spawn: ") + std::strerror(spawned));
    }
    // The filter, compiled as the supervisor compiles it, for this child and
    // the descriptors it keeps: its log (stdout, stderr), region, pipes.
    const int kept[] = {STDOUT_FILENO, STDERR_FILENO, child_region_fd, child_request_fd, child_reply_fd};
    auto program = compile_supervised_policy(PolicyFds{kept, child_handover_fd}, pid_);
    // The ruleset, built as the supervisor builds it for the plugin named.
    const auto plugin = std::find(arguments.begin(), arguments.end(), "--plugin");
    const LandlockRuleset ruleset = plugin != arguments.end() && plugin + 1 != arguments.end()
                                        ? build_read_only_ruleset(readable_while_loading(*(plugin + 1)))
                                        : LandlockRuleset::unavailable("the test named no plugin");
    // A child that already ended (bad arguments) is for the test to judge.
    auto sent = program ? send_supervised_program(handover_fd_, *program, ruleset) : Result<void>(program.error());
    if (!sent && sent.error().code != ErrorCode::unavailable) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        throw std::runtime_error("cannot compile and send the child's seccomp program");
    }
    listener_thread_ = std::thread([this, child = pid_] { serve_listener(child); });
}

void SandboxChild::serve_listener(pid_t child)
{
    pollfd handover{handover_fd_, POLLIN, 0};
    if (poll(&handover, 1, static_cast<int>(child_timeout.count())) != 1) {
        return; // the child failed before its lockdown, or never got there
    }
    auto received = receive_lockdown_handover(handover_fd_);
    if (!received) {
        return;
    }
    const SeccompListener listener(received->listener_fd);
    constexpr int poll_slice = 50; // ms: how soon the thread sees stopping_
    while (!stopping_.load()) {
        pollfd pending{listener.fd(), POLLIN, 0};
        const int ready = poll(&pending, 1, poll_slice);
        if (ready == 0 || (ready < 0 && errno == EINTR)) {
            continue;
        }
        if (ready < 0 || (pending.revents & POLLIN) == 0) {
            return; // no filter user left: the child has ended
        }
        const auto notification = listener.receive();
        if (!notification) {
            continue;
        }
        if (loading_.load() && allowed_while_loading(notification->call) && listener.let_through(notification->id)) {
            continue;
        }
        refused_syscall_.store(notification->call.nr);
        kill(child, SIGKILL);
        return;
    }
}

SandboxChild::~SandboxChild()
{
    // The listener thread may kill the child too: it is joined before the
    // child is reaped, while the pid cannot yet belong to anyone else.
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
    }
    stopping_.store(true);
    if (listener_thread_.joinable()) {
        listener_thread_.join();
    }
    if (pid_ > 0) {
        waitpid(pid_, nullptr, 0);
    }
    close_if_open(handover_fd_);
    close_if_open(request_fd_);
    close_if_open(reply_fd_);
    close_if_open(log_reader_);
}

bool SandboxChild::round_trip()
{
    if (write(request_fd_, &one_wake, sizeof(one_wake)) != static_cast<ssize_t>(sizeof(one_wake))) {
        return false;
    }
    pollfd reply{reply_fd_, POLLIN, 0};
    if (poll(&reply, 1, static_cast<int>(child_timeout.count())) != 1) {
        return false;
    }
    uint64_t wakes = 0;
    const bool replied =
        read(reply_fd_, &wakes, sizeof(wakes)) == static_cast<ssize_t>(sizeof(wakes)) && wakes == one_wake;
    // The child loads its plugin before it serves: loading is over.
    loading_.store(false);
    return replied;
}

void SandboxChild::request_shutdown()
{
    const uint64_t shutdown = shutdown_wake_value;
    [[maybe_unused]] const ssize_t written = write(request_fd_, &shutdown, sizeof(shutdown));
    close_if_open(request_fd_);
}

ChildEnd SandboxChild::wait_for_end()
{
    ChildEnd end;
    if (pid_ <= 0) {
        return end;
    }
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + child_timeout;
    pid_t reaped = 0;
    while ((reaped = waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(exit_poll_interval);
    }
    if (reaped == 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        end.log = "(still running after the timeout: killed)\n";
    }
    pid_ = -1;
    end.exited = WIFEXITED(status);
    end.exit_code = end.exited ? WEXITSTATUS(status) : -1;
    end.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    // The child is gone, so the pipe ends; the poll only guards against a
    // descriptor leaked into some other process.
    std::array<char, 4096> buffer{};
    pollfd log{log_reader_, POLLIN, 0};
    while (poll(&log, 1, static_cast<int>(child_timeout.count())) == 1) {
        const ssize_t count = read(log_reader_, buffer.data(), buffer.size());
        if (count <= 0) {
            break;
        }
        end.log.append(buffer.data(), static_cast<size_t>(count));
    }
    return end;
}

} // namespace cordon::sandbox::test
