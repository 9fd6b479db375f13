#include "plugin_startup.hpp"

#include <filesystem>

#include "cordon/plugin.h"
#include "host_services.hpp"

namespace cordon::sandbox {

namespace {

bool names_a_shared_library(const std::string &name)
{
    return name.ends_with(".so") || name.find(".so.") != std::string::npos;
}

} // namespace

std::vector<std::string> readable_while_loading(const std::string &plugin_path)
{
    std::vector<std::string> readable{plugin_path,  "/usr/lib",       "/usr/lib64",      "/lib",
                                      "/lib64",     "/usr/local/lib", "/etc/ld.so.cache"};
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

std::optional<StartupFailure> start_plugin(const Lockdown &lockdown, const std::string &path,
                                           StartedPlugin &started)
{
    auto library = load_plugin_library(lockdown, path);
    if (!library) {
        return StartupFailure{kExitPluginNotLoaded, "cannot load " + path + ": " + library.error().message};
    }
    const auto entry = reinterpret_cast<cordon_plugin_entry_fn>(library->symbol(CORDON_PLUGIN_ENTRY_SYMBOL));
    if (entry == nullptr) {
        return StartupFailure{kExitPluginNotLoaded, path + " exports no " CORDON_PLUGIN_ENTRY_SYMBOL};
    }
    const cordon_plugin_descriptor *descriptor = entry();
    if (auto refusal = validate_descriptor(descriptor, started.descriptor)) {
        return StartupFailure{kExitDescriptorRefused, path + ": " + *refusal};
    }
    if (started.descriptor.kind != PluginKind::codec) {
        return StartupFailure{kExitDescriptorRefused, path + " is not a codec plugin; the sandbox serves codecs only"};
    }
    if (descriptor->init != nullptr) {
        const cordon_status status = descriptor->init(&child_host_services());
        if (status != CORDON_STATUS_OK) {
            return StartupFailure{kExitPluginInitFailed, path + ": init failed: " + cordon_status_message(status)};
        }
    }
    started.codec = static_cast<const cordon_codec_interface *>(descriptor->get_interface(CORDON_CODEC_INTERFACE_ID));
    if (started.codec == nullptr) {
        return StartupFailure{kExitNoCodecInterface, path + " has no " CORDON_CODEC_INTERFACE_ID " interface"};
    }
    return std::nullopt;
}

}  // namespace cordon::sandbox
