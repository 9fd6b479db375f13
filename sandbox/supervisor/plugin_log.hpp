// Turns what a sandbox child writes on stdout and stderr into log lines of
// the host's: split at newlines, every unsafe character and byte that is not
// UTF-8 shown as an escape (displayable(), so a plugin can neither forge a
// line or a terminal escape nor reorder the text around it), each line and the
// number of lines per second bounded, so a plugin that floods its output
// cannot flood the application's log or the host's memory. What is dropped
// is counted, and said with the first line after the flood or when the
// child's output ends.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "cordon/host/log.hpp"

namespace cordon::sandbox {

inline constexpr size_t max_plugin_log_line_bytes = 1024;
inline constexpr uint32_t max_plugin_log_lines_per_second = 50;

class PluginLog {
public:
    // source: how the host's log names this plugin.
    PluginLog(Logger &logger, std::string source) : logger_(logger), source_(std::move(source)) {}

    // Bytes as the child wrote them, in any pieces.
    void feed(std::string_view bytes);
    // Writes a pending partial line (the child ended mid-line).
    void flush();
    // The child's output ended (it died or was stopped): the partial line,
    // then how many lines the rate limit dropped since the last note.
    void finish();

    uint64_t lines() const { return lines_; }
    // The last complete line the child's own code wrote ("cordon-sandbox: ..."):
    // why it stopped, when it stopped by itself.
    const std::string &last_sandbox_line() const { return last_sandbox_line_; }
    uint64_t dropped() const { return dropped_; }

private:
    void emit(std::string_view line);
    void report_dropped();

    Logger &logger_;
    std::string source_;
    std::string pending_;
    std::string last_sandbox_line_;
    bool pending_truncated_ = false;
    std::chrono::steady_clock::time_point window_start_{};
    uint32_t lines_in_window_ = 0;
    uint64_t dropped_in_window_ = 0;
    uint64_t lines_ = 0;
    uint64_t dropped_ = 0;
};

} // namespace cordon::sandbox
