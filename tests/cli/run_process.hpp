#pragma once

#include <string>
#include <vector>

namespace cordon::test {

struct ProcessResult {
    int exit_code = -1;  // -1 when the process did not exit normally
    std::string out;
    std::string err;
};

// Runs a program with these arguments (no shell), with extra environment
// entries ("NAME=value") added, and waits for it.
ProcessResult run_process(const std::string &program, const std::vector<std::string> &arguments,
                          const std::vector<std::string> &extra_environment = {});

}  // namespace cordon::test
