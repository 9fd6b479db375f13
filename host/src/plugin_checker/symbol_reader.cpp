#include "plugin_checker/symbol_reader.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#if defined(CORDON_SANITIZER_RUNTIME)
#include <sanitizer/common_interface_defs.h>
#endif

#include "plugin_checker/child_exit.hpp"
#include "sandbox/lockdown/lockdown.hpp"
#include <boost/dll/library_info.hpp>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace cordon::plugin_check {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int reader_failed = 3; // library_info threw: the file is not what it claims
constexpr uint64_t reader_cpu_seconds = 2;

// Runs in the forked child: locks itself down exactly as the sandbox does
// (standalone: no descriptor but the pipe and /dev/null, no network, no
// namespace shared, seccomp, Landlock to the one file), then runs job and
// exits with its status, without returning into the parent's code (no
// destructors, no atexit handlers). The untrusted file is touched only here.
[[noreturn]] void run_in_child(const std::filesystem::path &file, int fd, const ConfinedJob &job)
{
    // Boost.DLL's complaints about a malformed file are the finding, said by
    // the parent in one line; the child's own stderr would only add noise.
    const int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null_fd >= 0) {
        dup2(null_fd, STDERR_FILENO);
    }
#if defined(CORDON_SANITIZER_RUNTIME)
    // A sanitizer's report ends this child only: a death callback inherited
    // from the parent (libFuzzer's, which saves the input as a crash of the
    // whole fuzz target) must not run here.
    __sanitizer_set_death_callback(nullptr);
#endif
    sandbox::LockdownOptions options;
    options.ipc_fds = {fd};
    options.log_fd = STDERR_FILENO;
    options.address_space_bytes = symbol_reader_memory_bytes;
    options.cpu_seconds = reader_cpu_seconds;
    options.readable_paths = {file.string()};
    // The parent's heap is in this forked copy: its live blocks are no leaks.
    options.check_leaks_first = false;
    if (!sandbox::lock_down(options)) {
        _exit(confined_not_locked_down);
    }
    _exit(job(file, fd));
}

// The reader's job: the names Boost.DLL finds, one per line, on fd.
int write_symbol_names(const std::filesystem::path &file, int fd)
{
    std::string text;
    try {
        boost::dll::library_info info(file);
        for (const std::string &name : info.symbols()) {
            text.append(name).push_back('\n');
            if (text.size() > max_symbol_list_bytes) {
                break;
            }
        }
    } catch (...) {
        return reader_failed;
    }
    size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = write(fd, text.data() + written, text.size() - written);
        if (n <= 0) {
            break;
        }
        written += static_cast<size_t>(n);
    }
    return 0;
}

// Reads until the child closes its end, the cap or the deadline.
bool read_output(int fd, Clock::time_point deadline, std::string &output)
{
    char buffer[4096];
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd poll_fd{fd, POLLIN, 0};
        const int ready = poll(&poll_fd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return false;
        }
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return true;
        }
        output.append(buffer, static_cast<size_t>(n));
        if (output.size() > max_symbol_list_bytes) {
            return false;
        }
    }
}

} // namespace

std::vector<std::string> split_symbol_list(std::string_view output)
{
    std::vector<std::string> names;
    output = output.substr(0, max_symbol_list_bytes);
    while (!output.empty()) {
        const size_t end = std::min(output.find('\n'), output.size());
        const std::string_view name = output.substr(0, end);
        if (!name.empty() && name.size() <= max_symbol_name_bytes) {
            names.emplace_back(name);
        }
        output.remove_prefix(std::min(end + 1, output.size()));
    }
    return names;
}

Result<ConfinedRun> run_confined(const std::filesystem::path &file, const ConfinedJob &job)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        return Error{ErrorCode::io, std::string("cannot make a pipe for the symbol reader: ") + std::strerror(errno)};
    }
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return Error{ErrorCode::io, std::string("cannot start the symbol reader: ") + std::strerror(errno)};
    }
    if (pid == 0) {
        close(fds[0]);
        run_in_child(file, fds[1], job);
    }
    close(fds[1]);
    ConfinedRun run;
    const Clock::time_point deadline = Clock::now() + symbol_reader_deadline;
    const bool output_complete = read_output(fds[0], deadline, run.output);
    close(fds[0]);
    const ChildExit exit = reap_by_deadline(pid, output_complete ? deadline : Clock::now());
    run.within_limits = output_complete && !exit.killed_at_deadline;
    run.wait_status = exit.wait_status;
    return run;
}

Result<std::vector<std::string>> read_defined_symbols(const std::filesystem::path &file)
{
    auto run = run_confined(file, write_symbol_names);
    if (!run) {
        return run.error();
    }
    const int status = run->wait_status;
    if (!run->within_limits) {
        return Error{ErrorCode::malformed_input, "the symbol reader ran past its " +
                                                     std::to_string(symbol_reader_deadline.count()) +
                                                     " ms or its output limit; killed"};
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == confined_not_locked_down) {
        return Error{ErrorCode::unsupported,
                     "the symbol reader could not lock itself down, so the file was not read (the ELF of an "
                     "untrusted plugin is parsed only under the sandbox's lockdown)"};
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
        return Error{ErrorCode::malformed_input,
                     "Boost.DLL's symbol reader made a forbidden system call on the file: its ELF tables are "
                     "malformed or hostile"};
    }
    if (WIFSIGNALED(status)) {
        return Error{ErrorCode::malformed_input, std::string("Boost.DLL's symbol reader crashed on the file (") +
                                                     strsignal(WTERMSIG(status)) + "): its ELF tables are malformed"};
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return Error{ErrorCode::malformed_input, "Boost.DLL could not read the file's symbol table"};
    }
    return split_symbol_list(run->output);
}

} // namespace cordon::plugin_check
