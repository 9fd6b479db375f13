#include <algorithm>
#include <filesystem>

#include "cordon/host/plugins.hpp"
#include "cordon/host/settings.hpp"
#include "plugin_loading/host_module.hpp"
#include "plugin_loading/install_layout.hpp"

namespace cordon {

namespace fs = std::filesystem;

namespace {

HostLocations current_host_locations()
{
    const HostModule module = current_host_module();
    return host_locations(module.path, module.kind, configured_install_dirs());
}

} // namespace

fs::path builtin_plugin_directory() { return current_host_locations().plugin_directory; }

fs::path builtin_sandbox_executable() { return current_host_locations().sandbox_executable; }

bool sandboxed_by_choice(const PluginSearch &search, std::string_view id)
{
    return std::find_if(search.sandboxed.begin(), search.sandboxed.end(), [id](const std::string &entry) {
               return entry == "*" || entry == id;
           }) != search.sandboxed.end();
}

PluginSearch plugin_search_from_settings(const Settings &settings)
{
    PluginSearch search;
    const fs::path builtin = builtin_plugin_directory();
    if (!builtin.empty()) {
        search.directories.push_back(builtin);
        search.trusted.push_back(builtin);
    }
    search.directories.insert(search.directories.end(), settings.plugin_directories.begin(),
                              settings.plugin_directories.end());
    search.trusted.insert(search.trusted.end(), settings.trusted_plugins.begin(), settings.trusted_plugins.end());
    search.sandboxed = settings.sandboxed_plugins;
    search.sandbox = settings.sandbox;
    return search;
}

const char *to_string(PluginKind kind)
{
    switch (kind) {
    case PluginKind::transport:
        return "transport";
    case PluginKind::auth:
        return "auth";
    case PluginKind::encryption:
        return "encryption";
    case PluginKind::codec:
        return "codec";
    }
    return "unknown";
}

} // namespace cordon
