// What `cordon plugin check` reports: one result per check, in the order the
// checks ran. A check is required unless it says otherwise; the plugin passes
// when no required check failed (warnings and skips do not fail it).
#pragma once

#include <string>
#include <vector>

namespace cordon::plugin_check {

enum class Verdict { pass, warn, fail, skip };

// "pass", "warn", "fail" or "skip", as the output and --json spell them.
const char *to_string(Verdict verdict);

// A measured value worth reporting beside the verdict (a real-time factor, a
// peak memory, the number of inputs a fuzz run tried).
struct Figure {
    std::string name; // e.g. "realtime_factor"
    double value = 0;
    std::string unit; // e.g. "x", "KiB", "ms"; empty for a plain count
};

// Who saw what a result says. The host's own observations (wait statuses,
// its clocks and measurements, replies it validated from the sandbox) hold
// against any plugin. What cordon-plugin-probe reports from inside the
// process it shares with the plugin shows how the plugin behaves when it is
// honest, never that it is: the plugin can write that report itself.
enum class Evidence { host, plugin_process };

// "host" or "plugin_process", as --json spells them.
const char *to_string(Evidence evidence);

struct CheckResult {
    std::string name; // dotted, group first: "loading.descriptor", "conformance.capacities"
    Verdict verdict = Verdict::fail;
    std::string reason; // one line: why it failed, warned or was skipped, or what passing covered
    bool required = true;
    std::vector<Figure> figures;
    Evidence evidence = Evidence::host;
};

// A required result without figures.
CheckResult result_of(std::string name, Verdict verdict, std::string reason);

// True when no required check failed.
bool passed(const std::vector<CheckResult> &results);

} // namespace cordon::plugin_check
