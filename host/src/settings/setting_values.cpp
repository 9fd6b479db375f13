#include "settings/setting_values.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/ascii_text.hpp"
#include "settings/settings_text.hpp"

namespace cordon::settings_detail {
namespace {

std::string wrong_type(std::string_view expected, const toml::node &value)
{
    return "expected " + std::string(expected) + ", found " + node_type_name(value.type());
}

std::string entry_label(std::size_t index) { return "entry " + std::to_string(index + 1) + ": "; }

// The text of a string node, or nothing with the reason in problem. Control
// characters are refused everywhere: an embedded NUL would cut a path short
// when the OS reads it, and none belongs in any setting.
std::optional<std::string_view> checked_text(const toml::node &value, std::string &problem)
{
    const auto *text = value.as_string();
    if (text == nullptr) {
        problem = wrong_type("a string", value);
        return std::nullopt;
    }
    const std::string_view content = text->get();
    if (has_control_character(content)) {
        problem = "contains a control character, which no setting accepts";
        return std::nullopt;
    }
    return content;
}

std::optional<std::filesystem::path> checked_path(const toml::node &value, const std::filesystem::path &base,
                                                  std::string &problem)
{
    const std::optional<std::string_view> text = checked_text(value, problem);
    if (!text)
        return std::nullopt;
    if (text->empty()) {
        problem = "a path must not be empty";
        return std::nullopt;
    }
    if (text->front() == '~') {
        problem = "\"~\" is not expanded here; write the full path";
        return std::nullopt;
    }
    std::filesystem::path path(*text);
    if (path.is_relative())
        path = base / path;
    path = path.lexically_normal();
    // "dir/" names the same directory as "dir"; keep one spelling so repeats are seen.
    if (!path.has_filename() && path.has_relative_path())
        path = path.parent_path();
    return path;
}

class ValueReader {
public:
    ValueReader(const SettingSpec &spec, const toml::node &value, ReadContext &context)
        : spec_(spec), value_(value), context_(context)
    {
    }

    void operator()(const StringSetting &kind) const
    {
        std::string why;
        if (const auto text = checked_text(value_, why))
            return kind.store(context_.settings, std::string(*text));
        report(value_, why);
    }

    void operator()(const BooleanSetting &kind) const
    {
        if (const auto *flag = value_.as_boolean())
            return kind.store(context_.settings, flag->get());
        report(value_, wrong_type("true or false", value_));
    }

    void operator()(const IntegerSetting &kind) const
    {
        const auto *number = value_.as_integer();
        if (number == nullptr)
            return report(value_, wrong_type("an integer", value_));
        const std::int64_t found = number->get();
        if (found < kind.minimum || found > kind.maximum)
            return report(value_, "must be from " + std::to_string(kind.minimum) + " to " +
                                      std::to_string(kind.maximum) + ", found " + std::to_string(found));
        kind.store(context_.settings, found);
    }

    void operator()(const ChoiceSetting &kind) const
    {
        std::string why;
        const auto text = checked_text(value_, why);
        if (!text)
            return report(value_, why);
        const auto chosen = std::find(kind.choices.begin(), kind.choices.end(), *text);
        if (chosen == kind.choices.end())
            return report(value_, quoted_for_message(*text) + " is not one of " + quoted_list(kind.choices));
        kind.store(context_.settings, static_cast<std::size_t>(chosen - kind.choices.begin()));
    }

    void operator()(const StringListSetting &kind) const
    {
        const toml::array *array = array_or_report("an array of strings");
        if (array == nullptr)
            return;
        std::vector<std::string> entries;
        bool all_valid = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            std::string why;
            if (const auto text = checked_text((*array)[i], why)) {
                entries.emplace_back(*text);
            } else {
                report((*array)[i], entry_label(i) + why);
                all_valid = false;
            }
        }
        if (all_valid)
            kind.store(context_.settings, std::move(entries));
    }

