#include "bench/baseline_ratio_reporter.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <utility>

namespace cordon::bench {

namespace {

using Run = benchmark::BenchmarkReporter::Run;

// Filters that already select every benchmark; see keep_baseline_in_filter.
constexpr std::string_view filter_all = "all";
constexpr std::string_view filter_anything = ".";
constexpr char negative_filter_prefix = '-';

// Times and ratios are printed with about three significant digits: more
// would be noise on a shared machine.
constexpr double significant_hundreds = 100.0;
constexpr double significant_tens = 10.0;
constexpr double significant_ones = 1.0;
constexpr double percent = 100.0;
// Wide enough for "0.0012x" or "12345x", so ratios line up on the right.
constexpr size_t ratio_column_width = 8;

struct TimeUnitScale {
    double limit_seconds; // the unit is used below this
    double per_second;
    const char *symbol;
};
constexpr TimeUnitScale time_unit_scales[] = {
    {1e-6, 1e9, "ns"},
    {1e-3, 1e6, "us"},
    {1.0, 1e3, "ms"},
};

// The time a benchmark declares as its measure: CPU time by default; wall or
// manual time when it asked for that (UseRealTime, UseManualTime), which the
// library records as the time_type part of its name.
double seconds_per_iteration(const Run &run)
{
    const bool uses_wall_clock = !run.run_name.time_type.empty();
    const double per_iteration = uses_wall_clock ? run.GetAdjustedRealTime() : run.GetAdjustedCPUTime();
    return per_iteration / benchmark::GetTimeUnitMultiplier(run.time_unit);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

std::string three_significant_digits(double value)
{
    const char *format = value >= significant_hundreds ? "%.0f"
                         : value >= significant_tens   ? "%.1f"
                         : value >= significant_ones   ? "%.2f"
                                                       : "%.2g";
    char text[32];
    (void)std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string format_duration(double seconds)
{
    for (const TimeUnitScale &scale : time_unit_scales) {
        if (seconds < scale.limit_seconds) {
            return three_significant_digits(seconds * scale.per_second) + " " + scale.symbol;
        }
    }
    return three_significant_digits(seconds) + " s";
}

// A ratio needs its baseline in the same run, so a positive filter that
// leaves the baseline out gets it added. A negative filter ("-pattern") is
// left alone: whoever excludes the baseline explicitly gets no ratios, and
// the table says so.
void keep_baseline_in_filter(std::string_view baseline_name)
{
    const std::string filter = benchmark::GetBenchmarkFilter();
    if (filter.empty() || filter == filter_all || filter == filter_anything ||
        filter.front() == negative_filter_prefix) {
        return;
    }
    // Baseline names are plain identifiers, so they need no regex escaping.
    // A baseline timed with UseManualTime or UseRealTime is named
    // "<name>/manual_time" or "<name>/real_time" in full.
    benchmark::SetBenchmarkFilter(filter + "|^" + std::string(baseline_name) + "(/|$)");
}

} // namespace

BaselineRatioReporter::BaselineRatioReporter(benchmark::BenchmarkReporter &inner, std::string baseline_name)
    : inner_(inner), baseline_name_(std::move(baseline_name))
{
}

bool BaselineRatioReporter::ReportContext(const Context &context) { return inner_.ReportContext(context); }

BaselineRatioReporter::Measured &BaselineRatioReporter::entry_for(const std::string &name)
{
    auto [position, inserted] = measured_.try_emplace(name);
    if (inserted) {
        order_.push_back(name);
    }
    return position->second;
}

void BaselineRatioReporter::ReportRuns(const std::vector<Run> &runs)
{
    inner_.ReportRuns(runs);
    for (const Run &run : runs) {
        // The baseline is known by the name it was registered under, which
        // its full name extends when it declares wall or manual time.
        Measured &entry = entry_for(run.run_name.function_name == baseline_name_ ? baseline_name_ : run.run_name.str());
        entry.label = run.report_label.empty() ? run.run_name.str() : run.report_label;
        if (run.error_occurred) {
            entry.error = run.error_message;
            any_failed_ = true;
        } else if (run.run_type == Run::RT_Iteration) {
            entry.iteration_seconds.push_back(seconds_per_iteration(run));
        } else if (run.aggregate_name == "median" && run.aggregate_unit == benchmark::kTime) {
            entry.median_aggregate_seconds.push_back(seconds_per_iteration(run));
        }
    }
}

void BaselineRatioReporter::Finalize()
{
    inner_.Finalize();
    if (order_.empty()) {
        return;
    }
    const bool console = dynamic_cast<benchmark::ConsoleReporter *>(&inner_) != nullptr;
    print_ratios(console ? inner_.GetOutputStream() : inner_.GetErrorStream());
}

void BaselineRatioReporter::print_ratios(std::ostream &out) const
{
    // A benchmark that ran more than once is represented by its median run.
    auto seconds_of = [](const Measured &entry) {
        return entry.measurements().empty() ? 0.0 : median(entry.measurements());
    };

    const auto baseline = measured_.find(baseline_name_);
    const double baseline_seconds = baseline == measured_.end() ? 0.0 : seconds_of(baseline->second);
    out << '\n';
    if (baseline_seconds <= 0.0 || !baseline->second.error.empty()) {
        out << "No ratios: the baseline " << baseline_name_
            << " did not run successfully in this process, and ratios are only taken within one run.\n";
        return;
    }
    out << "Time per iteration as a multiple of the baseline " << baseline_name_ << " ("
        << format_duration(baseline_seconds) << "), both measured in this run.\n";
    const std::vector<double> &baseline_runs = baseline->second.measurements();
    if (baseline_runs.size() > 1) {
        const auto [fastest, slowest] = std::minmax_element(baseline_runs.begin(), baseline_runs.end());
        out << "The baseline ran " << baseline_runs.size() << " times in this run, from " << format_duration(*fastest)
            << " to " << format_duration(*slowest) << " (spread "
            << three_significant_digits((*slowest / *fastest - 1.0) * percent)
            << "%): differences in ratio smaller than that are noise.\n";
    }

    size_t label_width = 0;
    for (const std::string &name : order_) {
        label_width = std::max(label_width, measured_.at(name).label.size());
    }
    for (const std::string &name : order_) {
        const Measured &entry = measured_.at(name);
        out << "  " << entry.label << ':' << std::string(label_width - entry.label.size() + 1, ' ');
        if (!entry.error.empty()) {
            out << "failed: " << entry.error << '\n';
            continue;
        }
        const double seconds = seconds_of(entry);
        const std::string ratio = three_significant_digits(seconds / baseline_seconds) + "x";
        out << std::string(ratio_column_width - std::min(ratio_column_width, ratio.size()), ' ') << ratio
            << " baseline  (" << format_duration(seconds) << ")\n";
    }
}

int run_benchmarks_with_baseline(int argc, char **argv, std::string_view baseline_name)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    keep_baseline_in_filter(baseline_name);
    // The reporter --benchmark_format asks for; the library keeps ownership.
    benchmark::BenchmarkReporter *display = benchmark::CreateDefaultDisplayReporter();
    BaselineRatioReporter reporter(*display, std::string(baseline_name));
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return reporter.any_failed() ? 1 : 0;
}

} // namespace cordon::bench
