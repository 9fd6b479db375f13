#include "plugin_checker/probe_report.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "core/ascii_text.hpp"

namespace cordon::plugin_check {
namespace {

constexpr char field_separator = '\t';
constexpr size_t max_name_bytes = 64;

// Tabs and line breaks would change the line's shape; other control bytes
// have no business in a report.
std::string flattened(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        out += ascii_is_control(c) ? ' ' : c;
    }
    return out;
}

std::vector<std::string_view> fields_of(std::string_view line)
{
    std::vector<std::string_view> fields;
    size_t start = 0;
    for (;;) {
        const size_t tab = line.find(field_separator, start);
        fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) {
            return fields;
        }
        start = tab + 1;
    }
}

bool is_name(std::string_view text)
{
    if (text.empty() || text.size() > max_name_bytes) {
        return false;
    }
    for (const char c : text) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
            return false;
        }
    }
    return true;
}

bool is_text(std::string_view text) { return !has_control_character(text); }

std::optional<Verdict> verdict_named(std::string_view text)
{
    for (const Verdict verdict : {Verdict::pass, Verdict::warn, Verdict::fail, Verdict::skip}) {
        if (text == to_string(verdict)) {
            return verdict;
        }
    }
    return std::nullopt;
}

} // namespace

std::string begin_line(std::string_view check_name) { return "begin\t" + flattened(check_name) + "\n"; }

std::string result_lines(const CheckResult &result)
{
    std::string lines = "result\t" + flattened(result.name) + "\t" + to_string(result.verdict) + "\t" +
                        flattened(result.reason).substr(0, max_probe_line_bytes / 2) + "\n";
    for (const Figure &figure : result.figures) {
        lines += "figure\t" + flattened(result.name) + "\t" + flattened(figure.name) + "\t" +
                 std::to_string(figure.value) + "\t" + flattened(figure.unit) + "\n";
    }
    return lines;
}

std::optional<ProbeLine> parse_probe_line(std::string_view line)
{
    if (line.size() > max_probe_line_bytes) {
        return std::nullopt;
    }
    const std::vector<std::string_view> fields = fields_of(line);
    if (fields.size() < 2 || !is_name(fields[1])) {
        return std::nullopt;
    }
    ProbeLine parsed;
    parsed.kind = ProbeLine::Kind::begin;
    parsed.check_name = std::string(fields[1]);
    if (fields[0] == "begin" && fields.size() == 2) {
        return parsed;
    }
    if (fields[0] == "result" && fields.size() == 4 && is_text(fields[3])) {
        const auto verdict = verdict_named(fields[2]);
        if (!verdict) {
            return std::nullopt;
        }
        parsed.kind = ProbeLine::Kind::result;
        parsed.verdict = *verdict;
        parsed.text = std::string(fields[3]);
        return parsed;
    }
    if (fields[0] == "figure" && fields.size() == 5 && is_name(fields[2]) && is_text(fields[4]) &&
        fields[4].size() <= max_name_bytes) {
        double value = 0;
        const auto [end, error] = std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), value);
        if (error != std::errc() || end != fields[3].data() + fields[3].size() || !std::isfinite(value)) {
            return std::nullopt;
        }
        parsed.kind = ProbeLine::Kind::figure;
        parsed.text = std::string(fields[2]);
        parsed.value = value;
        parsed.unit = std::string(fields[4]);
        return parsed;
    }
    return std::nullopt;
}

} // namespace cordon::plugin_check
