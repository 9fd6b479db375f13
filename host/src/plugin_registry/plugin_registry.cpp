#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "cordon/host/plugins.hpp"
#include "core/ascii_text.hpp"
#include "plugin_loading/in_process_auth.hpp"
#include "plugin_loading/in_process_body_encryption.hpp"
#include "plugin_loading/in_process_codec.hpp"
#include "plugin_loading/in_process_media_encryption.hpp"
#include "plugin_loading/loaded_plugin.hpp"
#include "plugin_loading/plugin_trust.hpp"
#include "plugin_loading/trusted_plugin_file.hpp"
#include "sandbox/supervisor/sandboxed_codec.hpp"
#include "transport/in_process_transport.hpp"

namespace cordon {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view plugin_extension = ".so";
constexpr std::string_view host_source = "host";

// Plugin files of one directory, sorted so that load order (and so which of
// two duplicates wins) does not depend on the file system.
std::vector<fs::path> plugin_files(const fs::path &directory, Logger &logger)
{
    std::vector<fs::path> files;
    std::error_code error;
    fs::directory_iterator it(directory, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        if (it->path().extension() == plugin_extension) {
            files.push_back(it->path());
        }
    }
    if (error) {
        logger.write(LogLevel::warning, host_source,
                     "cannot read plugin directory " + directory.string() + ": " + error.message());
    }
    std::sort(files.begin(), files.end());
    return files;
}

void copy_fields(const DescriptorFields &fields, PluginRecord &record)
{
    record.abi_major = fields.abi_major;
    record.abi_minor = fields.abi_minor;
    record.kind = fields.kind;
    record.id = fields.id;
    record.name = fields.name;
    record.vendor = fields.vendor;
    record.version = fields.version;
}

} // namespace

std::optional<std::string> PluginRegistry::refuse_duplicate(const PluginRecord &record) const
{
    for (const PluginRecord &earlier : records_) {
        if (earlier.loaded && earlier.id == record.id) {
            return "duplicate id \"" + record.id + "\": already loaded from " + earlier.path.string();
        }
    }
    return std::nullopt;
}

// Everything that happens to one trusted file, in order: load the file
// that was checked and validate its descriptor, refuse a duplicate id, send
// a codec the settings want sandboxed to the sandbox, init, fetch and
// validate the kind's interface. Returns the reason for refusal, or nothing
// when admitted.
std::optional<std::string> PluginRegistry::admit_in_process(TrustedPluginFile file, const PluginSearch &search,
                                                            PluginRecord &record, Logger &logger)
{
    const fs::path path = file.path();
    DescriptorFields fields;
    auto plugin = LoadedPlugin::open(std::move(file), fields);
    copy_fields(fields, record);
    if (!plugin) {
        return plugin.error().message;
    }
    if (auto duplicate = refuse_duplicate(record)) {
        return duplicate;
    }
    if (*fields.kind == PluginKind::codec && sandboxed_by_choice(search, fields.id)) {
        plugin.value().reset(); // unloaded before the sandbox loads it
        return admit_sandboxed(path, search, record, logger);
    }
    if (fields.abi_minor > CORDON_ABI_MINOR) {
        logger.write(LogLevel::info, host_source,
                     path.string() + " was built for plugin ABI 1." + std::to_string(*fields.abi_minor) +
                         "; this host speaks 1." + std::to_string(CORDON_ABI_MINOR) +
                         " and uses only what that version defines");
    }
    if (!required_interface_id(*fields.kind)) {
        return std::string("this host has no interface for ") + to_string(*fields.kind) + " plugins yet";
    }
    if (auto started = (*plugin)->initialise(logger); !started) {
        return started.error().message;
    }
    if (auto refusal = adopt_interface(*fields.kind, *plugin, logger)) {
        return refusal;
    }
    record.isolation = Isolation::in_process;
    plugins_.push_back(std::move(plugin.value()));
    return std::nullopt;
}

