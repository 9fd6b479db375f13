#include "sandbox/child/plugin_startup.hpp"

#include "cordon/plugin.h"
#include "sandbox/child/child_host_services.hpp"

namespace cordon::sandbox {

std::optional<StartupFailure> start_plugin(const Lockdown &lockdown, const std::string &path, StartedPlugin &started)
{
    auto library = load_plugin_library(lockdown, path);
    if (!library) {
        return StartupFailure{exit_plugin_not_loaded, "cannot load " + path + ": " + library.error().message};
    }
    const auto entry = reinterpret_cast<cordon_plugin_entry_fn>(library->symbol(CORDON_PLUGIN_ENTRY_SYMBOL));
    if (entry == nullptr) {
        return StartupFailure{exit_plugin_not_loaded, path + " exports no " CORDON_PLUGIN_ENTRY_SYMBOL};
    }
    const cordon_plugin_descriptor *descriptor = entry();
    if (auto refusal = validate_descriptor(descriptor, started.descriptor)) {
        return StartupFailure{exit_descriptor_refused, path + ": " + *refusal};
    }
    if (started.descriptor.kind != PluginKind::codec) {
        return StartupFailure{exit_descriptor_refused, path + " is not a codec plugin; the sandbox serves codecs only"};
    }
    if (descriptor->init != nullptr) {
        const cordon_status status = descriptor->init(&child_host_services());
        if (status != CORDON_STATUS_OK) {
            return StartupFailure{exit_plugin_init_failed, path + ": init failed: " + cordon_status_message(status)};
        }
    }
    started.codec = static_cast<const cordon_codec_interface *>(descriptor->get_interface(CORDON_CODEC_INTERFACE_ID));
    if (started.codec == nullptr) {
        return StartupFailure{exit_no_codec_interface, path + " has no " CORDON_CODEC_INTERFACE_ID " interface"};
    }
    return std::nullopt;
}

} // namespace cordon::sandbox
