// One plugin library loaded into the host process: its descriptor checked,
// its init called, its deinit called and the library unloaded when the last
// user (the registry or a codec instance) lets go.
#pragma once

#include <filesystem>
#include <memory>

#include <boost/dll/shared_library.hpp>

#include "cordon/host/log.hpp"
#include "cordon/host/result.hpp"
#include "plugin_abi/descriptor_validation.hpp"
#include "plugin_loading/plugin_host_services.hpp"
#include "plugin_loading/trusted_plugin_file.hpp"

namespace cordon {

class LoadedPlugin {
public:
    // Loads the checked file (the very one that was opened, never its path
    // again) and validates its descriptor; does not call init. On refusal,
    // fields holds what could be read.
    static Result<std::shared_ptr<LoadedPlugin>> open(TrustedPluginFile file, DescriptorFields &fields);
    // The same for a path: opened and checked as TrustedPluginFile::open
    // does, and refused with its reason when it fails.
    static Result<std::shared_ptr<LoadedPlugin>> open(const std::filesystem::path &path, DescriptorFields &fields);

    ~LoadedPlugin();
    LoadedPlugin(const LoadedPlugin &) = delete;
    LoadedPlugin &operator=(const LoadedPlugin &) = delete;

    // Calls the plugin's init with its own host services table.
    Result<void> initialise(Logger &logger);

    // The plugin's interface with this id, or nullptr. Only after initialise.
    const void *get_interface(const char *interface_id) const;

    const DescriptorFields &fields() const { return fields_; }
    // The plugin's own host services table; nullptr before initialise.
    const cordon_host_services *host_services() const { return services_ ? services_->table() : nullptr; }

private:
    explicit LoadedPlugin(TrustedPluginFile file) : file_(std::move(file)) {}

    // Declared first so it is closed last: while the library is loaded no
    // other file may take its descriptor's number (see TrustedPluginFile).
    TrustedPluginFile file_;
    // Declared before the pointers into it so it outlives them.
    boost::dll::shared_library library_;
    const cordon_plugin_descriptor *descriptor_ = nullptr;
    DescriptorFields fields_;
    std::unique_ptr<PluginHostServices> services_;
    bool initialised_ = false;
};

} // namespace cordon
