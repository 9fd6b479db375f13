// Programs a test starts (no shell), with their output in files, never
// pipes, so a chatty child cannot block. SpawnedProcess runs beside the test
// for as long as it watches (its pid for /proc, what it printed so far, its
// exit; the destructor kills it if it still runs); run_process runs one to
// its end. The child gets the test's environment without CORDON_CONFIG
// (tests say what they want), plus the entries given.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cordon::test {

class SpawnedProcess {
public:
    // Starts program with arguments; output files go to directory;
    // extra_environment entries are "NAME=value". Nothing when it cannot start.
    static std::optional<SpawnedProcess> start(const std::string &program, const std::vector<std::string> &arguments,
                                               const std::filesystem::path &directory,
                                               const std::vector<std::string> &extra_environment = {});
    SpawnedProcess(SpawnedProcess &&other) noexcept;
    SpawnedProcess &operator=(SpawnedProcess &&) = delete;
    ~SpawnedProcess();

    pid_t pid() const { return pid_; }
    std::string out() const;
    std::string err() const;
    // The exit code once it exited within limit (-1 when killed by a signal);
    // nothing when it still runs.
    std::optional<int> wait(std::chrono::milliseconds limit);
    // The exit code, waiting as long as it takes.
    int wait();
    // Removes its output files (it must have exited).
    void remove_output() const;

private:
    SpawnedProcess(pid_t pid, std::filesystem::path out, std::filesystem::path err)
        : pid_(pid), out_(std::move(out)), err_(std::move(err))
    {
    }

    pid_t pid_ = -1;
    std::filesystem::path out_;
    std::filesystem::path err_;
    std::optional<int> exit_code_;
};

struct ProcessResult {
    int exit_code = -1; // -1 when the process did not exit normally
    std::string out;
    std::string err;
};

// Runs program to its end and returns what it printed; its output files
// are removed. A program that cannot start has exit code -1 and says why in err.
ProcessResult run_process(const std::string &program, const std::vector<std::string> &arguments,
                          const std::vector<std::string> &extra_environment = {});

} // namespace cordon::test
