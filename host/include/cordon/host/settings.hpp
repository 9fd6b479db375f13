// Cordon's settings: one TOML file read into typed values. Every setting has
// a default; those that touch security carry a note that `cordon config
// explain` prints. A file with any error yields no settings at all.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cordon/host/log.hpp"
#include "cordon/host/result.hpp"

namespace cordon {

struct Settings {
    // [log]
    LogLevel log_level = LogLevel::info;
    // [plugins]
    std::vector<std::filesystem::path> plugin_directories;  // searched after the built-in one
    std::vector<std::filesystem::path> trusted_plugins;     // files or directories loaded in process
};

// One entry of the settings schema, for documentation and `config explain`.
struct SettingDoc {
    std::string key;            // "plugins.trusted"
    std::string type;           // "string", "array of strings", ...
    std::string default_value;  // as it would be written in TOML
    std::string description;
    std::string security_note;  // empty when the setting has no security impact
};

const std::vector<SettingDoc> &settings_schema();

// Reads and validates a settings file. Relative paths inside it are resolved
// against the file's directory. On failure the error lists every problem as
// "FILE:LINE:COLUMN: KEY: what is wrong", one per line.
Result<Settings> load_settings(const std::filesystem::path &file);

// The same for TOML text already in memory; origin names it in errors.
Result<Settings> parse_settings(std::string_view toml_text, const std::filesystem::path &origin);

}  // namespace cordon
