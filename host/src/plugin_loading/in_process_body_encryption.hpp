// A trusted body encryption plugin running inside the host process, behind
// BodyEncryptionPlugin. Encryption plugins are never sandboxed (they hold
// private keys); even trusted, every reply is checked before it is used
// (body_encryption_reply_validation.hpp), and inputs past the ABI's limits
// are refused before the plugin sees them.
#pragma once

#include <memory>
#include <string>

#include "cordon/body_encryption.h"
#include "cordon/host/body_encryption.hpp"
#include "plugin_loading/loaded_plugin.hpp"

namespace cordon {

class InProcessBodyEncryptionPlugin final : public BodyEncryptionPlugin {
public:
    // Validates the plugin's interface; refuses it with the reason.
    static Result<std::unique_ptr<InProcessBodyEncryptionPlugin>> create(std::shared_ptr<LoadedPlugin> plugin);

    const std::string &id() const override { return id_; }
    Result<EncryptedBody> encrypt(std::string_view content_type, std::string_view body,
                                  std::string_view recipient_certificate_pem) const override;
    Result<std::shared_ptr<const BodyIdentity>> create_identity(std::string_view certificate_pem,
                                                                std::string_view private_key_pem) const override;

private:
    InProcessBodyEncryptionPlugin(std::shared_ptr<LoadedPlugin> plugin,
                                  const cordon_body_encryption_interface *encryption);

    std::shared_ptr<LoadedPlugin> plugin_;
    const cordon_body_encryption_interface *encryption_;
    std::string id_;
};

} // namespace cordon
