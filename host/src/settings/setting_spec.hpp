// The shape of one row of the settings table (settings_table.cpp). A row says
// everything about a setting: its key, the values it accepts, its default, its
// documentation, and where a valid value is stored. The parser and the docs
// both read rows, so adding a setting is adding a row.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cordon/host/settings.hpp"
#include "settings/settings_text.hpp"

namespace cordon::settings_detail {

struct StringSetting {
    std::string_view default_value;
    void (*store)(Settings &, std::string value);
};

struct BooleanSetting {
    bool default_value;
    void (*store)(Settings &, bool value);
};

struct IntegerSetting {
    std::int64_t minimum;
    std::int64_t maximum;
    std::int64_t default_value;
    void (*store)(Settings &, std::int64_t value);
};

// A string from a fixed set; store receives the position of the chosen name.
struct ChoiceSetting {
    std::span<const std::string_view> choices;
    std::string_view default_value;
    void (*store)(Settings &, std::size_t choice_index);
};

struct StringListSetting {
    std::span<const std::string_view> default_value;
    void (*store)(Settings &, std::vector<std::string> values);
};

// Relative paths are resolved against the settings file's directory; a
// default is used as written, so it must be absolute or empty (no path).
struct PathSetting {
    std::string_view default_value;
    void (*store)(Settings &, std::filesystem::path value);
};

// As PathSetting, for a list that may hold neither empty nor repeated entries.
struct PathListSetting {
    std::span<const std::string_view> default_value;
    void (*store)(Settings &, std::vector<std::filesystem::path> values);
};

// A TOML table from names (any string without control characters, quoted
// as TOML keys when they need it) to paths resolved as PathSetting's; its
// default is always the empty table.
struct PathTableSetting {
    void (*store)(Settings &, std::map<std::string, std::filesystem::path> values);
};

using SettingKind = std::variant<StringSetting, BooleanSetting, IntegerSetting, ChoiceSetting, StringListSetting,
                                 PathSetting, PathListSetting, PathTableSetting>;

struct SettingSpec {
    std::string_view key; // dotted and bare, as written in TOML: "plugins.trusted"
    SettingKind kind;
    std::string_view description;
    std::string_view security_note; // empty when the setting has no security impact
};

// The table of Cordon's settings.
std::span<const SettingSpec> settings_table();

// The parser and the docs for any table, so tests can cover every kind with
// a table of their own. The public functions pass settings_table().
Result<Settings> parse_settings_with(std::span<const SettingSpec> table, std::string_view toml_text,
                                     const std::filesystem::path &origin);
SettingDoc document_setting(const SettingSpec &spec);
void explain_settings_with(std::span<const SettingSpec> table, std::ostream &out);

// Why a table is unusable, or empty when it is sound. Checked at compile time
// for the real table, so a bad row never builds.
constexpr std::string_view table_problem(std::span<const SettingSpec> table)
{
    constexpr auto contains = [](std::span<const std::string_view> names, std::string_view name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    for (std::size_t i = 0; i < table.size(); ++i) {
        const SettingSpec &spec = table[i];
        if (spec.key.empty() || spec.key.front() == '.' || spec.key.back() == '.' ||
            spec.key.find("..") != std::string_view::npos)
            return "a key is empty or has an empty segment";
        for (char c : spec.key)
            if (c != '.' && !is_toml_bare_key_char(c))
                return "a key is not made of bare TOML segments";
        if (spec.description.empty())
            return "a setting has no description";
        for (std::size_t j = 0; j < table.size(); ++j) {
            if (i == j)
                continue;
            const std::string_view other = table[j].key;
            if (other == spec.key)
                return "two settings share a key";
            if (other.size() > spec.key.size() && other.starts_with(spec.key) && other[spec.key.size()] == '.')
                return "a setting's key is also the table of another setting";
        }
        if (const auto *integer = std::get_if<IntegerSetting>(&spec.kind)) {
            if (integer->default_value < integer->minimum || integer->default_value > integer->maximum)
                return "an integer default is out of its range";
        }
        if (const auto *choice = std::get_if<ChoiceSetting>(&spec.kind)) {
            if (!contains(choice->choices, choice->default_value))
                return "a choice default is not a choice";
        }
        if (const auto *path = std::get_if<PathSetting>(&spec.kind)) {
            if (!path->default_value.empty() && path->default_value.front() != '/')
                return "a path default is not absolute";
        }
        if (const auto *paths = std::get_if<PathListSetting>(&spec.kind)) {
            for (std::string_view entry : paths->default_value)
                if (entry.empty() || entry.front() != '/')
                    return "a path list default is not absolute";
        }
        const bool has_store = std::visit([](const auto &kind) { return kind.store != nullptr; }, spec.kind);
        if (!has_store)
            return "a setting has nowhere to be stored";
    }
    return {};
}

} // namespace cordon::settings_detail
