#include "sandbox/supervisor/sandbox_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

// glibc 2.36 declares these without C linkage (fixed in 2.37).
extern "C" {
#include <sys/pidfd.h>
}

#include <algorithm>
#include <array>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include "sandbox/lockdown/landlock.hpp"
#include "sandbox/lockdown/loading_paths.hpp"
#include "sandbox/lockdown/lockdown_handover.hpp"
#include "sandbox/lockdown/owned_descriptor.hpp"
#include "sandbox/lockdown/seccomp_policy.hpp"
#include "sandbox/lockdown/supervised_program_delivery.hpp"
#include "sandbox/protocol/wake_up.hpp"

namespace cordon::sandbox {
namespace {

// The numbers the child receives its descriptors at (its --*-fd arguments).
constexpr int child_region_fd = 3;
constexpr int child_request_fd = 4;
constexpr int child_reply_fd = 5;
constexpr int child_handover_fd = 6;
// The host's copies are parked at or above this before spawning, clear of
// the child's numbers, so one dup2 cannot overwrite another's source.
constexpr int first_parked_fd = 10;
constexpr uint64_t one_wake = 1;
// How soon the host looks again at a child it found waiting for a CPU.
constexpr std::chrono::milliseconds recheck{1};
// What the host reads of a dying child's log: a flood stops here.
constexpr size_t max_log_drain_bytes = size_t{1} << 20;
constexpr size_t log_read_chunk = 4096;
constexpr uint64_t bytes_per_mebibyte = uint64_t{1} << 20;

Error system_error(const std::string &what)
{
    return Error{ErrorCode::io, "sandbox: " + what + ": " + std::strerror(errno)};
}

void close_if_open(int &fd)
{
    if (fd >= 0) {
        close(fd);
        fd = -1;
    }
}

// A close-on-exec copy at or above first_parked_fd; closes the original.
int park(int fd)
{
    if (fd < 0) {
        return -1;
    }
    const int moved = fcntl(fd, F_DUPFD_CLOEXEC, first_parked_fd);
    close(fd);
    return moved;
}

// The descriptors cordon-sandbox keeps (child/main.cpp), which its filter
// is compiled for: its log on stdout and stderr, the region and the two
// wake-up pipes.
constexpr int child_kept_fds[] = {STDOUT_FILENO, STDERR_FILENO, child_region_fd, child_request_fd, child_reply_fd};

std::vector<char *> pointers_to(std::vector<std::string> &texts)
{
    std::vector<char *> pointers;
    for (std::string &text : texts) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

} // namespace

std::string ProcessEnd::describe() const
{
    if (exited) {
        return "exited with status " + std::to_string(exit_code);
    }
    const char *name = sigabbrev_np(signal);
    std::string text = std::string(killed_by_host ? "killed by the host with " : "killed by ") +
                       (name != nullptr ? std::string("SIG") + name : "signal " + std::to_string(signal));
    if (const char *meaning = sigdescr_np(signal); meaning != nullptr && !killed_by_host) {
        text += std::string(" (") + meaning + ")";
    }
    return text;
}

Result<std::unique_ptr<SandboxProcess>> SandboxProcess::spawn(const ProcessLaunch &launch, const SharedRegion &region)
{
    std::unique_ptr<SandboxProcess> process(new SandboxProcess());
    // Pipes, not eventfds, for the wake-ups: a pipe wakes its reader with the
    // kernel's "sync" hint (the writer is about to sleep), so the scheduler
    // runs host and child one after the other on one CPU instead of moving
    // the host to an idle one each round trip, cold caches and all. And the
    // child sees end of file on its request pipe if the host dies.
    int request_pipe[2];
    int reply_pipe[2];
    if (pipe2(request_pipe, O_CLOEXEC) != 0) {
        return system_error("cannot create the request pipe");
    }
    if (pipe2(reply_pipe, O_CLOEXEC) != 0) {
        close(request_pipe[0]);
        close(request_pipe[1]);
        return system_error("cannot create the reply pipe");
    }
    process->request_fd_ = park(request_pipe[1]);
    process->reply_fd_ = park(reply_pipe[0]);
    // The child's ends: it gets copies at spawn, and the host's close
    // however spawn() returns.
    const OwnedDescriptor child_request(park(request_pipe[0]));
    const OwnedDescriptor child_reply(park(reply_pipe[1]));
    if (process->request_fd_ < 0 || process->reply_fd_ < 0 || child_request.get() < 0 || child_reply.get() < 0) {
        return system_error("cannot prepare the wake-up pipes");
    }
    // A datagram-like socket: the child's one handover message arrives whole.
    int handover[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, handover) != 0) {
        return system_error("cannot create the lockdown handover socket");
    }
    process->handover_fd_ = park(handover[0]);
    const OwnedDescriptor child_handover(park(handover[1]));
    int log_pipe[2];
    if (pipe2(log_pipe, O_CLOEXEC) != 0) {
        return system_error("cannot create the log pipe");
    }
    process->log_fd_ = log_pipe[0];
    // Only the host's end: the child's writes still block when the pipe is
    // full, so a flood slows the child down instead of the host.
    fcntl(process->log_fd_, F_SETFL, fcntl(process->log_fd_, F_GETFL) | O_NONBLOCK);
    // The child's copies are then the only ones: EOF when it ends.
    const OwnedDescriptor log_writer(park(log_pipe[1]));
    const OwnedDescriptor region_source(fcntl(region.fd(), F_DUPFD_CLOEXEC, first_parked_fd));
    if (log_writer.get() < 0 || region_source.get() < 0 || child_handover.get() < 0 || process->handover_fd_ < 0) {
        return system_error("cannot prepare the child's descriptors");
    }
    // A child inherits its parent's filters: the proof counts on top of them.
    auto inherited = own_seccomp_filters();
    if (!inherited) {
        return Error{ErrorCode::unsupported, "sandbox: " + inherited.error().message};
    }
    process->inherited_filters_ = *inherited;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, log_writer.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, log_writer.get(), STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, region_source.get(), child_region_fd);
    posix_spawn_file_actions_adddup2(&actions, child_request.get(), child_request_fd);
    posix_spawn_file_actions_adddup2(&actions, child_reply.get(), child_reply_fd);
    posix_spawn_file_actions_adddup2(&actions, child_handover.get(), child_handover_fd);

