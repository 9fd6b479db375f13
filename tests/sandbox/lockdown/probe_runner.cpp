#include "tests/sandbox/lockdown/probe_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tests/sandbox/lockdown/probe_protocol.hpp"

extern char **environ;

namespace cordon::sandbox::probe {
namespace {

// Proves the probe's environment is cleared: the suite always sets it.
constexpr const char *marker_variable = "CORDON_PROBE_MARKER=must-not-reach-the-plugin";

// Where the fds handed to the probe are parked before spawning: clear of the
// numbers the probe expects them at.
constexpr int first_source_fd = 10;

// Reads both pipes to their ends together, so a long log (an ASan report)
// cannot block the probe while the report pipe is read.
void read_both(int first_fd, std::string &first, int second_fd, std::string &second)
{
    std::array<pollfd, 2> pipes{pollfd{first_fd, POLLIN, 0}, pollfd{second_fd, POLLIN, 0}};
    std::array<std::string *, 2> texts{&first, &second};
    std::array<char, 4096> buffer{};
    int open_pipes = 2;
    while (open_pipes > 0 && poll(pipes.data(), pipes.size(), -1) > 0) {
        for (std::size_t i = 0; i < pipes.size(); ++i) {
            if (pipes[i].fd < 0 || pipes[i].revents == 0) {
                continue;
            }
            const ssize_t count = read(pipes[i].fd, buffer.data(), buffer.size());
            if (count <= 0) {
                pipes[i].fd = -1; // poll ignores negative fds
                --open_pipes;
            } else {
                texts[i]->append(buffer.data(), static_cast<std::size_t>(count));
            }
        }
    }
}

} // namespace

std::string ProbeRun::describe() const
{
    std::ostringstream text;
    if (exited) {
        text << "exited with " << exit_code;
    } else {
        text << "killed by signal " << signal << " (" << strsignal(signal) << ")";
    }
    text << "\nreport:\n" << report << "log:\n" << log;
    return text.str();
}

ProbeRun run_probe(const std::string &phase, const std::string &operation, const std::string &argument,
                   const ProbeFds &fds)
{
    ProbeRun run;
    int report_pipe[2];
    if (pipe2(report_pipe, O_CLOEXEC) != 0) {
        run.log = "pipe2 failed";
        return run;
    }
    const int eventfd_of_our_own = fds.ipc_fd < 0 ? eventfd(0, EFD_CLOEXEC) : -1;
    // Above every target number, so one dup2 cannot overwrite another's source.
    const int ipc_fd = fcntl(fds.ipc_fd < 0 ? eventfd_of_our_own : fds.ipc_fd, F_DUPFD_CLOEXEC, first_source_fd);
    const int report_writer = fcntl(report_pipe[1], F_DUPFD_CLOEXEC, first_source_fd);
    close(report_pipe[1]);
    // stderr is a pipe, as the host's will be: a regular file would meet
    // RLIMIT_FSIZE 0 (and lockdown refuses it as the log fd).
    int log_pipe[2];
    if (pipe2(log_pipe, O_CLOEXEC) != 0) {
        run.log = "pipe2 failed";
        return run;
    }
    const int log_writer = fcntl(log_pipe[1], F_DUPFD_CLOEXEC, first_source_fd);
    close(log_pipe[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, log_writer, STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, report_writer, report_fd);
    posix_spawn_file_actions_adddup2(&actions, ipc_fd, ipc_fd_number);

    std::vector<std::string> arguments = {CORDON_LOCKDOWN_PROBE_PATH, phase, operation};
    if (!argument.empty()) {
        arguments.push_back(argument);
    }
    std::vector<char *> argv;
    for (std::string &text : arguments) {
        argv.push_back(text.data());
    }
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (char **variable = environ; *variable != nullptr; ++variable) {
        envp.push_back(*variable);
    }
    std::string marker = marker_variable;
    envp.push_back(marker.data());
    envp.push_back(nullptr);

    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(report_writer);
    close(log_writer);
    close(ipc_fd);
    if (spawned == 0) {
        read_both(report_pipe[0], run.report, log_pipe[0], run.log);
        int status = 0;
        waitpid(pid, &status, 0);
        run.exited = WIFEXITED(status);
        run.exit_code = run.exited ? WEXITSTATUS(status) : -1;
        run.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
    close(report_pipe[0]);
    close(log_pipe[0]);
    if (eventfd_of_our_own >= 0) {
        close(eventfd_of_our_own);
    }
    return run;
}

std::string report_value(const ProbeRun &run, const std::string &key)
{
    std::istringstream lines(run.report);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(key + "=", 0) == 0) {
            return line.substr(key.size() + 1);
        }
    }
    return "<missing>";
}

std::string fresh_temporary_path(const std::string &name)
{
    std::string directory = "/tmp/cordon-lockdown-XXXXXX";
    if (mkdtemp(directory.data()) == nullptr) {
        return "/nonexistent/" + name;
    }
    return directory + "/" + name;
}

} // namespace cordon::sandbox::probe
