// Reads one setting's value from a parsed TOML node: checks it against the
// setting's row and stores it into Settings, or records why it cannot.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "settings/setting_spec.hpp"

namespace cordon::settings_detail {

struct Problem {
    toml::source_position where; // line 0 when toml++ does not know
    std::string key;             // as written in a dotted key
    std::string message;
};

struct ReadContext {
    std::filesystem::path base_directory; // relative paths are resolved against it
    Settings &settings;
    std::vector<Problem> &problems;
};

// Stores the row's default: what a file without the key gets.
void apply_default(const SettingSpec &spec, Settings &settings);

void read_setting(const SettingSpec &spec, const toml::node &value, ReadContext &context);

// "an integer", "a table", ... for messages.
std::string node_type_name(toml::node_type type);

} // namespace cordon::settings_detail
