// Runs `cordon plugin check ... --json` and reads the report back.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_helpers.hpp"

namespace cordon::test {

// Short enough for the suite, long enough to try a few thousand inputs.
inline const std::string test_fuzz_seconds = "2";

struct CheckRun {
    ProcessResult process;
    nlohmann::json report; // null when stdout was not JSON

    // The result of the check with this name, or null.
    nlohmann::json result(const std::string &name) const
    {
        if (report.is_object()) {
            for (const auto &result : report["results"]) {
                if (result["name"] == name) {
                    return result;
                }
            }
        }
        return nullptr;
    }
};

// A settings file with a long sandbox call deadline, for the tests that are
// not about timing: on two shared cores a trivial codec's call can stall for
// 30 ms, past half the default deadline, and fail timing.realtime.
inline std::string relaxed_deadline_config()
{
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("cordon-check-relaxed-" + std::to_string(getpid()) + ".toml");
    std::ofstream(file) << "[sandbox]\ncall_deadline_ms = 2000\n";
    return file.string();
}

inline CheckRun check_plugin(const std::string &path, std::vector<std::string> extra = {}, bool relaxed = false)
{
    std::vector<std::string> arguments;
    if (relaxed) {
        arguments = {"--config", relaxed_deadline_config()};
    }
    for (const std::string &argument : {std::string("plugin"), std::string("check"), path, std::string("--json"),
                                        std::string("--fuzz-seconds"), test_fuzz_seconds}) {
        arguments.push_back(argument);
    }
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    CheckRun run;
    run.process = cordon(arguments);
    run.report = nlohmann::json::parse(run.process.out, nullptr, false);
    if (run.report.is_discarded()) {
        run.report = nullptr;
    }
    return run;
}

} // namespace cordon::test
