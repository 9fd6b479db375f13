// A program running beside the test, for as long as the test watches it:
// its pid (to read its figures from /proc), what it has printed so far, and
// its exit. Output goes to a file, never a pipe, so a chatty child cannot
// block. The destructor kills a child still running.
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
    // Starts program with arguments (no shell); output files go to directory.
    static std::optional<SpawnedProcess> start(const std::string &program, const std::vector<std::string> &arguments,
                                               const std::filesystem::path &directory);
    SpawnedProcess(SpawnedProcess &&other) noexcept;
    SpawnedProcess &operator=(SpawnedProcess &&) = delete;
    ~SpawnedProcess();

    pid_t pid() const { return pid_; }
    std::string out() const;
    std::string err() const;
    // The exit code once it exited within limit (-1 when killed by a signal);
    // nothing when it still runs.
    std::optional<int> wait(std::chrono::milliseconds limit);

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

} // namespace cordon::test
