// The host's log: one sink for the host and for every plugin's log calls.
#pragma once

#include <string_view>

namespace cordon {

enum class LogLevel { error = 0, warning = 1, info = 2, debug = 3 };

const char *to_string(LogLevel level);

class Logger {
public:
    virtual ~Logger() = default;
    // source names who speaks: "host", or a plugin id. Must be thread-safe.
    virtual void write(LogLevel level, std::string_view source, std::string_view message) = 0;
};

// Writes "cordon: <level>: [source] message" lines to stderr, dropping lines
// above the chosen level. Control, bidirectional and invisible characters and
// bytes that are not UTF-8 are written as escapes (\u202E, \x9B).
class StderrLogger final : public Logger {
public:
    explicit StderrLogger(LogLevel max_level = LogLevel::info) : max_level_(max_level) {}
    void write(LogLevel level, std::string_view source, std::string_view message) override;

private:
    LogLevel max_level_;
};

} // namespace cordon