// Wraps an initialised plugin's interface in the host class of its kind.
std::optional<std::string> PluginRegistry::adopt_interface(PluginKind kind, const std::shared_ptr<LoadedPlugin> &plugin,
                                                           Logger &logger)
{
    switch (kind) {
    case PluginKind::codec: {
        auto codec = InProcessCodecPlugin::create(plugin);
        if (!codec) {
            return codec.error().message;
        }
        codecs_.push_back(std::move(codec.value()));
        return std::nullopt;
    }
    case PluginKind::auth: {
        auto auth = InProcessAuthPlugin::create(plugin);
        if (!auth) {
            return auth.error().message;
        }
        auths_.push_back(std::move(auth.value()));
        return std::nullopt;
    }
    case PluginKind::transport: {
        auto transport = InProcessTransportPlugin::create(plugin, logger);
        if (!transport) {
            return transport.error().message;
        }
        transports_.push_back(std::move(transport.value()));
        return std::nullopt;
    }
    case PluginKind::encryption:
        return adopt_encryption(plugin);
    }
    return std::string("this host has no interface for ") + to_string(kind) + " plugins yet";
}

// An encryption plugin serves media, bodies or both. Each interface it
// gives must pass validation (one that fails refuses the whole plugin);
// nothing is adopted until both did, and a plugin giving neither is refused.
std::optional<std::string> PluginRegistry::adopt_encryption(const std::shared_ptr<LoadedPlugin> &plugin)
{
    const bool serves_media = plugin->get_interface(CORDON_MEDIA_ENCRYPTION_INTERFACE_ID) != nullptr;
    const bool serves_body = plugin->get_interface(CORDON_BODY_ENCRYPTION_INTERFACE_ID) != nullptr;
    if (!serves_media && !serves_body) {
        return std::string("an encryption plugin must provide interface \"") + CORDON_MEDIA_ENCRYPTION_INTERFACE_ID +
               "\" or \"" + CORDON_BODY_ENCRYPTION_INTERFACE_ID + "\" (or both)";
    }
    std::unique_ptr<MediaEncryptionPlugin> media;
    std::unique_ptr<BodyEncryptionPlugin> body;
    if (serves_media) {
        auto created = InProcessMediaEncryptionPlugin::create(plugin);
        if (!created) {
            return created.error().message;
        }
        media = std::move(created.value());
    }
    if (serves_body) {
        auto created = InProcessBodyEncryptionPlugin::create(plugin);
        if (!created) {
            return created.error().message;
        }
        body = std::move(created.value());
    }
    if (media) {
        encryptions_.push_back(std::move(media));
    }
    if (body) {
        body_encryptions_.push_back(std::move(body));
    }
    return std::nullopt;
}

// The host never loads this file itself: the sandbox child does, and what
// it reports about the plugin is validated like any reply.
std::optional<std::string> PluginRegistry::admit_sandboxed(const fs::path &file, const PluginSearch &search,
                                                           PluginRecord &record, Logger &logger)
{
    SandboxLimits limits = search.sandbox;
    if (limits.executable.empty()) {
        limits.executable = builtin_sandbox_executable();
    }
    auto codec = sandbox::SandboxedCodecPlugin::start(file, limits, logger);
    if (!codec) {
        if (record.trusted) {
            return codec.error().message;
        }
        const std::string why = record.distrust_reason.empty() ? "" : " (" + record.distrust_reason + ")";
        return "untrusted" + why +
               ", so it may run only in the codec sandbox, which refused it: " + codec.error().message;
    }
    copy_fields((*codec)->fields(), record);
    if (auto duplicate = refuse_duplicate(record)) {
        return duplicate;
    }
    record.isolation = Isolation::sandbox;
    codecs_.push_back(std::move(codec.value()));
    return std::nullopt;
}

// A file in a trusted location loads in process only when it and every
// directory above it pass the owner and mode checks; otherwise it is as
// untrusted as any other file, and the log says why.
std::optional<std::string> PluginRegistry::admit_trusted(const fs::path &located_file, const PluginSearch &search,
                                                         PluginRecord &record, Logger &logger)
{
    auto file = TrustedPluginFile::open(located_file);
    if (!file) {
        record.distrust_reason = file.error().message;
        logger.write(LogLevel::warning, host_source,
                     "not trusting plugin " + record.path.string() +
                         " although its location is trusted: " + record.distrust_reason);
        return admit_untrusted(located_file, search, record, logger);
    }
    record.trusted = true;
    return admit_in_process(std::move(file.value()), search, record, logger);
}

// The host does not open an untrusted file itself: a codec goes to the
// sandbox, anything else is refused there.
std::optional<std::string> PluginRegistry::admit_untrusted(const fs::path &file, const PluginSearch &search,
                                                           PluginRecord &record, Logger &logger)
{
    std::error_code error;
    const fs::path canonical = fs::canonical(file, error);
    if (error) {
        return "cannot resolve the path: " + error.message();
    }
    if (!fs::is_regular_file(canonical, error)) {
        return std::string("not a regular file");
    }
    return admit_sandboxed(canonical, search, record, logger);
}

