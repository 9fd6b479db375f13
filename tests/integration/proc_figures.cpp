#include "tests/integration/proc_figures.hpp"

#include <malloc.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "demo/process_memory.hpp"

namespace cordon::test {

namespace fs = std::filesystem;

std::optional<std::uint64_t> resident_kib(pid_t pid)
{
    const auto memory = demo::process_memory(pid);
    if (!memory) {
        return std::nullopt;
    }
    return memory->resident_kib;
}

std::optional<std::size_t> open_descriptors(pid_t pid)
{
    std::error_code error;
    fs::directory_iterator entries("/proc/" + std::to_string(pid) + "/fd", error);
    if (error) {
        return std::nullopt;
    }
    std::size_t count = 0;
    for (auto entry = fs::begin(entries); entry != fs::end(entries); entry.increment(error)) {
        if (error) {
            return std::nullopt;
        }
        ++count;
    }
    return count;
}

std::uint64_t heap_in_use_kib() { return mallinfo2().uordblks / 1024; }

std::optional<pid_t> child_named(pid_t parent, std::string_view name)
{
    std::error_code error;
    for (const auto &entry : fs::directory_iterator("/proc", error)) {
        const std::string pid_text = entry.path().filename().string();
        if (pid_text.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::ifstream in(entry.path() / "stat");
        std::stringstream text;
        text << in.rdbuf();
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        const std::string stat = text.str();
        const auto open = stat.find('(');
        const auto close = stat.rfind(')');
        if (open == std::string::npos || close == std::string::npos || close < open) {
            continue;
        }
        std::istringstream rest(stat.substr(close + 1));
        char state = 0;
        pid_t ppid = 0;
        if (rest >> state >> ppid && ppid == parent && stat.substr(open + 1, close - open - 1) == name) {
            return static_cast<pid_t>(std::stol(pid_text));
        }
    }
    return std::nullopt;
}

} // namespace cordon::test
