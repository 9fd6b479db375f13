#include "run_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char **environ;

namespace cordon::test {

namespace {

std::string read_and_remove(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::filesystem::remove(path);
    return text.str();
}

}  // namespace

ProcessResult run_process(const std::string &program, const std::vector<std::string> &arguments,
                          const std::vector<std::string> &extra_environment)
{
    static int call = 0;
    const auto stem = std::filesystem::temp_directory_path() /
                      ("cordon-cli-test-" + std::to_string(getpid()) + "-" + std::to_string(++call));
    const std::string out_path = stem.string() + ".out";
    const std::string err_path = stem.string() + ".err";

    // Output goes to files, not pipes, so a chatty child can never block.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
    std::vector<char *> argv;
    for (auto &argument : argv_text) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);

    std::vector<std::string> environment_text;
    for (char **entry = environ; *entry != nullptr; ++entry) {
        if (std::string_view(*entry).rfind("CORDON_CONFIG=", 0) != 0) {  // tests say what they want
            environment_text.emplace_back(*entry);
        }
    }
    environment_text.insert(environment_text.end(), extra_environment.begin(), extra_environment.end());
    std::vector<char *> environment;
    for (auto &entry : environment_text) {
        environment.push_back(entry.data());
    }
    environment.push_back(nullptr);

    ProcessResult result;
    pid_t child = 0;
    const int spawned = posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), environment.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        result.err = "posix_spawn failed: " + std::to_string(spawned);
        return result;
    }
    int status = 0;
    waitpid(child, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_and_remove(out_path);
    result.err = read_and_remove(err_path);
    return result;
}

}  // namespace cordon::test
