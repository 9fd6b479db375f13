// The settings table: the one place where a setting is defined. The parser,
// `settings_schema()` and `cordon config explain` all read these rows.
//
// To add a setting: add a field to Settings (settings.hpp) and a row here.
// The row's default is what a file without the key gets, and table_problem()
// refuses to compile a row whose default breaks its own rules.
#include <array>

#include "setting_spec.hpp"

namespace cordon::settings_detail {
namespace {

// Indexed by LogLevel: the position of a name is the level's value.
constexpr std::array<std::string_view, 4> log_level_names = {"error", "warning", "info", "debug"};
static_assert(static_cast<std::size_t>(LogLevel::error) == 0 && static_cast<std::size_t>(LogLevel::warning) == 1 &&
              static_cast<std::size_t>(LogLevel::info) == 2 && static_cast<std::size_t>(LogLevel::debug) == 3);

constexpr std::array<SettingSpec, 3> cordon_settings = {{
    {
        .key = "log.level",
        .kind = ChoiceSetting{.choices = log_level_names,
                              .default_value = "info",
                              .store = [](Settings &settings, std::size_t index) {
                                  settings.log_level = static_cast<LogLevel>(index);
                              }},
        .description = "How much the host and its plugins write to the log: \"error\" writes only errors, "
                       "each later level adds to the one before it, and \"debug\" writes everything.",
        .security_note = "",
    },
    {
        .key = "plugins.directories",
        .kind = PathListSetting{.default_value = {},
                                .store = [](Settings &settings, std::vector<std::filesystem::path> paths) {
                                    settings.plugin_directories = std::move(paths);
                                }},
        .description = "Extra directories searched for plugins, in this order, after the built-in directory "
                       "next to the cordon binary.",
        .security_note = "Every library found in these directories is loaded: inside the host process only if "
                         "it is trusted (see plugins.trusted), and any other is refused until it can run in the "
                         "codec sandbox. Keep these directories writable only by their owner.",
    },
    {
        .key = "plugins.trusted",
        .kind = PathListSetting{.default_value = {},
                                .store = [](Settings &settings, std::vector<std::filesystem::path> paths) {
                                    settings.trusted_plugins = std::move(paths);
                                }},
        .description = "Plugin files, and directories of plugin files, that load inside the host process "
                       "instead of in the codec sandbox.",
        .security_note = "A trusted plugin runs with all of the application's privileges and is not sandboxed: "
                         "list only code you would link into your application. Every other plugin is "
                         "untrusted.",
    },
}};

static_assert(table_problem(cordon_settings).empty(), "the settings table is inconsistent");

}  // namespace

std::span<const SettingSpec> settings_table() { return cordon_settings; }

}  // namespace cordon::settings_detail
