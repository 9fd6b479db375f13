#include "sandbox/supervisor/plugin_log.hpp"

#include "core/display_text.hpp"

namespace cordon::sandbox {
namespace {

constexpr std::chrono::seconds rate_window{1};
constexpr std::string_view sandbox_prefix = "cordon-sandbox: ";

// The child's own lines say their level ("plugin warning: ..."); anything
// else a plugin printed by itself is worth a warning.
LogLevel level_of(std::string_view line)
{
    struct Prefix {
        std::string_view text;
        LogLevel level;
    };
    constexpr Prefix prefixes[] = {{"plugin error: ", LogLevel::error},
                                   {"plugin warning: ", LogLevel::warning},
                                   {"plugin info: ", LogLevel::info},
                                   {"plugin debug: ", LogLevel::debug},
                                   {sandbox_prefix, LogLevel::info}};
    for (const Prefix &prefix : prefixes) {
        if (line.starts_with(prefix.text)) {
            return prefix.level;
        }
    }
    return LogLevel::warning;
}

} // namespace

void PluginLog::feed(std::string_view bytes)
{
    for (const char byte : bytes) {
        if (byte == '\n') {
            flush();
            continue;
        }
        if (pending_.size() >= max_plugin_log_line_bytes) {
            pending_truncated_ = true;
            continue;
        }
        pending_.push_back(byte);
    }
}

void PluginLog::flush()
{
    if (pending_.empty() && !pending_truncated_) {
        return;
    }
    // Escaped whole, so a character split across two writes of the child's
    // is decoded as one.
    std::string line = displayable(pending_, max_plugin_log_line_bytes);
    if (pending_truncated_) {
        line += " [line cut at " + std::to_string(max_plugin_log_line_bytes) + " bytes]";
    }
    emit(line);
    pending_.clear();
    pending_truncated_ = false;
}

void PluginLog::finish()
{
    flush();
    report_dropped();
}

void PluginLog::report_dropped()
{
    if (dropped_in_window_ > 0) {
        logger_.write(LogLevel::warning, source_,
                      std::to_string(dropped_in_window_) + " more lines from the plugin dropped (more than " +
                          std::to_string(max_plugin_log_lines_per_second) + " a second)");
        dropped_in_window_ = 0;
    }
}

void PluginLog::emit(std::string_view line)
{
    if (line.starts_with(sandbox_prefix)) {
        last_sandbox_line_ = line.substr(sandbox_prefix.size());
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start_ >= rate_window) {
        report_dropped();
        window_start_ = now;
        lines_in_window_ = 0;
    }
    if (lines_in_window_ >= max_plugin_log_lines_per_second) {
        ++dropped_in_window_;
        ++dropped_;
        return;
    }
    ++lines_in_window_;
    ++lines_;
    logger_.write(level_of(line), source_, line);
}

} // namespace cordon::sandbox
