// The settings documentation, built from the settings table: settings_schema()
// for programs and explain_settings() for people.
#include <ostream>

#include "settings/setting_spec.hpp"
#include "settings/settings_text.hpp"

namespace cordon::settings_detail {
namespace {

constexpr std::size_t explain_line_width = 80;
constexpr std::string_view explain_indent = "    ";
constexpr std::string_view relative_path_rule = "a relative path is resolved against the settings file's directory";

std::string toml_list(std::span<const std::string_view> values)
{
    std::string list = "[";
    for (std::string_view value : values) {
        if (list.size() > 1)
            list += ", ";
        list += toml_quoted(value);
    }
    return list + "]";
}

struct Documenter {
    SettingDoc &doc;

    void operator()(const StringSetting &kind) const
    {
        doc.type = "string";
        doc.default_value = toml_quoted(kind.default_value);
    }
    void operator()(const BooleanSetting &kind) const
    {
        doc.type = "boolean";
        doc.default_value = kind.default_value ? "true" : "false";
    }
    void operator()(const IntegerSetting &kind) const
    {
        doc.type = "integer";
        doc.default_value = std::to_string(kind.default_value);
        doc.constraints = "from " + std::to_string(kind.minimum) + " to " + std::to_string(kind.maximum);
    }
    void operator()(const ChoiceSetting &kind) const
    {
        doc.type = "string";
        doc.default_value = toml_quoted(kind.default_value);
        doc.constraints = "one of " + quoted_list(kind.choices);
    }
    void operator()(const StringListSetting &kind) const
    {
        doc.type = "array of strings";
        doc.default_value = toml_list(kind.default_value);
    }
    void operator()(const PathSetting &kind) const
    {
        doc.type = "path (string)";
        doc.default_value = kind.default_value.empty() ? "not set" : toml_quoted(kind.default_value);
        doc.constraints = relative_path_rule;
    }
    void operator()(const PathListSetting &kind) const
    {
        doc.type = "array of paths (strings)";
        doc.default_value = toml_list(kind.default_value);
        doc.constraints = "no empty or repeated entries; " + std::string(relative_path_rule);
    }
    void operator()(const PathTableSetting &) const
    {
        doc.type = "table of paths (strings)";
        doc.default_value = "{}";
        doc.constraints = "names without control characters; " + std::string(relative_path_rule);
    }
};

} // namespace

SettingDoc document_setting(const SettingSpec &spec)
{
    SettingDoc doc;
    doc.key = spec.key;
    doc.description = spec.description;
    doc.security_note = spec.security_note;
    std::visit(Documenter{doc}, spec.kind);
    return doc;
}

void explain_settings_with(std::span<const SettingSpec> table, std::ostream &out)
{
    const std::string indent(explain_indent);
    bool first = true;
    for (const SettingSpec &spec : table) {
        const SettingDoc doc = document_setting(spec);
        if (!first)
            out << '\n';
        first = false;
        std::string type = doc.type;
        if (!doc.constraints.empty())
            type += "; " + doc.constraints;
        out << doc.key << '\n';
        out << wrapped(type, indent + "type:     ", indent + "          ", explain_line_width) << '\n';
        out << wrapped(doc.default_value, indent + "default:  ", indent + "          ", explain_line_width) << '\n';
        out << wrapped(doc.description, indent, indent, explain_line_width) << '\n';
        if (!doc.security_note.empty())
            out << wrapped(doc.security_note, indent + "security: ", indent + "          ", explain_line_width) << '\n';
    }
}

} // namespace cordon::settings_detail

namespace cordon {

const std::vector<SettingDoc> &settings_schema()
{
    static const std::vector<SettingDoc> schema = [] {
        std::vector<SettingDoc> docs;
        for (const auto &spec : settings_detail::settings_table())
            docs.push_back(settings_detail::document_setting(spec));
        return docs;
    }();
    return schema;
}

void explain_settings(std::ostream &out)
{
    settings_detail::explain_settings_with(settings_detail::settings_table(), out);
}

} // namespace cordon