    std::vector<std::string> arguments{launch.executable.string(),
                                       "--plugin",
                                       launch.plugin.string(),
                                       "--region-fd",
                                       std::to_string(child_region_fd),
                                       "--slots",
                                       std::to_string(region.layout().slot_count()),
                                       "--request-fd",
                                       std::to_string(child_request_fd),
                                       "--reply-fd",
                                       std::to_string(child_reply_fd),
                                       "--memory-limit-mb",
                                       std::to_string(launch.memory_limit_bytes / bytes_per_mebibyte),
                                       "--handover-fd",
                                       std::to_string(child_handover_fd)};
    // A process group of its own (a signal to the host's group, such as the
    // terminal's Ctrl-C, is the host's to handle), every signal at its
    // default and none blocked, whatever the application did with its own.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t all_signals;
    sigset_t no_signals;
    sigfillset(&all_signals);
    sigemptyset(&no_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setsigdefault(&attributes, &all_signals);
    posix_spawnattr_setsigmask(&attributes, &no_signals);

    // An empty environment: the host's may hold secrets. (Sanitizer builds
    // of the child set their options in code: child/sanitizer_options.cpp.)
    std::vector<std::string> environment;
    std::vector<char *> argv = pointers_to(arguments);
    std::vector<char *> envp = pointers_to(environment);
    const int spawned = posix_spawn(&process->pid_, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) {
        process->pid_ = -1;
        process->reaped_ = true;
        return Error{ErrorCode::io,
                     "sandbox: cannot start " + launch.executable.string() + ": " + std::strerror(spawned)};
    }
    // The child's filter and Landlock ruleset, made here while the child is
    // still starting (it waits for them in its lockdown, before any plugin
    // code), so neither costs the child's start. A child that has already
    // ended is left to the start-up to report, by its exit and its log.
    auto program = compile_supervised_policy(PolicyFds{child_kept_fds, child_handover_fd}, process->pid_);
    const LandlockRuleset ruleset = build_read_only_ruleset(readable_while_loading(launch.plugin.string()));
    auto sent =
        program ? send_supervised_program(process->handover_fd_, *program, ruleset) : Result<void>(program.error());
    if (!sent && sent.error().code != ErrorCode::unavailable) {
        process->kill_and_reap({});
        return Error{sent.error().code, "sandbox: " + sent.error().message};
    }
    process->pidfd_ = pidfd_open(process->pid_, 0);
    if (process->pidfd_ < 0) {
        const Error error = system_error("pidfd_open (Linux 5.3 or newer is needed)");
        process->kill_and_reap({});
        return error;
    }
    process->run_queue_wait_ = std::make_unique<RunQueueWait>(process->pid_);
    process->activity_ = ChildActivity(process->pid_);
    process->last_wait_reading_ = process->run_queue_wait_->total();
    return process;
}

SandboxProcess::~SandboxProcess()
{
    if (!reaped_) {
        kill_and_reap({});
    }
    close_if_open(pidfd_);
    close_if_open(request_fd_);
    close_if_open(reply_fd_);
    close_if_open(log_fd_);
    close_if_open(handover_fd_);
}

// The host thread waits for every reply, so the two never run at the same
// time: on one CPU the wake-up costs a few microseconds, across CPUs (on a
// VM, an inter-processor interrupt) tens of microseconds. The child follows
// the calling thread; the syscall is made only when that thread moved.
void SandboxProcess::follow_calling_cpu()
{
    const int cpu = sched_getcpu();
    if (cpu < 0 || cpu == cpu_) {
        return;
    }
    cpu_set_t only_this_cpu;
    CPU_ZERO(&only_this_cpu);
    CPU_SET(cpu, &only_this_cpu);
    if (sched_setaffinity(pid_, sizeof(only_this_cpu), &only_this_cpu) == 0) {
        cpu_ = cpu;
    }
}

bool SandboxProcess::wake()
{
    follow_calling_cpu();
    woke_ = std::chrono::steady_clock::now();
    return write(request_fd_, &one_wake, sizeof(one_wake)) == static_cast<ssize_t>(sizeof(one_wake));
}

WaitOutcome SandboxProcess::await_lockdown(std::chrono::steady_clock::time_point deadline, const LogSink &sink,
                                           LockdownReport &report)
{
    enum { handover_slot, death_slot, log_slot };
    std::array<pollfd, 3> watched{{{handover_fd_, POLLIN, 0}, {pidfd_, POLLIN, 0}, {log_fd_, POLLIN, 0}}};
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        const int ready = poll(watched.data(), watched.size(), left.count() > 0 ? static_cast<int>(left.count()) : 0);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return WaitOutcome::timed_out;
        }
        if (watched[log_slot].revents != 0) {
            drain_log(sink);
            if ((watched[log_slot].revents & POLLIN) == 0) {
                watched[log_slot].fd = -1;
            }
        }
        if (watched[handover_slot].revents != 0) {
            auto handover = receive_lockdown_handover(handover_fd_);
            close_if_open(handover_fd_);
            if (!handover) {
                refusal_ = handover.error().message;
                return WaitOutcome::refused;
            }
            listener_ = SeccompListener(handover->listener_fd);
            report = handover->report;
            return WaitOutcome::replied;
        }
        if (watched[death_slot].revents != 0) {
            return WaitOutcome::ended;
        }
    }
}

