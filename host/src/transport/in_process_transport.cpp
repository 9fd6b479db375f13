#include "transport/in_process_transport.hpp"

#include "transport/transport_session.hpp"

namespace cordon {

namespace {

// What the SIP layer holds: destroying it finishes the session, which
// outlives it only while a plugin call is still on the stack.
class InProcessTransport final : public Transport {
public:
    explicit InProcessTransport(std::shared_ptr<TransportSession> session) : session_(std::move(session)) {}
    ~InProcessTransport() override { session_->finish(); }
    InProcessTransport(const InProcessTransport &) = delete;
    InProcessTransport &operator=(const InProcessTransport &) = delete;

    Result<OpenedFlow> open_flow(const FlowRequest &request) override { return session_->open_flow(request); }
    Result<FlowId> listen(const Endpoint &local) override { return session_->listen(local); }
    Result<void> send(FlowId flow, std::span<const uint8_t> bytes, const Endpoint *to) override
    {
        return session_->send(flow, bytes, to);
    }
    void close_flow(FlowId flow) override { session_->close_flow(flow); }
    Result<FlowInfo> info(FlowId flow) const override { return session_->info(flow); }

private:
    std::shared_ptr<TransportSession> session_;
};

} // namespace

Result<std::unique_ptr<InProcessTransportPlugin>> InProcessTransportPlugin::create(std::shared_ptr<LoadedPlugin> plugin,
                                                                                   Logger &logger)
{
    const auto *transport =
        static_cast<const cordon_transport_interface *>(plugin->get_interface(CORDON_TRANSPORT_INTERFACE_ID));
    if (transport == nullptr) {
        return Error{ErrorCode::contract_violation, std::string("a transport plugin must provide interface \"") +
                                                        CORDON_TRANSPORT_INTERFACE_ID + "\""};
    }
    auto traits = validate_transport_interface(transport);
    if (!traits) {
        return traits.error();
    }
    return std::unique_ptr<InProcessTransportPlugin>(
        new InProcessTransportPlugin(std::move(plugin), transport, std::move(traits.value()), logger));
}

InProcessTransportPlugin::InProcessTransportPlugin(std::shared_ptr<LoadedPlugin> plugin,
                                                   const cordon_transport_interface *transport, TransportTraits traits,
                                                   Logger &logger)
    : plugin_(std::move(plugin)), transport_(transport), traits_(std::move(traits)), logger_(logger)
{
}

Result<std::unique_ptr<Transport>> InProcessTransportPlugin::create(boost::asio::io_context &loop,
                                                                    const TransportParams &params,
                                                                    TransportEvents &events) const
{
    auto session = TransportSession::create({plugin_, transport_, traits_, &logger_}, loop, params, events);
    if (!session) {
        return session.error();
    }
    return std::unique_ptr<Transport>(new InProcessTransport(std::move(session.value())));
}

} // namespace cordon
