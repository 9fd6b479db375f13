#include "host/cli/cli_context.hpp"

#include <cstdlib>
#include <iostream>

namespace cordon::cli {

std::optional<LogLevel> parse_log_level(const std::string &text)
{
    for (const LogLevel level : {LogLevel::error, LogLevel::warning, LogLevel::info, LogLevel::debug}) {
        if (text == to_string(level)) {
            return level;
        }
    }
    return std::nullopt;
}

void print_error(const std::string &message) { std::cerr << "cordon: error: " << message << '\n'; }

const Settings *CliContext::settings()
{
    if (settings_) {
        return &*settings_;
    }
    std::string path = options_.config_path;
    if (path.empty()) {
        if (const char *from_environment = std::getenv("CORDON_CONFIG")) {
            path = from_environment;
        }
    }
    if (path.empty()) {
        settings_ = Settings{};
    } else {
        auto loaded = load_settings(path);
        if (!loaded) {
            print_error("settings not loaded, nothing was started:\n" + loaded.error().message);
            return nullptr;
        }
        settings_ = std::move(loaded.value());
    }
    if (options_.log_level) {
        settings_->log_level = *parse_log_level(*options_.log_level);
    }
    return &*settings_;
}

Logger &CliContext::logger()
{
    if (!logger_) {
        const LogLevel level = settings_ ? settings_->log_level : LogLevel::info;
        logger_ = std::make_unique<StderrLogger>(level);
    }
    return *logger_;
}

} // namespace cordon::cli
