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

constexpr std::array<SettingSpec, 9> cordon_settings = {{
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
                         "it is trusted (see plugins.trusted); an untrusted codec runs in the codec sandbox, and "
                         "an untrusted plugin of any other kind is refused. Keep these directories writable only "
                         "by their owner.",
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
    {
        .key = "plugins.sandboxed",
        .kind = StringListSetting{.default_value = {},
                                  .store = [](Settings &settings, std::vector<std::string> ids) {
                                      settings.sandboxed_plugins = std::move(ids);
                                  }},
        .description = "Ids of trusted codec plugins (e.g. \"org.cordon.codec.opus\") that run in the codec sandbox "
                       "all the same; \"*\" sends every codec plugin there. Untrusted codec plugins always run in "
                       "the sandbox, and untrusted plugins of other kinds are refused.",
        .security_note = "Sandboxing costs a round trip per batch of frames and buys containment: a codec that is "
                         "exploited by a crafted packet can then reach neither the network, nor files, nor the "
                         "application's memory. To run an untrusted plugin in process you must list its file in "
                         "plugins.trusted; an id alone never moves a plugin out of the sandbox, because an "
                         "untrusted plugin can claim any id.",
    },
    {
        .key = "sandbox.call_deadline_ms",
        .kind = IntegerSetting{.minimum = 0,
                               .maximum = 10000,
                               .default_value = 0,
                               .store = [](Settings &settings, std::int64_t value) {
                                   settings.sandbox.call_deadline = std::chrono::milliseconds(value);
                               }},
        .description = "How long one encode, decode or conceal may take in the sandbox before the child is killed "
                       "as hung and restarted (the frame is lost). 0: twice the frame duration, at least 20 ms.",
        .security_note = "The deadline is what stops a hostile or broken codec from stalling a call: keep it short. "
                         "Too short a deadline on a loaded machine kills healthy children and loses frames.",
    },
    {
        .key = "sandbox.startup_deadline_ms",
        .kind = IntegerSetting{.minimum = 100,
                               .maximum = 60000,
                               .default_value = 2000,
                               .store = [](Settings &settings, std::int64_t value) {
                                   settings.sandbox.startup_deadline = std::chrono::milliseconds(value);
                               }},
        .description = "How long a sandbox child may take to start (load and lock down the plugin, describe it), "
                       "and to create, reset or destroy an instance.",
        .security_note = "",
    },
    {
        .key = "sandbox.memory_limit_mb",
        .kind = IntegerSetting{.minimum = 16,
                               .maximum = 65536,
                               .default_value = 256,
                               .store = [](Settings &settings, std::int64_t value) {
                                   settings.sandbox.memory_limit_bytes = static_cast<std::uint64_t>(value) << 20;
                               }},
        .description = "The address space of each sandbox child, in MiB (its RLIMIT_AS). A codec needs a few MiB.",
        .security_note = "Bounds what a runaway or hostile codec can take from the machine; a child that reaches "
                         "it fails and is restarted. Not applied in sanitizer builds, whose runtime reserves "
                         "terabytes of address space.",
    },
    {
        .key = "sandbox.max_failures",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 1000,
                               .default_value = 5,
                               .store = [](Settings &settings, std::int64_t value) {
                                   settings.sandbox.max_failures = static_cast<std::uint32_t>(value);
                               }},
        .description = "A sandboxed plugin whose child fails this many times within sandbox.failure_window_s is "
                       "quarantined: it is not restarted again, and every call on it gets an error.",
        .security_note = "Restarting a plugin that fails on every packet gives an attacker unlimited tries; "
                         "quarantine ends them. The first restart is immediate, each further one waits twice "
                         "as long (from 10 ms up to 1 s).",
    },
    {
        .key = "sandbox.failure_window_s",
        .kind = IntegerSetting{.minimum = 1,
                               .maximum = 86400,
                               .default_value = 60,
                               .store = [](Settings &settings, std::int64_t value) {
                                   settings.sandbox.failure_window = std::chrono::seconds(value);
                               }},
        .description = "The window, in seconds, within which sandbox.max_failures failures quarantine a plugin.",
        .security_note = "",
    },
}};

static_assert(table_problem(cordon_settings).empty(), "the settings table is inconsistent");

}  // namespace

std::span<const SettingSpec> settings_table() { return cordon_settings; }

}  // namespace cordon::settings_detail