    void operator()(const PathSetting &kind) const
    {
        std::string why;
        if (auto path = checked_path(value_, context_.base_directory, why))
            return kind.store(context_.settings, std::move(*path));
        report(value_, why);
    }

    void operator()(const PathListSetting &kind) const
    {
        const toml::array *array = array_or_report("an array of paths (strings)");
        if (array == nullptr)
            return;
        std::vector<std::filesystem::path> entries;
        std::map<std::filesystem::path, std::size_t> first_index_of; // a map: lists may be long
        bool all_valid = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node &entry = (*array)[i];
            std::string why;
            auto path = checked_path(entry, context_.base_directory, why);
            if (!path) {
                report(entry, entry_label(i) + why);
                all_valid = false;
                continue;
            }
            const auto [earlier, is_new] = first_index_of.emplace(*path, i);
            if (!is_new) {
                report(entry, entry_label(i) + "repeats entry " + std::to_string(earlier->second + 1) + " (" +
                                  quoted_for_message(path->string()) + ")");
                all_valid = false;
                continue;
            }
            entries.push_back(std::move(*path));
        }
        if (all_valid)
            kind.store(context_.settings, std::move(entries));
    }

    void operator()(const PathTableSetting &kind) const
    {
        const toml::table *table = value_.as_table();
        if (table == nullptr)
            return report(value_, wrong_type("a table of paths (strings)", value_));
        std::map<std::string, std::filesystem::path> entries;
        bool all_valid = true;
        for (auto &&[key, entry] : *table) {
            const std::string_view name = key.str();
            std::string why;
            auto path = checked_path(entry, context_.base_directory, why);
            if (name.empty() || has_control_character(name)) {
                report(entry, "a name must be non-empty and without control characters");
                all_valid = false;
            } else if (!path) {
                report(entry, quoted_for_message(name) + ": " + why);
                all_valid = false;
            } else {
                entries.emplace(std::string(name), std::move(*path));
            }
        }
        if (all_valid)
            kind.store(context_.settings, std::move(entries));
    }

private:
    const toml::array *array_or_report(std::string_view expected) const
    {
        const toml::array *array = value_.as_array();
        if (array == nullptr)
            report(value_, wrong_type(expected, value_));
        return array;
    }

    void report(const toml::node &where, std::string message) const
    {
        context_.problems.push_back({where.source().begin, std::string(spec_.key), std::move(message)});
    }

    const SettingSpec &spec_;
    const toml::node &value_;
    ReadContext &context_;
};

std::vector<std::string> strings_of(std::span<const std::string_view> values) { return {values.begin(), values.end()}; }

struct DefaultApplier {
    Settings &settings;

    void operator()(const StringSetting &kind) const { kind.store(settings, std::string(kind.default_value)); }
    void operator()(const BooleanSetting &kind) const { kind.store(settings, kind.default_value); }
    void operator()(const IntegerSetting &kind) const { kind.store(settings, kind.default_value); }
    void operator()(const ChoiceSetting &kind) const
    {
        const auto chosen = std::find(kind.choices.begin(), kind.choices.end(), kind.default_value);
        kind.store(settings, static_cast<std::size_t>(chosen - kind.choices.begin()));
    }
    void operator()(const StringListSetting &kind) const { kind.store(settings, strings_of(kind.default_value)); }
    void operator()(const PathSetting &kind) const { kind.store(settings, std::filesystem::path(kind.default_value)); }
    void operator()(const PathListSetting &kind) const
    {
        kind.store(settings, {kind.default_value.begin(), kind.default_value.end()});
    }
    void operator()(const PathTableSetting &kind) const { kind.store(settings, {}); }
};

} // namespace

void apply_default(const SettingSpec &spec, Settings &settings) { std::visit(DefaultApplier{settings}, spec.kind); }

void read_setting(const SettingSpec &spec, const toml::node &value, ReadContext &context)
{
    std::visit(ValueReader(spec, value, context), spec.kind);
}

std::string node_type_name(toml::node_type type)
{
    switch (type) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a floating-point number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

} // namespace cordon::settings_detail
