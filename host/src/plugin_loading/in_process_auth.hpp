// A trusted auth plugin running inside the host process, behind AuthPlugin
// and AuthSession. Even trusted, every reply is checked before it is used
// (auth_reply_validation.hpp), and challenges past the ABI's limits are
// refused before the plugin sees them.
#pragma once

#include <memory>
#include <string>

#include "cordon/auth.h"
#include "cordon/host/auth.hpp"
#include "plugin_loading/loaded_plugin.hpp"

namespace cordon {

class InProcessAuthPlugin final : public AuthPlugin {
public:
    // Validates the plugin's auth interface; refuses it with the reason.
    static Result<std::unique_ptr<InProcessAuthPlugin>> create(std::shared_ptr<LoadedPlugin> plugin);

    const std::string &id() const override { return id_; }
    const std::string &scheme() const override { return scheme_; }
    uint32_t preference() const override { return preference_; }
    Result<std::unique_ptr<AuthSession>> create(const AuthParams &params) const override;

private:
    InProcessAuthPlugin(std::shared_ptr<LoadedPlugin> plugin, const cordon_auth_interface *auth, std::string scheme,
                        uint32_t preference);

    std::shared_ptr<LoadedPlugin> plugin_;
    const cordon_auth_interface *auth_;
    std::string id_;
    std::string scheme_;
    uint32_t preference_;
};

} // namespace cordon
