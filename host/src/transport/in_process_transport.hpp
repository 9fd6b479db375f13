// A trusted transport plugin running inside the host process, behind the
// TransportPlugin/Transport interface the SIP layer uses. Even trusted, what
// it reports is checked (transport_session.hpp).
#pragma once

#include <memory>
#include <string>

#include "cordon/host/log.hpp"
#include "cordon/host/transport.hpp"
#include "cordon/transport.h"
#include "plugin_loading/loaded_plugin.hpp"
#include "transport/transport_interface_validation.hpp"

namespace cordon {

class InProcessTransportPlugin final : public TransportPlugin {
public:
    // Validates the plugin's transport interface; refuses it with the reason.
    // logger hears of the plugin's breaches of the contract.
    static Result<std::unique_ptr<InProcessTransportPlugin>> create(std::shared_ptr<LoadedPlugin> plugin,
                                                                    Logger &logger);

    const std::string &id() const override { return plugin_->fields().id; }
    const std::string &protocol() const override { return traits_.protocol; }
    bool stream() const override { return traits_.stream; }
    bool secure() const override { return traits_.secure; }

    Result<std::unique_ptr<Transport>> create(boost::asio::io_context &loop, const TransportParams &params,
                                              TransportEvents &events) const override;

private:
    InProcessTransportPlugin(std::shared_ptr<LoadedPlugin> plugin, const cordon_transport_interface *transport,
                             TransportTraits traits, Logger &logger);

    std::shared_ptr<LoadedPlugin> plugin_;
    const cordon_transport_interface *transport_;
    TransportTraits traits_;
    Logger &logger_;
};

} // namespace cordon
