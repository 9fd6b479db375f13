#include "tests/support/process/spawned_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

extern char **environ;

namespace cordon::test {

namespace {

// How often wait(limit) looks for the exit: waitpid offers no timeout.
constexpr std::chrono::milliseconds exit_poll{20};

std::string read_file(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// NULL-terminated pointers into texts, which must outlive them.
std::vector<char *> pointers_to(std::vector<std::string> &texts)
{
    std::vector<char *> pointers;
    for (std::string &text : texts) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

std::vector<std::string> child_environment(const std::vector<std::string> &extra)
{
    std::vector<std::string> entries;
    for (char **entry = environ; *entry != nullptr; ++entry) {
        if (!std::string_view(*entry).starts_with("CORDON_CONFIG=")) {
            entries.emplace_back(*entry);
        }
    }
    entries.insert(entries.end(), extra.begin(), extra.end());
    return entries;
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

} // namespace

std::optional<SpawnedProcess> SpawnedProcess::start(const std::string &program,
                                                    const std::vector<std::string> &arguments,
                                                    const std::filesystem::path &directory,
                                                    const std::vector<std::string> &extra_environment)
{
    static int started = 0;
    const std::string stem =
        (directory / ("process-" + std::to_string(getpid()) + "-" + std::to_string(++started))).string();
    const std::string out = stem + ".out";
    const std::string err = stem + ".err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<std::string> environment_text = child_environment(extra_environment);
    const std::vector<char *> argv = pointers_to(argv_text);
    const std::vector<char *> environment = pointers_to(environment_text);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environment.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        errno = spawned;
        return std::nullopt;
    }
    return SpawnedProcess(pid, out, err);
}

SpawnedProcess::SpawnedProcess(SpawnedProcess &&other) noexcept
    : pid_(other.pid_), out_(std::move(other.out_)), err_(std::move(other.err_)), exit_code_(other.exit_code_)
{
    other.pid_ = -1;
}

SpawnedProcess::~SpawnedProcess()
{
    if (pid_ > 0 && !exit_code_) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
}

std::string SpawnedProcess::out() const { return read_file(out_); }
std::string SpawnedProcess::err() const { return read_file(err_); }

std::optional<int> SpawnedProcess::wait(std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!exit_code_) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = exit_code_of(status);
        } else if (std::chrono::steady_clock::now() >= deadline) {
            break;
        } else {
            std::this_thread::sleep_for(exit_poll);
        }
    }
    return exit_code_;
}

int SpawnedProcess::wait()
{
    int status = 0;
    while (!exit_code_) {
        if (waitpid(pid_, &status, 0) == pid_) {
            exit_code_ = exit_code_of(status);
        } else if (errno != EINTR) {
            exit_code_ = -1;
        }
    }
    return *exit_code_;
}

void SpawnedProcess::remove_output() const
{
    std::error_code ignored;
    std::filesystem::remove(out_, ignored);
    std::filesystem::remove(err_, ignored);
}

ProcessResult run_process(const std::string &program, const std::vector<std::string> &arguments,
                          const std::vector<std::string> &extra_environment)
{
    ProcessResult result;
    auto process = SpawnedProcess::start(program, arguments, std::filesystem::temp_directory_path(), extra_environment);
    if (!process) {
        result.err = "cannot start " + program + ": " + std::strerror(errno);
        return result;
    }
    result.exit_code = process->wait();
    result.out = process->out();
    result.err = process->err();
    process->remove_output();
    return result;
}

} // namespace cordon::test
