#include "process_memory.hpp"

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

std::optional<ProcessMemory> process_memory(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    const auto resident = status_field_kib(text.str(), "VmRSS");
    const auto peak = status_field_kib(text.str(), "VmHWM");
    if (!resident || !peak) {
        return std::nullopt;
    }
    return ProcessMemory{*resident, *peak};
}

std::optional<ProcessMemory> own_process_memory()
{
    return process_memory(getpid());
}

}  // namespace cordon::demo
