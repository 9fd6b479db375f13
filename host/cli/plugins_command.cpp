// `cordon plugins`: every plugin file found, loaded or refused, and why.
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cordon/host/plugins.hpp"
#include "core/display_text.hpp"
#include "host/cli/commands.hpp"

namespace cordon::cli {

namespace {

struct PluginsOptions {
    bool json = false;
    std::vector<std::string> plugin_dirs;
};

std::string abi_text(const PluginRecord &record)
{
    if (!record.abi_major || !record.abi_minor) {
        return {};
    }
    return std::to_string(*record.abi_major) + "." + std::to_string(*record.abi_minor);
}

// Every string below came from a plugin or its file's name: escaped where it
// leaves (displayable()), so no field can hold a control, an override or a
// byte that is not UTF-8 (on which nlohmann::json's dump would throw).
nlohmann::json optional_text(const std::string &text)
{
    return text.empty() ? nlohmann::json() : nlohmann::json(displayable(text));
}

nlohmann::json text_list(const std::vector<std::string> &texts)
{
    nlohmann::json list = nlohmann::json::array();
    for (const std::string &text : texts) {
        list.push_back(displayable(text));
    }
    return list;
}

nlohmann::json to_json(const PluginRecord &record, const PluginRegistry &registry)
{
    const std::string abi = abi_text(record);
    nlohmann::json entry = {
        {"id", optional_text(record.id)},
        {"name", optional_text(record.name)},
        {"vendor", optional_text(record.vendor)},
        {"kind", record.kind ? nlohmann::json(to_string(*record.kind)) : nlohmann::json()},
        {"abi", optional_text(abi)},
        {"version", optional_text(record.version)},
        {"path", displayable(record.path.string())},
        {"trusted", record.trusted},
        {"isolation", record.isolation ? nlohmann::json(to_string(*record.isolation)) : nlohmann::json()},
        {"status", record.loaded ? "loaded" : "rejected"},
        {"reason", optional_text(record.reason)},
    };
    if (const CodecPlugin *codec = record.loaded ? registry.find_codec(record.id) : nullptr) {
        nlohmann::json formats = nlohmann::json::array();
        for (const CodecFormat &format : codec->formats()) {
            formats.push_back({{"encoding", displayable(format.encoding_name)},
                               {"clock_rate", format.clock_rate},
                               {"sample_rates", format.sample_rates},
                               {"max_channels", format.max_channels},
                               {"frame_durations_us", format.frame_durations_us},
                               {"fmtp_parameters", text_list(format.fmtp_parameters)}});
        }
        entry["formats"] = std::move(formats);
    }
    if (record.loaded && record.kind == PluginKind::auth) {
        for (const AuthPlugin *auth : registry.auth_plugins()) {
            if (auth->id() == record.id) {
                entry["scheme"] = displayable(auth->scheme());
                entry["preference"] = auth->preference();
            }
        }
    }
    if (record.loaded && record.kind == PluginKind::encryption) {
        // An encryption plugin protects media, message bodies or both.
        nlohmann::json serves = nlohmann::json::array();
        if (const MediaEncryptionPlugin *encryption = registry.find_media_encryption(record.id)) {
            serves.push_back("media");
            entry["sdp_profile"] = displayable(encryption->sdp_profile());
            entry["max_overhead"] = encryption->max_overhead();
        }
        if (registry.find_body_encryption(record.id) != nullptr) {
            serves.push_back("bodies");
        }
        entry["serves"] = std::move(serves);
    }
    for (const TransportPlugin *transport : registry.transports()) {
        if (record.loaded && transport->id() == record.id) {
            entry["protocol"] = displayable(transport->protocol());
            entry["stream"] = transport->stream();
            entry["secure"] = transport->secure();
        }
    }
    return entry;
}

std::string or_dash(const std::string &text) { return text.empty() ? "-" : displayable(text); }

void print_table(const PluginRegistry &registry)
{
    const auto &records = registry.records();
    if (records.empty()) {
        std::cout << "no plugin files found\n";
        return;
    }
    std::cout << std::left << std::setw(9) << "STATUS" << std::setw(11) << "KIND" << std::setw(28) << "ID"
              << std::setw(5) << "ABI" << std::setw(9) << "VERSION" << std::setw(11) << "ISOLATION"
              << "PATH\n";
    for (const PluginRecord &record : records) {
        std::cout << std::setw(9) << (record.loaded ? "loaded" : "rejected") << std::setw(11)
                  << (record.kind ? to_string(*record.kind) : "-") << std::setw(28) << or_dash(record.id)
                  << std::setw(5) << or_dash(abi_text(record)) << std::setw(9) << or_dash(record.version)
                  << std::setw(11) << (record.isolation ? to_string(*record.isolation) : "-")
                  << displayable(record.path.string()) << '\n';
        if (!record.loaded) {
            std::cout << "         reason: " << displayable(record.reason) << '\n';
        }
    }
}

int run(const PluginsOptions &options, CliContext &context)
{
    const Settings *settings = context.settings();
    if (settings == nullptr) {
        return exit_failure;
    }
    PluginSearch search = plugin_search_from_settings(*settings);
    if (!options.plugin_dirs.empty()) {
        search.directories.assign(options.plugin_dirs.begin(), options.plugin_dirs.end());
    }
    const auto registry = PluginRegistry::load(search, context.logger());
    if (options.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const PluginRecord &record : registry->records()) {
            list.push_back(to_json(record, *registry));
        }
        // replace: a field added later without displayable() still cannot end the command.
        std::cout << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        print_table(*registry);
    }
    return exit_ok;
}

} // namespace

void add_plugins_command(CLI::App &app, CliContext &context, int &exit_code)
{
    auto options = std::make_shared<PluginsOptions>();
    CLI::App *command = app.add_subcommand(
        "plugins", "List every plugin file found, loaded or rejected, with id, kind, ABI, version, path and reason");
    command->add_flag("--json", options->json, "Print a JSON array instead of a table");
    command->add_option("--plugin-dir", options->plugin_dirs,
                        "Look in this directory instead of the configured ones (repeatable); trust still comes "
                        "only from the built-in directory and plugins.trusted");
    command->callback([options, &context, &exit_code] { exit_code = run(*options, context); });
}

} // namespace cordon::cli
