// Cordon's settings: one TOML file read into typed values. Every setting has
// a default; those that touch security carry a note that `cordon config
// explain` prints. A file with any error yields no settings at all.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/body_encryption.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/profile.hpp"
#include "cordon/host/result.hpp"
#include "cordon/host/sandbox.hpp"
#include "cordon/host/user_agent_options.hpp"

namespace cordon {

struct Settings {
    // [auth]
    // [log]
    LogLevel log_level = LogLevel::info;
    // [plugins]
    std::vector<std::filesystem::path> plugin_directories; // searched after the built-in one
    std::vector<std::filesystem::path> trusted_plugins;    // files or directories loaded in process
    std::vector<std::string> sandboxed_plugins;            // ids run in the sandbox though trusted; "*": all
    // [sandbox]
    SandboxLimits sandbox;
    // [profile] and [tls]: the account `cordon register`, `call` and `message` use
    Profile profile;
    // [sip], [media], [presence] and [encryption] (bodies; media encryption
    // is media.encryption)
    UserAgentOptions user_agent;
};

// One entry of the settings schema, for documentation and `config explain`.
struct SettingDoc {
    std::string key;           // "plugins.trusted"
    std::string type;          // "string", "array of strings", ...
    std::string default_value; // as it would be written in TOML
    std::string description;
    std::string security_note; // empty when the setting has no security impact
    std::string constraints;   // what the type alone does not say ("one of ..."); may be empty
};

// Built from the same table the parser reads, so the docs cannot drift.
const std::vector<SettingDoc> &settings_schema();

// Writes every setting with its type, default, description and security
// note, wrapped for a terminal: the text of `cordon config explain`.
void explain_settings(std::ostream &out);

// Settings files larger than this are refused before they are parsed.
inline constexpr std::size_t max_settings_file_bytes = 1024 * 1024;

// Reads and validates a settings file. Relative paths inside it are resolved
// against the file's directory; paths in the result are absolute. On failure
// the error lists every problem as "FILE:LINE:COLUMN: KEY: what is wrong", one
// per line, with code config. A file that cannot be read gives not_found (it
// does not exist) or io (any other reason the OS gives).
Result<Settings> load_settings(const std::filesystem::path &file);

// The same for TOML text already in memory; origin names it in errors and
// relative paths are resolved against origin's directory. Never throws and
// accepts any bytes.
Result<Settings> parse_settings(std::string_view toml_text, const std::filesystem::path &origin);

} // namespace cordon
