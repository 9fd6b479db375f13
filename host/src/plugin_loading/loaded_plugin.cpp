#include "plugin_loading/loaded_plugin.hpp"

#include <dlfcn.h>

#include <string>

#include "plugin_loading/plugin_trust.hpp"

namespace cordon {

namespace {

Error refusal(std::string reason) { return {ErrorCode::contract_violation, std::move(reason)}; }

// The loader names the file by the descriptor it was given; a person
// needs the path that was checked.
std::string last_dlerror(const std::string &loader_path, const std::string &checked_path)
{
    const char *text = dlerror();
    if (text == nullptr) {
        return "unknown dynamic loader error";
    }
    std::string message = text;
    if (const auto at = message.find(loader_path); at != std::string::npos) {
        message.replace(at, loader_path.size(), checked_path);
    }
    return sanitize_plugin_text(message.c_str());
}

} // namespace

Result<std::shared_ptr<LoadedPlugin>> LoadedPlugin::open(const std::filesystem::path &path, DescriptorFields &fields)
{
    std::error_code error;
    const std::filesystem::path located = plugin_location(path, error);
    if (error) {
        return Error{ErrorCode::io, "cannot resolve " + path.string() + ": " + error.message()};
    }
    auto file = TrustedPluginFile::open(located);
    if (!file) {
        return file.error();
    }
    return open(std::move(file.value()), fields);
}

Result<std::shared_ptr<LoadedPlugin>> LoadedPlugin::open(TrustedPluginFile file, DescriptorFields &fields)
{
    const std::string loader_path = file.loader_path().string();
    const std::string checked_path = file.path().string();
    std::shared_ptr<LoadedPlugin> plugin(new LoadedPlugin(std::move(file)));
    boost::dll::fs::error_code error;
    dlerror(); // clear a stale message so the one we report is this load's
    plugin->library_.load(loader_path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, error);
    if (error || !plugin->library_.is_loaded()) {
        return Error{ErrorCode::malformed_input,
                     "not a loadable shared library: " + last_dlerror(loader_path, checked_path)};
    }
    if (!plugin->library_.has(CORDON_PLUGIN_ENTRY_SYMBOL)) {
        return refusal(std::string("no entry symbol \"") + CORDON_PLUGIN_ENTRY_SYMBOL +
                       "\" (not a Cordon plugin, or built without exporting it)");
    }
    const auto entry = plugin->library_.get<const cordon_plugin_descriptor *()>(CORDON_PLUGIN_ENTRY_SYMBOL);
    plugin->descriptor_ = entry();
    if (auto reason = validate_descriptor(plugin->descriptor_, fields)) {
        return refusal(std::move(*reason));
    }
    plugin->fields_ = fields;
    return plugin;
}

Result<void> LoadedPlugin::initialise(Logger &logger)
{
    services_ = std::make_unique<PluginHostServices>(logger, fields_.id);
    if (descriptor_->init != nullptr) {
        const int status = static_cast<int>(descriptor_->init(services_->table()));
        if (status != CORDON_STATUS_OK) {
            const std::string text = status > CORDON_STATUS_OK && status <= CORDON_STATUS_INTERNAL_ERROR
                                         ? cordon_status_message(static_cast<cordon_status>(status))
                                         : "unknown status " + std::to_string(status);
            return refusal("init failed: " + text);
        }
    }
    initialised_ = true;
    return {};
}

const void *LoadedPlugin::get_interface(const char *interface_id) const
{
    return initialised_ ? descriptor_->get_interface(interface_id) : nullptr;
}

LoadedPlugin::~LoadedPlugin()
{
    if (initialised_ && descriptor_->deinit != nullptr) {
        descriptor_->deinit();
    }
    library_.unload();
    file_.keep_open_if_still_loaded();
}

} // namespace cordon