std::optional<std::chrono::nanoseconds> SandboxProcess::run_queue_wait()
{
    if (!run_queue_wait_ || run_queue_wait_->unavailable()) {
        return std::nullopt;
    }
    auto total = run_queue_wait_->total();
    if (total) {
        last_wait_reading_ = total;
    }
    return total;
}

WaitOutcome SandboxProcess::await_reply(std::chrono::nanoseconds budget, const LogSink &sink)
{
    using Clock = std::chrono::steady_clock;
    enum { reply_slot, death_slot, log_slot, listener_slot };
    std::array<pollfd, 4> watched{
        {{reply_fd_, POLLIN, 0}, {pidfd_, POLLIN, 0}, {log_fd_, POLLIN, 0}, {listener_.fd(), POLLIN, 0}}};
    starved_ = false;
    // Every wait the child had since this reading counts as this round
    // trip's: generous to the child by what earlier round trips waited since.
    const std::optional<std::chrono::nanoseconds> wait_before = last_wait_reading_;
    const Clock::time_point latest = woke_ + budget + longest_wait_for_a_cpu;
    Clock::time_point deadline = woke_ + budget;
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        const int ready = poll(watched.data(), watched.size(), left.count() > 0 ? static_cast<int>(left.count()) : 0);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            // Past the budget by the clock: was it the child's own time? A
            // wait for a CPU still going on shows as runnable without
            // running; the waits that have ended are in its run-queue wait,
            // read after the look (a child that ran during it has just
            // ended a wait).
            const bool waiting = activity_.waiting_for_a_cpu();
            const auto now = Clock::now();
            const auto wait_now = run_queue_wait();
            if (!wait_before || !wait_now) {
                return WaitOutcome::timed_out;
            }
            const auto own = (now - woke_) - (*wait_now - *wait_before);
            if (own >= budget && !waiting) {
                return WaitOutcome::timed_out;
            }
            if (Clock::now() >= latest) {
                starved_ = true;
                return WaitOutcome::timed_out;
            }
            deadline = std::min(latest, Clock::now() + std::max<std::chrono::nanoseconds>(budget - own, recheck));
            continue;
        }
        // The log first: what the child wrote before it replied is in the
        // pipe by now, and belongs before the reply in the host's log.
        if (watched[log_slot].revents != 0) {
            drain_log(sink);
            // After EOF (the child closed stderr, or is dying) stop watching it.
            if ((watched[log_slot].revents & POLLIN) == 0) {
                watched[log_slot].fd = -1;
            }
        }
        if ((watched[listener_slot].revents & POLLIN) != 0) {
            if (const auto notification = listener_.receive()) {
                if (loading_ && allowed_while_loading(notification->call) && listener_.let_through(notification->id)) {
                    continue;
                }
                forbidden_.call = notification->call;
                return WaitOutcome::forbidden_call;
            }
        } else if (watched[listener_slot].revents != 0) {
            watched[listener_slot].fd = -1; // no filter user left: the child is dying
        }
        if ((watched[reply_slot].revents & POLLIN) != 0) {
            uint64_t wakes = 0;
            if (read(reply_fd_, &wakes, sizeof(wakes)) == static_cast<ssize_t>(sizeof(wakes))) {
                last_round_trip_ = Clock::now() - woke_;
                return WaitOutcome::replied;
            }
        } else if (watched[reply_slot].revents != 0) {
            // The child's end closed: it is dying. Polling a hung-up pipe
            // would return at once, and the host would spin on the very CPU
            // the dying child needs to finish exiting (it follows the host's).
            watched[reply_slot].fd = -1;
        }
        if (watched[death_slot].revents != 0) {
            return WaitOutcome::ended;
        }
    }
}

