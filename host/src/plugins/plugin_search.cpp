#include <algorithm>
#include <filesystem>
#include <system_error>

#include "cordon/host/plugins.hpp"
#include "cordon/host/settings.hpp"

namespace cordon {

namespace fs = std::filesystem;

namespace {

// The directory of the running binary; empty when the kernel will not say.
fs::path running_binary_directory()
{
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : executable.parent_path();
}

}  // namespace

fs::path builtin_plugin_directory()
{
    const fs::path directory = running_binary_directory();
    return directory.empty() ? directory : (directory / ".." / CORDON_PLUGIN_SUBDIR).lexically_normal();
}

fs::path builtin_sandbox_executable()
{
    const fs::path directory = running_binary_directory();
    return directory.empty() ? directory : directory / "cordon-sandbox";
}

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
    case PluginKind::transport: return "transport";
    case PluginKind::auth: return "auth";
    case PluginKind::encryption: return "encryption";
    case PluginKind::codec: return "codec";
    }
    return "unknown";
}

}  // namespace cordon
