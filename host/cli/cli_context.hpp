// What every command needs: the settings (from --config or CORDON_CONFIG, or
// the defaults) and a logger at the chosen level.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cordon/host/log.hpp"
#include "cordon/host/result.hpp"
#include "cordon/host/settings.hpp"

namespace cordon::cli {

// Exit codes of every command.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1; // the command ran and failed
inline constexpr int exit_usage = 2;   // the command line itself is wrong

struct GlobalOptions {
    std::string config_path; // empty: CORDON_CONFIG, else defaults
    std::optional<std::string> log_level;
};

class CliContext {
public:
    explicit CliContext(const GlobalOptions &options) : options_(options) {}

    // Reads the settings once; on error prints it and returns nullptr.
    const Settings *settings();
    Logger &logger();

private:
    const GlobalOptions &options_;
    std::optional<Settings> settings_;
    std::unique_ptr<StderrLogger> logger_;
};

// Prints "cordon: error: <message>" to stderr.
void print_error(const std::string &message);

std::optional<LogLevel> parse_log_level(const std::string &text);

} // namespace cordon::cli