// Trust by location, then in process or in the sandbox; the record says
// what happened either way.
void PluginRegistry::admit_file(const fs::path &file, const PluginSearch &search, Logger &logger)
{
    PluginRecord record;
    record.path = file;
    std::optional<std::string> refusal;
    std::error_code error;
    const fs::path located = plugin_location(file, error);
    if (error) {
        refusal = "cannot resolve the path: " + error.message();
    } else if (is_trusted_location(located, search.trusted)) {
        refusal = admit_trusted(located, search, record, logger);
    } else {
        refusal = admit_untrusted(located, search, record, logger);
    }
    if (refusal) {
        logger.write(LogLevel::warning, host_source, "refused plugin " + file.string() + ": " + *refusal);
        record.reason = std::move(*refusal);
    } else {
        record.loaded = true;
    }
    records_.push_back(std::move(record));
}

std::unique_ptr<PluginRegistry> PluginRegistry::load(const PluginSearch &search, Logger &logger)
{
    std::unique_ptr<PluginRegistry> registry(new PluginRegistry());
    for (const fs::path &directory : search.directories) {
        for (const fs::path &file : plugin_files(directory, logger)) {
            registry->admit_file(file, search, logger);
        }
    }
    return registry;
}

std::unique_ptr<PluginRegistry> PluginRegistry::load_file(const fs::path &file, const PluginSearch &search,
                                                          Logger &logger)
{
    std::unique_ptr<PluginRegistry> registry(new PluginRegistry());
    registry->admit_file(file, search, logger);
    return registry;
}

PluginRegistry::~PluginRegistry()
{
    // Wrappers go first; each LoadedPlugin deinitialises and unloads
    // once the last codec instance sharing it is gone.
    codecs_.clear();
    transports_.clear();
    auths_.clear();
    encryptions_.clear();
    body_encryptions_.clear();
    plugins_.clear();
}

std::vector<const CodecPlugin *> PluginRegistry::codecs() const
{
    std::vector<const CodecPlugin *> result;
    for (const auto &codec : codecs_) {
        result.push_back(codec.get());
    }
    return result;
}

const CodecPlugin *PluginRegistry::find_codec(std::string_view id) const
{
    for (const auto &codec : codecs_) {
        if (codec->id() == id) {
            return codec.get();
        }
    }
    return nullptr;
}

std::vector<const TransportPlugin *> PluginRegistry::transports() const
{
    std::vector<const TransportPlugin *> result;
    for (const auto &transport : transports_) {
        result.push_back(transport.get());
    }
    return result;
}

const TransportPlugin *PluginRegistry::find_transport(std::string_view protocol) const
{
    for (const auto &transport : transports_) {
        const std::string &token = transport->protocol();
        if (equal_ignoring_ascii_case(token, protocol)) {
            return transport.get();
        }
    }
    return nullptr;
}

std::vector<const AuthPlugin *> PluginRegistry::auth_plugins() const
{
    std::vector<const AuthPlugin *> result;
    for (const auto &auth : auths_) {
        result.push_back(auth.get());
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const AuthPlugin *a, const AuthPlugin *b) { return a->preference() > b->preference(); });
    return result;
}

std::vector<const MediaEncryptionPlugin *> PluginRegistry::media_encryption_plugins() const
{
    std::vector<const MediaEncryptionPlugin *> result;
    for (const auto &encryption : encryptions_) {
        result.push_back(encryption.get());
    }
    return result;
}

const MediaEncryptionPlugin *PluginRegistry::find_media_encryption(std::string_view id) const
{
    for (const auto &encryption : encryptions_) {
        if (encryption->id() == id) {
            return encryption.get();
        }
    }
    return nullptr;
}

std::vector<const BodyEncryptionPlugin *> PluginRegistry::body_encryption_plugins() const
{
    std::vector<const BodyEncryptionPlugin *> result;
    for (const auto &encryption : body_encryptions_) {
        result.push_back(encryption.get());
    }
    return result;
}

const BodyEncryptionPlugin *PluginRegistry::find_body_encryption(std::string_view id) const
{
    for (const auto &encryption : body_encryptions_) {
        if (encryption->id() == id) {
            return encryption.get();
        }
    }
    return nullptr;
}

} // namespace cordon
