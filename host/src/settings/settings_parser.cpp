// TOML text → Settings: bound the text, let toml++ parse it, then walk every
// key of the document against the settings table and collect every problem.
#include <algorithm>
#include <exception>
#include <new>
#include <set>

#include "core/utf8_check.hpp"
#include "settings/key_suggestion.hpp"
#include "settings/nesting_guard.hpp"
#include "settings/setting_spec.hpp"
#include "settings/setting_values.hpp"
#include "settings/settings_text.hpp"

namespace cordon::settings_detail {
namespace {

// Past this many problems the file is clearly not a settings file; the
// message stays readable and its size bounded.
constexpr std::size_t max_reported_problems = 50;

class DocumentWalker {
public:
    DocumentWalker(std::span<const SettingSpec> table, ReadContext &context) : table_(table), context_(context)
    {
        std::set<std::string> table_names;
        for (const SettingSpec &spec : table) {
            known_keys_.emplace_back(spec.key);
            for (std::size_t dot = spec.key.find('.'); dot != std::string_view::npos; dot = spec.key.find('.', dot + 1))
                table_names.emplace(spec.key.substr(0, dot));
        }
        table_names_.assign(table_names.begin(), table_names.end());
        known_keys_.insert(known_keys_.end(), table_names_.begin(), table_names_.end());
    }

    void walk(const toml::table &table, const std::string &prefix)
    {
        for (auto &&[key, value] : table) {
            // Spelled as in a dotted key: a part that must be quoted can never
            // match a setting, whose keys are bare.
            const std::string full_key = prefix + key_part_for_message(key.str());
            if (const SettingSpec *spec = find_setting(full_key)) {
                read_setting(*spec, value, context_);
            } else if (!is_table_name(full_key)) {
                report_unknown(key, value, full_key);
            } else if (const toml::table *inner = value.as_table()) {
                walk(*inner, full_key + ".");
            } else {
                context_.problems.push_back(
                    {value.source().begin, full_key, "expected a table, found " + node_type_name(value.type())});
            }
        }
    }

private:
    const SettingSpec *find_setting(std::string_view key) const
    {
        const auto found =
            std::find_if(table_.begin(), table_.end(), [&](const SettingSpec &spec) { return spec.key == key; });
        return found == table_.end() ? nullptr : &*found;
    }

    bool is_table_name(std::string_view key) const
    {
        return std::find(table_names_.begin(), table_names_.end(), key) != table_names_.end();
    }

    // Unknown tables are not entered: one line says the whole table is unknown.
    void report_unknown(const toml::key &key, const toml::node &value, const std::string &full_key)
    {
        std::string message = value.is_table() ? "unknown table" : "unknown setting";
        if (const auto suggestion = closest_known_key(full_key, known_keys_)) {
            message += "; did you mean ";
            message += is_table_name(*suggestion) ? "[" + *suggestion + "]" : *suggestion;
            message += "?";
        }
        context_.problems.push_back({key.source().begin, full_key, std::move(message)});
    }

    std::span<const SettingSpec> table_;
    ReadContext &context_;
    std::vector<std::string> table_names_; // "plugins" for plugins.trusted
    std::vector<std::string> known_keys_;  // settings and tables, for suggestions
};

std::string location(const std::filesystem::path &origin, std::size_t line, std::size_t column)
{
    std::string text = origin.string();
    if (line != 0)
        text += ":" + std::to_string(line) + ":" + std::to_string(column);
    return text;
}

Error config_error(std::string message) { return Error{ErrorCode::config, std::move(message)}; }

Error report_problems(const std::filesystem::path &origin, std::vector<Problem> problems)
{
    std::stable_sort(problems.begin(), problems.end(), [](const Problem &a, const Problem &b) {
        return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
    });
    std::string message;
    const std::size_t shown = std::min(problems.size(), max_reported_problems);
    for (std::size_t i = 0; i < shown; ++i) {
        const Problem &problem = problems[i];
        if (!message.empty())
            message += '\n';
        message +=
            location(origin, problem.where.line, problem.where.column) + ": " + problem.key + ": " + problem.message;
    }
    if (problems.size() > shown)
        message += "\n" + origin.string() + ": and " + std::to_string(problems.size() - shown) + " more problems";
    return config_error(std::move(message));
}

// Relative paths in the file mean "next to this file", wherever the process
// runs from; results are made absolute so they keep that meaning.
std::filesystem::path directory_of(const std::filesystem::path &origin)
{
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(origin, error);
    if (error)
        return origin.parent_path(); // no working directory to resolve against
    return absolute.lexically_normal().parent_path();
}

Error syntax_error(const std::filesystem::path &origin, const toml::parse_error &error)
{
    return config_error(location(origin, error.source().begin.line, error.source().begin.column) + ": " +
                        std::string(error.description()));
}

Result<Settings> read_settings_text(std::span<const SettingSpec> table, std::string_view toml_text,
                                    const std::filesystem::path &origin)
{
    if (toml_text.size() > max_settings_file_bytes)
        return config_error(origin.string() + ": settings are " + std::to_string(toml_text.size()) +
                            " bytes long, more than the limit of " + std::to_string(max_settings_file_bytes));
    if (const auto bad_byte = first_invalid_utf8(toml_text)) {
        const TextPosition where = position_of(toml_text, *bad_byte);
        return config_error(location(origin, where.line, where.column) +
                            ": not UTF-8 text (settings files must be UTF-8)");
    }
    if (const auto nesting = find_excessive_nesting(toml_text))
        return config_error(location(origin, nesting->line, nesting->column) + ": " + nesting->message);

    toml::table document;
#if TOML_EXCEPTIONS
    try {
        document = toml::parse(toml_text);
    } catch (const toml::parse_error &error) {
        return syntax_error(origin, error);
    }
#else
    toml::parse_result parsed = toml::parse(toml_text);
    if (!parsed)
        return syntax_error(origin, parsed.error());
    document = std::move(parsed).table();
#endif

    Settings settings;
    for (const SettingSpec &spec : table)
        apply_default(spec, settings);

    std::vector<Problem> problems;
    ReadContext context{directory_of(origin), settings, problems};
    DocumentWalker(table, context).walk(document, "");
    if (!problems.empty())
        return report_problems(origin, std::move(problems));
    return settings;
}

} // namespace

Result<Settings> parse_settings_with(std::span<const SettingSpec> table, std::string_view toml_text,
                                     const std::filesystem::path &origin)
{
    // The boundary: nothing thrown below (toml++, the filesystem library,
    // allocation) leaves the settings library.
    try {
        return read_settings_text(table, toml_text, origin);
    } catch (const std::bad_alloc &) {
        return Error{ErrorCode::out_of_memory, origin.string() + ": out of memory while reading settings"};
    } catch (const std::exception &error) {
        return config_error(origin.string() + ": cannot read settings: " + error.what());
    } catch (...) {
        return config_error(origin.string() + ": cannot read settings");
    }
}

} // namespace cordon::settings_detail

namespace cordon {

Result<Settings> parse_settings(std::string_view toml_text, const std::filesystem::path &origin)
{
    return settings_detail::parse_settings_with(settings_detail::settings_table(), toml_text, origin);
}

} // namespace cordon
