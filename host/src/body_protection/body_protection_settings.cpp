#include "body_protection/body_protection_settings.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "body_protection/peer_address.hpp"
#include "cordon/body_encryption.h"

namespace cordon {

namespace {

namespace fs = std::filesystem;

constexpr char certificate_setting[] = "encryption.certificate_file";
constexpr char key_setting[] = "encryption.private_key_file";
constexpr char peers_setting[] = "encryption.peer_certificates";

Error config_error(const std::string &setting, const fs::path &file, const std::string &problem)
{
    return {ErrorCode::config, setting + ": " + file.string() + ": " + problem};
}

// The whole file, when it is at most limit bytes.
Result<std::string> read_bounded(const std::string &setting, const fs::path &file, size_t limit)
{
    std::error_code error;
    const auto size = fs::file_size(file, error);
    if (error) {
        return config_error(setting, file, "cannot be read: " + error.message());
    }
    if (size == 0 || size > limit) {
        return config_error(setting, file,
                            "is " + std::to_string(size) + " bytes; a PEM file of 1.." + std::to_string(limit) +
                                " bytes is read");
    }
    std::ifstream in(file, std::ios::binary);
    std::string text(static_cast<size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
        return config_error(setting, file, "cannot be read: " + std::string(std::strerror(errno)));
    }
    return text;
}

Result<std::shared_ptr<const BodyIdentity>> load_identity(const BodyEncryptionSettings &settings,
                                                          const BodyEncryptionPlugin *plugin)
{
    const bool has_certificate = !settings.certificate_file.empty();
    const bool has_key = !settings.private_key_file.empty();
    if (has_certificate != has_key) {
        return Error{ErrorCode::config, std::string(has_certificate ? certificate_setting : key_setting) +
                                            " is set but " + (has_certificate ? key_setting : certificate_setting) +
                                            " is not: both or neither"};
    }
    if (!has_certificate) {
        return std::shared_ptr<const BodyIdentity>();
    }
    auto certificate = read_bounded(certificate_setting, settings.certificate_file, CORDON_BODY_MAX_CERTIFICATE_BYTES);
    if (!certificate) {
        return certificate.error();
    }
    auto key = read_bounded(key_setting, settings.private_key_file, CORDON_BODY_MAX_KEY_BYTES);
    if (!key) {
        return key.error();
    }
    if (plugin == nullptr) {
        explicit_bzero(key->data(), key->size());
        return Error{ErrorCode::config, std::string(certificate_setting) + " and " + key_setting +
                                            " are set, but no body encryption plugin is loaded to use them"};
    }
    auto identity = plugin->create_identity(*certificate, *key);
    explicit_bzero(key->data(), key->size());
    if (!identity) {
        return config_error(certificate_setting, settings.certificate_file,
                            "with " + settings.private_key_file.string() + ": " + identity.error().message);
    }
    return identity;
}

Result<std::map<std::string, std::string>> load_peers(const BodyEncryptionSettings &settings,
                                                      const BodyEncryptionPlugin *plugin)
{
    std::map<std::string, std::string> peers;
    std::map<std::string, std::string> written_as; // address -> the URI as in the file
    for (const auto &[uri, file] : settings.peer_certificates) {
        const auto address = peer_address(uri);
        if (!address) {
            return Error{ErrorCode::config, std::string(peers_setting) + ": \"" + uri +
                                                "\" is not a sip: or sips: URI with a user and a host"};
        }
        if (const auto earlier = written_as.find(*address); earlier != written_as.end()) {
            return Error{ErrorCode::config, std::string(peers_setting) + ": \"" + earlier->second + "\" and \"" + uri +
                                                "\" name the same peer (" + *address + ")"};
        }
        auto certificate = read_bounded(peers_setting, file, CORDON_BODY_MAX_CERTIFICATE_BYTES);
        if (!certificate) {
            return certificate.error();
        }
        if (plugin != nullptr) {
            if (auto trial = plugin->encrypt("text/plain", "", *certificate); !trial) {
                return config_error(peers_setting, file, "(for " + uri + ") " + trial.error().message);
            }
        }
        written_as.emplace(*address, uri);
        peers.emplace(*address, std::move(*certificate));
    }
    return peers;
}

} // namespace

Result<BodyProtection> load_body_protection(const BodyEncryptionSettings &settings, const PluginRegistry &registry)
{
    const auto plugins = registry.body_encryption_plugins();
    const BodyEncryptionPlugin *plugin = plugins.empty() ? nullptr : plugins.front();
    auto identity = load_identity(settings, plugin);
    if (!identity) {
        return identity.error();
    }
    auto peers = load_peers(settings, plugin);
    if (!peers) {
        return peers.error();
    }
    return BodyProtection({settings.mode, plugin, std::move(*identity), std::move(*peers)});
}

} // namespace cordon
