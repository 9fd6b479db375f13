// The lines cordon-plugin-probe writes on its report pipe, and how the
// checker reads them back. The probe shares its process with an untrusted
// plugin, so the checker reads every line as tainted: bounded, one known
// verb, a verdict it knows, text without control characters.
//
//   begin <TAB> conformance.capacities
//   result <TAB> conformance.capacities <TAB> fail <TAB> PCMU/8000, 1 ch, 20 ms: encode wrote past ...
//   figure <TAB> conformance.capacities <TAB> configurations <TAB> 3 <TAB> (unit)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugin_checker/check_result.hpp"

namespace cordon::plugin_check {

inline constexpr size_t max_probe_line_bytes = 2048;

std::string begin_line(std::string_view check_name);
// The result line, then one figure line per figure.
std::string result_lines(const CheckResult &result);

struct ProbeLine {
    enum class Kind { begin, result, figure } kind = Kind::begin;
    std::string check_name;
    Verdict verdict = Verdict::fail; // result
    std::string text;                // result: the reason; figure: its name
    double value = 0;                // figure
    std::string unit;                // figure
};

// One line without its newline; nullopt when it is not a line of the probe's.
std::optional<ProbeLine> parse_probe_line(std::string_view line);

} // namespace cordon::plugin_check
