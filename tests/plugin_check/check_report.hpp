// Runs `cordon plugin check ... --json` and reads the report back.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

namespace cordon::test {

// Short enough for the suite, long enough to try a few thousand inputs.
inline const std::string kTestFuzzSeconds = "2";

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

inline CheckRun check_plugin(const std::string &path, std::vector<std::string> extra = {})
{
    std::vector<std::string> arguments = {"plugin", "check", path, "--json", "--fuzz-seconds", kTestFuzzSeconds};
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
