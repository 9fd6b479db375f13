// Ratios against a baseline measured in the same process run. Absolute times
// on a shared 2-core machine drift from run to run; a ratio to a trivial
// operation timed seconds earlier by the same process drifts far less, so it
// is what the benchmark programs report next to the usual table.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

namespace cordon::bench {

// Wraps the reporter Google Benchmark would have used (the one
// --benchmark_format selects) and forwards everything to it unchanged. Once
// every benchmark has run it prints a second table: each benchmark's time per
// iteration divided by the baseline's. When the baseline ran more than once
// (both programs register it first and last), the median of its runs is the
// divisor and their spread is printed: a ratio differing by less is noise.
//
// Where the table goes: after the console table, on the same stream, when the
// format is "console"; on stderr for "json" and "csv", so that stdout stays a
// document a machine can parse (the baseline is one of its entries, so a
// consumer can compute the same ratios).
class BaselineRatioReporter final : public benchmark::BenchmarkReporter {
public:
    // inner is not owned and must outlive this reporter.
    BaselineRatioReporter(benchmark::BenchmarkReporter &inner, std::string baseline_name);

    bool ReportContext(const Context &context) override;
    void ReportRuns(const std::vector<Run> &runs) override;
    void Finalize() override;

    // True when some benchmark reported an error (SkipWithError).
    bool any_failed() const { return any_failed_; }

private:
    struct Measured {
        std::string label; // the benchmark's label, or its name without one
        // One per run of the benchmark: per repetition, and per registration
        // under the same name (the programs time their baseline at both ends
        // of a run, so that its drift shows).
        std::vector<double> iteration_seconds;
        // Used only when the repetitions themselves were not reported
        // (--benchmark_display_aggregates_only and the like).
        std::vector<double> median_aggregate_seconds;
        std::string error; // set when the benchmark failed

        const std::vector<double> &measurements() const
        {
            return iteration_seconds.empty() ? median_aggregate_seconds : iteration_seconds;
        }
    };

    Measured &entry_for(const std::string &name);
    void print_ratios(std::ostream &out) const;

    benchmark::BenchmarkReporter &inner_;
    std::string baseline_name_;
    std::vector<std::string> order_; // names in the order they first ran
    std::map<std::string, Measured> measured_;
    bool any_failed_ = false;
};

// What each program's main does: parse the benchmark flags, make sure the
// baseline runs even under a --benchmark_filter that leaves it out (a ratio
// needs it in the same run), run the registered benchmarks through a
// BaselineRatioReporter, and return the exit status: 1 for unknown arguments
// or a failed benchmark, 0 otherwise.
int run_benchmarks_with_baseline(int argc, char **argv, std::string_view baseline_name);

} // namespace cordon::bench
