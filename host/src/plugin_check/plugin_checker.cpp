#include "plugin_checker.hpp"

#include "codec_configurations.hpp"
#include "export_check.hpp"
#include "memory_check.hpp"
#include "plugin_file.hpp"
#include "robustness_check.hpp"
#include "sandbox_check.hpp"
#include "timing_check.hpp"

namespace cordon::plugin_check {

namespace {

// The checks that run a codec in its sandbox, by name, for skipping them.
constexpr const char *kRunningChecks[] = {"sandbox.compatibility", "robustness.decode", "robustness.encode",
                                          "timing.realtime", "memory.peak"};

void skip_running_checks(std::vector<CheckResult> &results, const std::string &reason, size_t from = 0)
{
    for (size_t i = from; i < std::size(kRunningChecks); ++i) {
        results.push_back({kRunningChecks[i], Verdict::skip, reason, true, {}});
    }
}

void run_codec_checks(const CodecPlugin &codec, const CheckOptions &options, std::vector<CheckResult> &results)
{
    const AdvertisedConfigurations configurations = advertised_configurations(codec.formats());
    results.push_back(check_sandbox_compatibility(codec, configurations));
    // Conformance (run_conformance_probe, in its own locked-down probe
    // process) is wired in here, between sandbox compatibility and robustness.
    if (results.back().verdict == Verdict::fail) {
        skip_running_checks(results, "not run: sandbox.compatibility failed", 1);
        return;
    }
    const RobustnessOptions robustness{options.fuzz_budget, options.seed, options.artifacts};
    auto [decode, encode] = check_robustness(codec, configurations, robustness);
    results.push_back(std::move(decode));
    results.push_back(std::move(encode));
    results.push_back(check_timing(codec, configurations, options.load.limits, options.timing_budget));
    results.push_back(check_memory(codec, options.load.limits.memory_limit_bytes));
}

} // namespace

Result<CheckReport> check_plugin(const std::filesystem::path &path, const CheckOptions &options, Logger &logger)
{
    const auto started = std::chrono::steady_clock::now();
    auto file = open_plugin_file(path);
    if (!file) {
        return file.error();
    }
    CheckReport report;
    // Read from the file before anything loads it.
    CheckResult exports = check_exports(file->path);
    PluginUnderCheck plugin = load_for_check(*file, options.load, logger);
    report.plugin = plugin.record;
    report.plugin.path = path;
    report.results = std::move(plugin.loading);
    report.results.push_back(std::move(exports));
    if (plugin.codec) {
        run_codec_checks(*plugin.codec, options, report.results);
    } else if (plugin.record.loaded) {
        skip_running_checks(report.results, std::string("not a codec: the ") +
                                                (plugin.record.kind ? to_string(*plugin.record.kind) : "plugin") +
                                                " plugin loaded in process, and only codecs run in the sandbox");
    } else {
        skip_running_checks(report.results, "not run: the plugin did not load");
    }
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return report;
}

} // namespace cordon::plugin_check
