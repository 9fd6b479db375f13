// `cordon plugin check`: every check in order, each a CheckResult. The
// order is the order of trust: the file, loading it, running it under the
// sandbox, conformance (its raw interface in cordon-plugin-probe, then the
// quality of a round trip through the sandbox), fuzzing it, timing it, and
// the memory it took.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "cordon/host/log.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/result.hpp"
#include "plugin_checker/check_result.hpp"
#include "plugin_checker/conformance_probe.hpp"
#include "plugin_checker/plugin_loading.hpp"
#include "plugin_checker/quality_floors.hpp"

namespace cordon::plugin_check {

// What the default run spends measuring timing, split across configurations.
inline constexpr std::chrono::milliseconds default_timing_budget{5000};
inline constexpr std::chrono::seconds default_fuzz_budget{20};

struct CheckOptions {
    LoadOptions load;
    std::chrono::milliseconds fuzz_budget = default_fuzz_budget;
    std::chrono::milliseconds timing_budget = default_timing_budget;
    uint64_t seed = 1;
    std::optional<std::filesystem::path> artifacts;
    ConformanceProbeOptions probe; // the raw conformance checks' process
    QualityOverrides quality;      // a vendor's own floor for conformance.quality
};

struct CheckReport {
    PluginRecord plugin; // path, trust and descriptor fields as far as known
    std::vector<CheckResult> results;
    std::chrono::milliseconds duration{0};
};

// The report; an error only when the path is not a plugin file to check
// (missing, a directory, empty, not ELF, truncated).
Result<CheckReport> check_plugin(const std::filesystem::path &path, const CheckOptions &options, Logger &logger);

} // namespace cordon::plugin_check
