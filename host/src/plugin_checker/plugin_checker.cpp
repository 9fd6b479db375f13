#include "plugin_checker/plugin_checker.hpp"

#include "plugin_checker/codec_configurations.hpp"
#include "plugin_checker/conformance_check_names.hpp"
#include "plugin_checker/export_check.hpp"
#include "plugin_checker/memory_check.hpp"
#include "plugin_checker/plugin_file.hpp"
#include "plugin_checker/robustness_check.hpp"
#include "plugin_checker/round_trip_quality.hpp"
#include "plugin_checker/sandbox_check.hpp"
#include "plugin_checker/timing_check.hpp"

namespace cordon::plugin_check {

namespace {

// The checks that run a codec, in their order, for skipping them.
std::vector<std::string> running_checks()
{
    std::vector<std::string> names = {"sandbox.compatibility"};
    names.insert(names.end(), raw_conformance_check_names.begin(), raw_conformance_check_names.end());
    names.insert(names.end(),
                 {"conformance.quality", "robustness.decode", "robustness.encode", "timing.realtime", "memory.peak"});
    return names;
}

void skip_running_checks(std::vector<CheckResult> &results, const std::string &reason, const std::string &from = {})
{
    bool skipping = from.empty();
    for (const std::string &name : running_checks()) {
        skipping = skipping || name == from;
        if (skipping) {
            results.push_back(result_of(name, Verdict::skip, reason));
        }
    }
}

void run_codec_checks(const std::filesystem::path &file, const CodecPlugin &codec, const CheckOptions &options,
                      std::vector<CheckResult> &results)
{
    const AdvertisedConfigurations configurations = advertised_configurations(codec.formats());
    results.push_back(check_sandbox_compatibility(codec, configurations));
    const bool runs_in_sandbox = results.back().verdict != Verdict::fail;
    // The raw interface, in a locked-down process of its own: it needs no sandbox.
    for (CheckResult &result : run_conformance_probe(file, options.probe)) {
        results.push_back(std::move(result));
    }
    if (!runs_in_sandbox) {
        skip_running_checks(results, "not run: sandbox.compatibility failed", "conformance.quality");
        return;
    }
    results.push_back(check_round_trip_quality(codec, options.quality));
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
        run_codec_checks(file->path, *plugin.codec, options, report.results);
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
