#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "tests/support/process/spawned_process.hpp"

namespace cordon::test {

inline ProcessResult cordon(const std::vector<std::string> &arguments, const std::vector<std::string> &environment = {})
{
    return run_process(CORDON_BINARY, arguments, environment);
}

// A directory of its own for one test, removed with it.
class ScratchDirectory {
public:
    explicit ScratchDirectory(const std::string &name)
        : path_(std::filesystem::temp_directory_path() / ("cordon-cli-" + name + "-" + std::to_string(getpid())))
    {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDirectory() { std::filesystem::remove_all(path_); }
    ScratchDirectory(const ScratchDirectory &) = delete;
    ScratchDirectory &operator=(const ScratchDirectory &) = delete;

    const std::filesystem::path &path() const { return path_; }
    std::filesystem::path write(const std::string &name, const std::string &text) const
    {
        const auto file = path_ / name;
        std::ofstream(file) << text;
        return file;
    }

private:
    std::filesystem::path path_;
};

} // namespace cordon::test