Result<VerifiedLockdown> SandboxProcess::end_loading()
{
    loading_ = false;
    return verify_lockdown_from_outside(pid_, inherited_filters_);
}

void SandboxProcess::drain_log(const LogSink &sink)
{
    std::array<char, log_read_chunk> buffer{};
    size_t total = 0;
    while (total < max_log_drain_bytes) {
        const ssize_t count = read(log_fd_, buffer.data(), buffer.size());
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return;
        }
        total += static_cast<size_t>(count);
        if (sink) {
            sink(std::string_view(buffer.data(), static_cast<size_t>(count)));
        }
    }
}

ProcessEnd SandboxProcess::kill_and_reap(const LogSink &sink)
{
    if (reaped_) {
        return ProcessEnd{};
    }
    pidfd_send_signal(pidfd_, SIGKILL, nullptr, 0);
    return reap(true, sink);
}

ProcessEnd SandboxProcess::shut_down(std::chrono::milliseconds grace, const LogSink &sink)
{
    if (reaped_) {
        return ProcessEnd{};
    }
    const uint64_t shutdown = shutdown_wake_value;
    if (write(request_fd_, &shutdown, sizeof(shutdown)) == static_cast<ssize_t>(sizeof(shutdown))) {
        pollfd death{pidfd_, POLLIN, 0};
        int ready = 0;
        while ((ready = poll(&death, 1, static_cast<int>(grace.count()))) < 0 && errno == EINTR) {
        }
        if (ready == 1) {
            return reap(false, sink);
        }
    }
    return kill_and_reap(sink);
}

ProcessEnd SandboxProcess::reap(bool killed_by_host, const LogSink &sink)
{
    ProcessEnd end;
    int status = 0;
    rusage usage{};
    while (wait4(pid_, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    drain_log(sink);
    end.exited = WIFEXITED(status);
    end.exit_code = end.exited ? WEXITSTATUS(status) : -1;
    end.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    // The host's SIGKILL only counts when the child did not end otherwise first.
    end.killed_by_host = killed_by_host && end.signal == SIGKILL;
    end.max_rss_kib = usage.ru_maxrss;
    return end;
}

} // namespace cordon::sandbox
