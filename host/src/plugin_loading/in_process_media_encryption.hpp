// A trusted media encryption plugin running inside the host process, behind
// MediaEncryptionPlugin. Encryption plugins are never sandboxed (they hold a
// call's keys); even trusted, every reply is checked before it is used
// (media_encryption_reply_validation.hpp), and values or packets past the
// ABI's limits are refused before the plugin sees them.
#pragma once

#include <memory>
#include <string>

#include "cordon/host/media_encryption.hpp"
#include "cordon/media_encryption.h"
#include "plugin_loading/loaded_plugin.hpp"

namespace cordon {

class InProcessMediaEncryptionPlugin final : public MediaEncryptionPlugin {
public:
    // Validates the plugin's interface; refuses it with the reason.
    static Result<std::unique_ptr<InProcessMediaEncryptionPlugin>> create(std::shared_ptr<LoadedPlugin> plugin);

    const std::string &id() const override { return id_; }
    const std::string &sdp_profile() const override { return sdp_profile_; }
    size_t max_overhead() const override { return max_overhead_; }
    Result<std::unique_ptr<MediaKeyExchange>> start(SignallingSecurity security) const override;

private:
    InProcessMediaEncryptionPlugin(std::shared_ptr<LoadedPlugin> plugin,
                                   const cordon_media_encryption_interface *encryption, std::string sdp_profile,
                                   std::string sdp_attribute, uint32_t max_overhead);

    std::shared_ptr<LoadedPlugin> plugin_;
    const cordon_media_encryption_interface *encryption_;
    std::string id_;
    std::string sdp_profile_;
    std::string sdp_attribute_;
    uint32_t max_overhead_;
};

} // namespace cordon
