#include "plugin_checker/memory_check.hpp"

#include <charconv>
#include <fstream>
#include <string>

#include "core/ascii_text.hpp"

namespace cordon::plugin_check {

namespace {

constexpr const char *check_name = "memory.peak";
constexpr std::string_view peak_field = "VmHWM:";
constexpr uint64_t bytes_per_kibibyte = 1024;
// /proc/<pid>/status is a few KiB; more is not that file.
constexpr size_t max_status_bytes = 64 * 1024;

} // namespace

std::optional<uint64_t> peak_resident_kib(std::string_view status_text)
{
    size_t at = 0;
    while (at < status_text.size()) {
        const size_t end = std::min(status_text.find('\n', at), status_text.size());
        std::string_view line = status_text.substr(at, end - at);
        at = end + 1;
        if (line.substr(0, peak_field.size()) != peak_field) {
            continue;
        }
        line.remove_prefix(peak_field.size());
        line = trim_leading_blanks(line);
        uint64_t value = 0;
        const auto [rest, error] = std::from_chars(line.data(), line.data() + line.size(), value);
        if (error != std::errc() ||
            std::string_view(rest, static_cast<size_t>(line.data() + line.size() - rest)) != " kB") {
            return std::nullopt;
        }
        return value;
    }
    return std::nullopt;
}

CheckResult memory_verdict(std::optional<uint64_t> peak_kib, uint64_t memory_limit_bytes)
{
    CheckResult result{check_name, Verdict::pass, "", true, {}};
    if (!peak_kib) {
        result.verdict = Verdict::skip;
        result.reason = "the sandbox child's peak memory could not be read";
        return result;
    }
    const double limit_kib = static_cast<double>(memory_limit_bytes) / bytes_per_kibibyte;
    const double allowed_kib = limit_kib * max_memory_limit_share;
    result.figures = {{"peak_resident", static_cast<double>(*peak_kib), "KiB"}, {"allowed", allowed_kib, "KiB"}};
    const std::string peak_text = "peak resident " + std::to_string(*peak_kib) + " KiB";
    if (static_cast<double>(*peak_kib) > allowed_kib) {
        result.verdict = Verdict::fail;
        result.reason = peak_text + ", more than half the sandbox's " + std::to_string(memory_limit_bytes >> 20) +
                        " MiB memory limit";
    } else {
        result.reason = peak_text + " of the sandbox child, within half its " +
                        std::to_string(memory_limit_bytes >> 20) + " MiB limit";
    }
    return result;
}

CheckResult check_memory(const CodecPlugin &codec, uint64_t memory_limit_bytes)
{
    const auto stats = codec.sandbox_stats();
    if (!stats || stats->pid <= 0) {
        return memory_verdict(std::nullopt, memory_limit_bytes);
    }
    std::ifstream in("/proc/" + std::to_string(stats->pid) + "/status");
    std::string text(max_status_bytes, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    return memory_verdict(peak_resident_kib(text), memory_limit_bytes);
}

} // namespace cordon::plugin_check
