// What a transport plugin reports through its cordon_transport_host table,
// checked before the SIP layer hears of it (see transport_session.hpp).
#include <cstring>
#include <type_traits>

#include "plugin_loading/plugin_host_services.hpp"
#include "transport/flow_error.hpp"
#include "transport/reported_values.hpp"
#include "transport/transport_session.hpp"

namespace cordon {

namespace {

// The integer a plugin passed as an enum. Loading an enum parameter that
// holds a value outside the enum is undefined in C++, and a plugin may pass
// anything, so the bytes are copied instead.
template <class Enum> uint32_t raw_value(const Enum &value)
{
    std::underlying_type_t<Enum> raw;
    std::memcpy(&raw, &value, sizeof raw);
    return static_cast<uint32_t>(raw);
}

std::string flow_name(FlowId flow) { return "flow " + std::to_string(flow); }

} // namespace

TransportSession *TransportSession::from(const cordon_transport_host *host)
{
    return host == nullptr ? nullptr : static_cast<TransportSession *>(host->host_data);
}

cordon_status TransportSession::watch_fd(const cordon_transport_host *host, int fd, uint32_t interest)
{
    TransportSession *session = from(host);
    if (session == nullptr) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (auto watched = session->watches_.watch(fd, interest); !watched) {
        session->log(LogLevel::warning, watched.error().message);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}

void TransportSession::unwatch_fd(const cordon_transport_host *host, int fd)
{
    if (TransportSession *session = from(host)) {
        session->watches_.unwatch(fd);
    }
}

void TransportSession::flow_event(const cordon_transport_host *host, cordon_flow_id flow, cordon_flow_event event,
                                  cordon_flow_error error, const char *message)
{
    if (TransportSession *session = from(host)) {
        session->report_event(flow, raw_value(event), raw_value(error), message);
    }
}

void TransportSession::received(const cordon_transport_host *host, cordon_flow_id flow, const uint8_t *data,
                                size_t length, const char *from_address, uint16_t from_port)
{
    if (TransportSession *session = from(host)) {
        session->report_received(flow, data, length, from_address, from_port);
    }
}

void TransportSession::accepted(const cordon_transport_host *host, cordon_flow_id listener, cordon_flow_id accepted,
                                const char *from_address, uint16_t from_port)
{
    if (TransportSession *session = from(host)) {
        session->report_accepted(listener, accepted, from_address, from_port);
    }
}

// Each report below first drops what comes after finish() (nobody listens)
// or from outside a call the host made (another thread, or a stray timer:
// the flow table is not for them).
bool TransportSession::accepts_reports(const char *what)
{
    if (events_ == nullptr) {
        return false;
    }
    if (call_depth_ == 0) {
        log(LogLevel::error, std::string("called ") + what + " outside any call from the host; ignored");
        return false;
    }
    return true;
}

void TransportSession::report_event(FlowId flow, uint32_t event, uint32_t error, const char *message)
{
    if (!accepts_reports("flow_event")) {
        return;
    }
    const auto found = flows_.find(flow);
    if (found == flows_.end()) {
        breach(flow, "event " + std::to_string(event) + " for " + flow_name(flow) +
                         ", which is unknown (never opened, or closed already)");
        return;
    }
    switch (event) {
    case CORDON_FLOW_EVENT_CONNECTED:
        if (found->second.role == Role::listener) {
            breach(flow, "CONNECTED for " + flow_name(flow) + ", a listener");
        } else if (found->second.connected) {
            breach(flow, "CONNECTED again for " + flow_name(flow) + ", which was connected already");
        } else {
            found->second.connected = true;
            events_->on_connected(flow);
        }
        return;
    case CORDON_FLOW_EVENT_CLOSED: {
        flows_.erase(found);
        const auto known = flow_error_from_abi(error);
        if (!known) {
            log(LogLevel::warning, "closed " + flow_name(flow) + " with error code " + std::to_string(error) +
                                       ", which cordon.transport/1 does not define; taken as other");
        }
        events_->on_closed(flow, known.value_or(FlowError::other),
                           message != nullptr ? sanitize_plugin_text(message) : std::string());
        return;
    }
    default:
        breach(flow, "unknown event " + std::to_string(event) + " for " + flow_name(flow));
    }
}

void TransportSession::report_received(FlowId flow, const uint8_t *data, size_t length, const char *from_address,
                                       uint16_t from_port)
{
    if (!accepts_reports("received")) {
        return;
    }
    const auto found = flows_.find(flow);
    if (found == flows_.end()) {
        breach(flow, "bytes for " + flow_name(flow) + ", which is unknown (never opened, or closed already)");
        return;
    }
    if (!found->second.connected) {
        breach(flow, "bytes for " + flow_name(flow) + " before it was CONNECTED");
        return;
    }
    if (plugin_.traits.stream && found->second.role == Role::listener) {
        breach(flow, "bytes for " + flow_name(flow) + ", a stream listener");
        return;
    }
    if (data == nullptr && length != 0) {
        breach(flow, std::to_string(length) + " bytes for " + flow_name(flow) + " at a NULL pointer");
        return;
    }
    if (!plugin_.traits.stream && length > CORDON_TRANSPORT_MAX_DATAGRAM) {
        breach(flow, "a datagram of " + std::to_string(length) + " bytes for " + flow_name(flow) + " (at most " +
                         std::to_string(CORDON_TRANSPORT_MAX_DATAGRAM) + ")");
        return;
    }
    auto from = reported_endpoint(from_address, from_port);
    if (!from) {
        breach(flow, "bytes for " + flow_name(flow) + " from " + from.error().message);
        return;
    }
    events_->on_received(flow, std::span<const uint8_t>(data, length), *from);
}

void TransportSession::report_accepted(FlowId listener, FlowId flow, const char *from_address, uint16_t from_port)
{
    if (!accepts_reports("accepted")) {
        return;
    }
    if (flow == 0 || flows_.contains(flow)) {
        breach(listener, "accepted a connection as " + flow_name(flow) + ", an id that is 0 or in use");
        return;
    }
    const auto found = flows_.find(listener);
    const bool stream_listener = plugin_.traits.stream && found != flows_.end() && found->second.role == Role::listener;
    auto from = reported_endpoint(from_address, from_port);
    if (!stream_listener || !from) {
        // The host never learns of this connection, so the plugin must drop it.
        log(LogLevel::error, "broke the transport contract: accepted " + flow_name(flow) + " on " +
                                 flow_name(listener) +
                                 (stream_listener ? " from " + from.error().message : ", not a stream listener") +
                                 "; the connection is closed");
        plugin_.abi->close_flow(instance_, flow);
        return;
    }
    flows_.emplace(flow, KnownFlow{Role::connection, !plugin_.traits.secure});
    events_->on_accepted(listener, flow, *from);
}

} // namespace cordon
