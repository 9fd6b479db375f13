#include <filesystem>
#include <system_error>

#include "cordon/host/plugins.hpp"
#include "cordon/host/settings.hpp"

namespace cordon {

namespace fs = std::filesystem;

fs::path builtin_plugin_directory()
{
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (error) {
        return {};
    }
    return (executable.parent_path() / ".." / CORDON_PLUGIN_SUBDIR).lexically_normal();
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
    return search;
}

const char *to_string(PluginKind kind)
{
    switch (kind) {
    case PluginKind::transport: return "transport";
    case PluginKind::auth: return "auth";
    case PluginKind::encryption: return "encryption";
    case PluginKind::codec: return "codec";
    }
    return "unknown";
}

}  // namespace cordon
