// Finding, trusting, loading and validating plugins, and the registry of
// those that passed. Every refusal is recorded with a reason and logged as one
// line naming the file; the host carries on with the rest.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/auth.hpp"
#include "cordon/host/body_encryption.hpp"
#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/media_encryption.hpp"
#include "cordon/host/sandbox.hpp"
#include "cordon/host/transport.hpp"

namespace cordon {

struct Settings;

enum class PluginKind : uint32_t { transport = 1, auth = 2, encryption = 3, codec = 4 };

const char *to_string(PluginKind kind);

// Where to look, what to trust and where each plugin runs. Trust is decided
// by location, before loading, never by anything the library says about
// itself: trusted plugins run in process unless their id is listed in
// sandboxed; every other codec plugin runs in the sandbox; any other
// untrusted plugin is refused.
struct PluginSearch {
    std::vector<std::filesystem::path> directories; // searched in this order
    std::vector<std::filesystem::path> trusted;     // files, or directories whose files are trusted
    std::vector<std::string> sandboxed;             // plugin ids; "*": every codec plugin
    SandboxLimits sandbox;
};

// Whether search.sandboxed sends the plugin with this id to the sandbox.
bool sandboxed_by_choice(const PluginSearch &search, std::string_view id);

// The directory of the plugins built with Cordon, <prefix>/lib/cordon/plugins,
// where <prefix> is found from the file that holds the host's code: the
// executable in <prefix>/bin (bin/cordon, or a program linking the host
// statically) or libcordon-host.so in <prefix>/lib (an application anywhere
// linking the installed library). The build tree has the same shape. Empty
// when the system cannot say where that file is.
std::filesystem::path builtin_plugin_directory();

// <prefix>/bin/cordon-sandbox, with <prefix> found the same way.
std::filesystem::path builtin_sandbox_executable();

// The built-in directory then the configured ones; trusted: the built-in
// directory and the configured trusted paths; the sandbox settings.
PluginSearch plugin_search_from_settings(const Settings &settings);

// What happened to one plugin file.
struct PluginRecord {
    std::filesystem::path path;
    bool loaded = false;
    bool trusted = false;
    std::optional<Isolation> isolation; // where it runs, once loaded
    std::string reason;                 // why it was refused; empty when loaded
    // Why a file in a trusted location was not trusted (an owner or write
    // bit of it or of a directory above it, a link); empty otherwise.
    std::string distrust_reason;
    // Descriptor fields, filled as far as they were read and found valid.
    std::string id;
    std::string name;
    std::string vendor;
    std::string version;
    std::optional<PluginKind> kind;
    std::optional<uint32_t> abi_major;
    std::optional<uint32_t> abi_minor;
};

class LoadedPlugin;
class TrustedPluginFile;

class PluginRegistry {
public:
    // Finds every plugin file (*.so) in search.directories, in order, files
    // sorted by name; loads each in process or in the sandbox and validates it.
    static std::unique_ptr<PluginRegistry> load(const PluginSearch &search, Logger &logger);
    // Loads this one file exactly as load would if it lay in one of
    // search.directories (trusted by search.trusted, else sandboxed or
    // refused), without looking at the files beside it.
    static std::unique_ptr<PluginRegistry> load_file(const std::filesystem::path &file, const PluginSearch &search,
                                                     Logger &logger);

    ~PluginRegistry();
    PluginRegistry(const PluginRegistry &) = delete;
    PluginRegistry &operator=(const PluginRegistry &) = delete;

    const std::vector<PluginRecord> &records() const { return records_; }
    std::vector<const CodecPlugin *> codecs() const;
    const CodecPlugin *find_codec(std::string_view id) const;
    std::vector<const TransportPlugin *> transports() const;
    // The transport for a Via token ("UDP", "TCP", "TLS"; any case), or nullptr.
    const TransportPlugin *find_transport(std::string_view protocol) const;
    // Every auth plugin, highest preference first.
    std::vector<const AuthPlugin *> auth_plugins() const;
    // Every media encryption plugin, in load order (always in process: they
    // hold keys, so an untrusted one is refused), and one by id or nullptr.
    std::vector<const MediaEncryptionPlugin *> media_encryption_plugins() const;
    const MediaEncryptionPlugin *find_media_encryption(std::string_view id) const;
    // Every body encryption plugin (S/MIME), in load order, in process like
    // the media ones; one plugin may serve both.
    std::vector<const BodyEncryptionPlugin *> body_encryption_plugins() const;
    const BodyEncryptionPlugin *find_body_encryption(std::string_view id) const;

private:
    PluginRegistry() = default;
    void admit_file(const std::filesystem::path &file, const PluginSearch &search, Logger &logger);
    std::optional<std::string> admit_trusted(const std::filesystem::path &located_file, const PluginSearch &search,
                                             PluginRecord &record, Logger &logger);
    std::optional<std::string> admit_in_process(TrustedPluginFile file, const PluginSearch &search,
                                                PluginRecord &record, Logger &logger);
    std::optional<std::string> admit_untrusted(const std::filesystem::path &file, const PluginSearch &search,
                                               PluginRecord &record, Logger &logger);
    std::optional<std::string> admit_sandboxed(const std::filesystem::path &file, const PluginSearch &search,
                                               PluginRecord &record, Logger &logger);
    std::optional<std::string> adopt_interface(PluginKind kind, const std::shared_ptr<LoadedPlugin> &plugin,
                                               Logger &logger);
    std::optional<std::string> adopt_encryption(const std::shared_ptr<LoadedPlugin> &plugin);
    std::optional<std::string> refuse_duplicate(const PluginRecord &record) const;

    std::vector<PluginRecord> records_;
    std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
    std::vector<std::unique_ptr<CodecPlugin>> codecs_;
    std::vector<std::unique_ptr<TransportPlugin>> transports_;
    std::vector<std::unique_ptr<AuthPlugin>> auths_;
    std::vector<std::unique_ptr<MediaEncryptionPlugin>> encryptions_;
    std::vector<std::unique_ptr<BodyEncryptionPlugin>> body_encryptions_;
};

} // namespace cordon
