#include "demo/process_memory.hpp"

#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <string>

namespace cordon::demo {

std::optional<std::uint64_t> status_field_kib(std::string_view status_text, std::string_view name)
{
    std::size_t line_start = 0;
    while (line_start < status_text.size()) {
        std::size_t line_end = status_text.find('\n', line_start);
        if (line_end == std::string_view::npos) {
            line_end = status_text.size();
        }
        std::string_view line = status_text.substr(line_start, line_end - line_start);
        line_start = line_end + 1;
        if (line.size() <= name.size() || line.substr(0, name.size()) != name || line[name.size()] != ':') {
            continue;
        }
        line.remove_prefix(name.size() + 1);
        line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
        std::uint64_t value = 0;
        const auto [rest, error] = std::from_chars(line.data(), line.data() + line.size(), value);
        if (error != std::errc() || std::string_view(rest, line.data() + line.size()) != " kB") {
            return std::nullopt;
        }
        return value;
    }
    return std::nullopt;
}

namespace {

std::optional<std::string> read_proc_file(pid_t pid, const char *name)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/" + name);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

std::optional<ProcessMemory> process_memory(pid_t pid)
{
    const auto status = read_proc_file(pid, "status");
    if (!status) {
        return std::nullopt;
    }
    const auto resident = status_field_kib(*status, "VmRSS");
    const auto peak = status_field_kib(*status, "VmHWM");
    if (!resident || !peak) {
        return std::nullopt;
    }
    ProcessMemory memory{*resident, *peak, std::nullopt, std::nullopt};
    if (const auto rollup = read_proc_file(pid, "smaps_rollup")) {
        memory.proportional_kib = status_field_kib(*rollup, "Pss");
        memory.anonymous_kib = status_field_kib(*rollup, "Anonymous");
    }
    return memory;
}

std::optional<ProcessMemory> own_process_memory() { return process_memory(getpid()); }

} // namespace cordon::demo
