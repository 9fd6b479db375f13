#include <cstdio>
#include <mutex>
#include <string>

#include "cordon/host/log.hpp"
#include "core/display_text.hpp"

namespace cordon {

const char *to_string(LogLevel level)
{
    switch (level) {
    case LogLevel::error:
        return "error";
    case LogLevel::warning:
        return "warning";
    case LogLevel::info:
        return "info";
    case LogLevel::debug:
        return "debug";
    }
    return "unknown";
}

void StderrLogger::write(LogLevel level, std::string_view source, std::string_view message)
{
    if (level > max_level_) {
        return;
    }
    std::string line = "cordon: ";
    line += to_string(level);
    line += ": [";
    // The last point before a terminal: whatever a plugin or the wire put in
    // a message, one line comes out, read as it was stored.
    line += displayable(source);
    line += "] ";
    line += displayable(message);
    line += '\n';
    // One fwrite per line, under a lock, so lines from several threads never interleave.
    static std::mutex stderr_mutex;
    const std::scoped_lock lock(stderr_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace cordon
