// Runs cordon-plugin-probe on a codec plugin and turns what it reports, and
// how it ended, into one CheckResult per raw conformance check. A probe that
// crashes, hangs or is refused fails the check it was running; the checks
// after it are skipped with that reason.
#pragma once

#include <chrono>
#include <filesystem>
#include <vector>

#include "plugin_checker/check_result.hpp"

namespace cordon::plugin_check {

struct ConformanceProbeOptions {
    // Empty: cordon-plugin-probe beside the sandbox executable.
    std::filesystem::path executable;
    // The whole run; the built-in codecs need a few seconds.
    std::chrono::milliseconds deadline{30000};
};

// The probe beside the sandbox executable (bin/ in the build and install trees).
std::filesystem::path default_probe_executable();

// plugin: absolute or relative; it is made absolute for the probe.
std::vector<CheckResult> run_conformance_probe(const std::filesystem::path &plugin,
                                               const ConformanceProbeOptions &options = {});

} // namespace cordon::plugin_check
