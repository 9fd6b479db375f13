// `cordon plugin check PLUGIN.so`: the validator a codec vendor runs before
// shipping and an operator runs before trusting a plugin. One line per check
// (or one JSON object for CI); exit 0 only when every required check passed.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "cordon/host/plugins.hpp"
#include "core/display_text.hpp"
#include "host/cli/commands.hpp"
#include "plugin_checker/plugin_checker.hpp"

namespace cordon::cli {

namespace {

using plugin_check::CheckReport;
using plugin_check::CheckResult;
using plugin_check::Verdict;

// The longest --fuzz-seconds: a vendor's long soak belongs in a fuzzer.
constexpr unsigned max_fuzz_seconds = 3600;
constexpr size_t name_column = 24;

struct CheckCommandOptions {
    std::string plugin;
    bool json = false;
    unsigned fuzz_seconds = static_cast<unsigned>(plugin_check::default_fuzz_budget.count());
    uint64_t seed = 1;
    std::string artifacts;
    bool trusted = false;
    std::optional<double> min_snr_db;
    std::optional<double> min_correlation;
};

const char *verdict_label(Verdict verdict)
{
    switch (verdict) {
    case Verdict::pass:
        return "PASS";
    case Verdict::warn:
        return "WARN";
    case Verdict::fail:
        return "FAIL";
    case Verdict::skip:
        return "SKIP";
    }
    return "FAIL";
}

std::string figure_text(const plugin_check::Figure &figure)
{
    char value[32];
    std::snprintf(value, sizeof value, "%.10g", figure.value);
    return figure.name + " " + value + (figure.unit.empty() ? "" : " " + figure.unit);
}

// The plugin's strings, its file's name and the reasons that quote them are
// escaped where they leave (displayable()): no control, override or byte
// that is not UTF-8 (on which nlohmann::json's dump would throw) gets out.
nlohmann::json optional_text(const std::string &text)
{
    return text.empty() ? nlohmann::json() : nlohmann::json(displayable(text));
}

nlohmann::json to_json(const CheckReport &report)
{
    const PluginRecord &plugin = report.plugin;
    nlohmann::json results = nlohmann::json::array();
    for (const CheckResult &result : report.results) {
        nlohmann::json figures = nlohmann::json::array();
        for (const auto &figure : result.figures) {
            figures.push_back({{"name", figure.name}, {"value", figure.value}, {"unit", figure.unit}});
        }
        results.push_back({{"name", result.name},
                           {"verdict", to_string(result.verdict)},
                           {"required", result.required},
                           {"reason", displayable(result.reason)},
                           {"figures", std::move(figures)},
                           {"evidence", to_string(result.evidence)}});
    }
    const bool abi_known = plugin.abi_major && plugin.abi_minor;
    return {{"path", displayable(plugin.path.string())},
            {"plugin",
             {{"id", optional_text(plugin.id)},
              {"name", optional_text(plugin.name)},
              {"vendor", optional_text(plugin.vendor)},
              {"version", optional_text(plugin.version)},
              {"kind", plugin.kind ? nlohmann::json(to_string(*plugin.kind)) : nlohmann::json()},
              {"abi", abi_known
                          ? nlohmann::json(std::to_string(*plugin.abi_major) + "." + std::to_string(*plugin.abi_minor))
                          : nlohmann::json()},
              {"trusted", plugin.trusted}}},
            {"results", std::move(results)},
            {"duration_ms", report.duration.count()},
            {"passed", plugin_check::passed(report.results)}};
}

void print_report(const CheckReport &report)
{
    const PluginRecord &plugin = report.plugin;
    std::cout << displayable(plugin.path.string());
    if (!plugin.id.empty()) {
        std::cout << ": " << displayable(plugin.id) << " \"" << displayable(plugin.name) << "\" "
                  << displayable(plugin.version) << " by " << displayable(plugin.vendor);
    }
    std::cout << (plugin.trusted ? " (trusted location)" : " (untrusted location)") << '\n';
    size_t counts[4] = {};
    for (const CheckResult &result : report.results) {
        ++counts[static_cast<size_t>(result.verdict)];
        std::string name = result.name;
        name.resize(std::max(name.size(), name_column), ' ');
        std::cout << verdict_label(result.verdict) << "  " << name << ' ' << displayable(result.reason);
        if (!result.required && result.verdict != Verdict::pass) {
            std::cout << " (not required)";
        }
        for (size_t i = 0; i < result.figures.size(); ++i) {
            std::cout << (i == 0 ? " [" : ", ") << figure_text(result.figures[i]);
        }
        std::cout << (result.figures.empty() ? "" : "]") << '\n';
    }
    const auto self_reported =
        std::count_if(report.results.begin(), report.results.end(), [](const CheckResult &result) {
            return result.evidence == plugin_check::Evidence::plugin_process;
        });
    if (self_reported > 0) {
        std::cout << "NOTE  " << self_reported
                  << " results come from the conformance probe's own report, written inside the process it shares "
                     "with the plugin: they show how the plugin behaves when honest, not that it is (the plugin "
                     "can write them); the host observed the others itself\n";
    }
    const bool passed = plugin_check::passed(report.results);
    std::cout << (passed ? "PASSED" : "FAILED") << ": " << counts[0] << " passed, " << counts[1] << " warned, "
              << counts[2] << " failed, " << counts[3] << " skipped in "
              << static_cast<double>(report.duration.count()) / 1000.0 << " s"
              << (passed ? "" : " (a required check failed)") << '\n';
}

int run(const CheckCommandOptions &options, CliContext &context)
{
    const Settings *settings = context.settings();
    if (settings == nullptr) {
        return exit_usage;
    }
    const PluginSearch search = plugin_search_from_settings(*settings);
    plugin_check::CheckOptions check;
    check.load.trusted = search.trusted;
    check.load.limits = search.sandbox;
    if (options.trusted) {
        check.load.trusted.emplace_back(options.plugin);
    }
    check.fuzz_budget = std::chrono::seconds(options.fuzz_seconds);
    check.seed = options.seed;
    if (!options.artifacts.empty()) {
        check.artifacts = options.artifacts;
    }
    check.quality.min_snr_db = options.min_snr_db;
    check.quality.min_correlation = options.min_correlation;
    auto report = plugin_check::check_plugin(options.plugin, check, context.logger());
    if (!report) {
        print_error("not a plugin file to check: " + report.error().message);
        return exit_usage;
    }
    if (options.json) {
        // replace: a field added later without displayable() still cannot end the command.
        std::cout << to_json(*report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        print_report(*report);
    }
    return plugin_check::passed(report->results) ? exit_ok : exit_failure;
}

} // namespace

void add_plugin_command(CLI::App &app, CliContext &context, int &exit_code)
{
    CLI::App *plugin = app.add_subcommand("plugin", "Work with one plugin file");
    plugin->require_subcommand(1);
    auto options = std::make_shared<CheckCommandOptions>();
    CLI::App *check = plugin->add_subcommand(
        "check",
        "Check a plugin file before shipping or trusting it: loading, exported symbols, sandbox "
        "compatibility, conformance, robustness (a short fuzz), timing and memory. Exit status: 0 every required check "
        "passed; 1 a required check failed; 2 usage error, or the file is missing, a directory, empty, "
        "not ELF or truncated");
    check->add_option("plugin", options->plugin, "The plugin file (*.so)")->required();
    check->add_flag("--json", options->json, "Print one JSON object (plugin, every result, \"passed\") for CI");
    check
        ->add_option("--fuzz-seconds", options->fuzz_seconds,
                     "Time for the robustness fuzz, split across configurations (default 20)")
        ->check(CLI::Range(0u, max_fuzz_seconds));
    check->add_option("--seed", options->seed, "Seed of the robustness fuzz: the same seed tries the same inputs");
    check->add_option("--artifacts", options->artifacts,
                      "Write an input that made the plugin fail into this directory");
    check->add_option("--min-snr-db", options->min_snr_db,
                      "conformance.quality: the SNR floor for a codec Cordon has none for (default 0 dB)");
    check
        ->add_option("--min-correlation", options->min_correlation,
                     "conformance.quality: the correlation floor for a codec Cordon has none for (default 0.7)")
        ->check(CLI::Range(-1.0, 1.0));
    check->add_flag("--trusted", options->trusted,
                    "Treat the file as trusted (as plugins.trusted would): a non-codec plugin is then loaded in "
                    "process; codecs are always checked in the sandbox");
    check->callback([options, &context, &exit_code] { exit_code = run(*options, context); });
}

} // namespace cordon::cli
