#include "spawned_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

extern char **environ;

namespace cordon::test {

namespace {

// How often wait() looks for the exit: waitpid offers no timeout.
constexpr std::chrono::milliseconds exit_poll{20};

std::string read_file(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

std::optional<SpawnedProcess> SpawnedProcess::start(const std::string &program,
                                                    const std::vector<std::string> &arguments,
                                                    const std::filesystem::path &directory)
{
    static int started = 0;
    const std::string stem = (directory / ("process-" + std::to_string(++started))).string();
    const std::string out = stem + ".out";
    const std::string err = stem + ".err";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char *> argv;
    for (auto &argument : argv_text) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
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
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        } else if (std::chrono::steady_clock::now() >= deadline) {
            break;
        } else {
            std::this_thread::sleep_for(exit_poll);
        }
    }
    return exit_code_;
}

} // namespace cordon::test
