#include "tests/support/transport/fake_transport.hpp"

#include <stdexcept>

namespace cordon::test {

FakeTransport::FakeTransport(std::shared_ptr<FakeNetwork> network, const Behaviour &behaviour, TransportEvents &events)
    : network_(std::move(network)), behaviour_(behaviour), events_(events)
{
    network_->instance = this;
    ++network_->instances_created;
}

FakeTransport::~FakeTransport()
{
    if (network_->instance == this) {
        network_->instance = nullptr;
    }
}

Result<OpenedFlow> FakeTransport::open_flow(const FlowRequest &request)
{
    if (behaviour_.refuse_open) {
        return Error{ErrorCode::io, "the fake transport refuses to open flows"};
    }
    network_->opened.push_back(request);
    const FlowId id = next_id_++;
    open_[id] = request.remote;
    return OpenedFlow{id, behaviour_.ready_at_once};
}

Result<FlowId> FakeTransport::listen(const Endpoint &local)
{
    network_->listened.push_back(local);
    const FlowId id = next_id_++;
    listeners_.insert(id);
    open_[id] = Endpoint{};
    return id;
}

Result<void> FakeTransport::send(FlowId flow, std::span<const uint8_t> bytes, const Endpoint *to)
{
    if (open_.count(flow) == 0) {
        return Error{ErrorCode::invalid_argument, "no such flow: " + std::to_string(flow)};
    }
    if (behaviour_.refuse_sends) {
        return Error{ErrorCode::io, "the fake transport refuses to send"};
    }
    SentBytes sent;
    sent.flow = flow;
    sent.bytes.assign(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    if (to != nullptr) {
        sent.to = *to;
    }
    network_->sent.push_back(std::move(sent));
    return {};
}

void FakeTransport::close_flow(FlowId flow)
{
    network_->closed_by_host.push_back(flow);
    open_.erase(flow);
    listeners_.erase(flow);
}

Result<FlowInfo> FakeTransport::info(FlowId flow) const
{
    const auto found = open_.find(flow);
    if (found == open_.end()) {
        return Error{ErrorCode::invalid_argument, "no such flow: " + std::to_string(flow)};
    }
    FlowInfo info;
    info.local = Endpoint{behaviour_.local_address, behaviour_.local_port};
    info.remote = found->second;
    info.peer_authenticated = behaviour_.peer_authenticated;
    return info;
}

void FakeTransport::connect(FlowId flow) { events_.on_connected(flow); }

void FakeTransport::receive(FlowId flow, std::string_view bytes, const Endpoint &from)
{
    events_.on_received(flow, std::span(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()), from);
}

void FakeTransport::lose(FlowId flow, FlowError error, const std::string &message)
{
    open_.erase(flow);
    events_.on_closed(flow, error, message);
}

FlowId FakeTransport::accept(FlowId listener, const Endpoint &from)
{
    const FlowId id = next_id_++;
    open_[id] = from;
    events_.on_accepted(listener, id, from);
    return id;
}

FakeTransportPlugin::FakeTransportPlugin(std::string protocol, bool stream, bool secure)
    : protocol_(std::move(protocol)), stream_(stream), secure_(secure)
{
    behaviour.ready_at_once = !stream;
}

Result<std::unique_ptr<Transport>> FakeTransportPlugin::create(boost::asio::io_context & /*loop*/,
                                                               const TransportParams & /*params*/,
                                                               TransportEvents &events) const
{
    return std::unique_ptr<Transport>(std::make_unique<FakeTransport>(network_, behaviour, events));
}

FakeTransport &FakeTransportPlugin::transport() const
{
    if (network_->instance == nullptr) {
        throw std::logic_error("the fake transport has no live instance");
    }
    return *network_->instance;
}

} // namespace cordon::test
