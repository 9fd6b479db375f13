#include "sandbox/lockdown/loading_paths.hpp"

#include <filesystem>

namespace cordon::sandbox {
namespace {

bool names_a_shared_library(const std::string &name)
{
    return name.ends_with(".so") || name.find(".so.") != std::string::npos;
}

} // namespace

std::vector<std::string> readable_while_loading(const std::string &plugin_path)
{
    std::vector<std::string> readable{plugin_path, "/usr/lib",       "/usr/lib64",      "/lib",
                                      "/lib64",    "/usr/local/lib", "/etc/ld.so.cache"};
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::path(plugin_path).parent_path();
    for (const auto &entry : std::filesystem::directory_iterator(directory, error)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file(error) && names_a_shared_library(name) && entry.path() != plugin_path) {
            readable.push_back(entry.path().string());
        }
    }
    return readable;
}

} // namespace cordon::sandbox
