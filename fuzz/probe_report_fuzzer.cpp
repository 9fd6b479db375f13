// The report of cordon-plugin-probe, a process the plugin under check shares:
// every line the checker accepts must write and read back unchanged, and no
// line may carry a control byte into a result.
#include <cstdint>
#include <string_view>

#include "core/ascii_text.hpp"
#include "plugin_checker/probe_report.hpp"

namespace {

using cordon::plugin_check::ProbeLine;

void check_line(std::string_view line)
{
    const auto parsed = cordon::plugin_check::parse_probe_line(line);
    if (!parsed) {
        return;
    }
    if (cordon::has_control_character(parsed->check_name) || cordon::has_control_character(parsed->text) ||
        cordon::has_control_character(parsed->unit)) {
        __builtin_trap();
    }
    if (parsed->kind != ProbeLine::Kind::result) {
        return;
    }
    const std::string written = cordon::plugin_check::result_lines(
        cordon::plugin_check::result_of(parsed->check_name, parsed->verdict, parsed->text));
    const auto again = cordon::plugin_check::parse_probe_line(std::string_view(written).substr(0, written.size() - 1));
    if (!again || again->check_name != parsed->check_name || again->verdict != parsed->verdict ||
        again->text != parsed->text) {
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view report(reinterpret_cast<const char *>(data), size);
    size_t start = 0;
    while (start <= report.size()) {
        const size_t end = report.find('\n', start);
        check_line(report.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return 0;
}
