// The host's view of a transport plugin: flows (connections, connected
// datagram sockets, listeners) opened on the host's Boost.Asio loop, with
// events delivered to the SIP layer. Everything here runs on the loop's
// thread; nothing blocks.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cordon/host/result.hpp"

namespace boost::asio {
class io_context;
}

namespace cordon {

using FlowId = uint64_t;

// Why a flow closed or could not open (cordon_flow_error).
enum class FlowError {
    none, // the peer closed in order
    refused,
    unreachable,
    reset,
    tls_unknown_ca,
    tls_expired,
    tls_not_yet_valid,
    tls_name_mismatch,
    tls_protocol, // the peer offers only TLS older than the minimum
    tls_certificate,
    tls_handshake,
    other,
};

const char *to_string(FlowError error);

struct Endpoint {
    std::string address; // numeric
    uint16_t port = 0;
};

struct FlowRequest {
    Endpoint remote;
    std::string local_address; // numeric, never a wildcard
    std::string server_name;   // what a TLS peer must prove; may be empty otherwise
};

struct OpenedFlow {
    FlowId id = 0;
    bool ready = false; // carries bytes now; otherwise on_connected or on_closed follows
};

struct FlowInfo {
    Endpoint local;
    Endpoint remote;
    std::string protocol_version; // "TLSv1.3"; empty when not secure
    std::string cipher;
    std::string peer_subject;
    // The peer proved its identity (TLS: chain to a trusted CA and the name
    // asked for). False for plain transports, unverified TLS and plugins
    // older than ABI 1.1, which cannot tell.
    bool peer_authenticated = false;
};

// What a transport reports; implemented by the SIP layer.
class TransportEvents {
public:
    virtual void on_connected(FlowId flow) = 0;
    // The flow is gone; its id is dead.
    virtual void on_closed(FlowId flow, FlowError error, const std::string &message) = 0;
    // A datagram, or the next chunk of a stream.
    virtual void on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint &from) = 0;
    virtual void on_accepted(FlowId listener, FlowId flow, const Endpoint &from) = 0;

protected:
    ~TransportEvents() = default;
};

// One transport instance, created for one TransportEvents.
class Transport {
public:
    virtual ~Transport() = default;

    virtual Result<OpenedFlow> open_flow(const FlowRequest &request) = 0;
    // Opt-in only: a fixed port on a numeric, non-wildcard address.
    virtual Result<FlowId> listen(const Endpoint &local) = 0;
    // to: the destination on a datagram listener; nullptr on connected flows.
    virtual Result<void> send(FlowId flow, std::span<const uint8_t> bytes, const Endpoint *to = nullptr) = 0;
    // No event follows.
    virtual void close_flow(FlowId flow) = 0;
    virtual Result<FlowInfo> info(FlowId flow) const = 0;
};

using TransportParams = std::vector<std::pair<std::string, std::string>>;

// A loaded transport plugin, validated.
class TransportPlugin {
public:
    virtual ~TransportPlugin() = default;

    virtual const std::string &id() const = 0;
    virtual const std::string &protocol() const = 0; // Via token: "UDP", "TCP", "TLS"
    virtual bool stream() const = 0;
    // Encrypts and can authenticate its peer (TLS): sips: and port 5061. Not
    // proof that a flow's peer was authenticated: FlowInfo says that per flow.
    virtual bool secure() const = 0;

    // Creates an instance on loop; events outlives it.
    virtual Result<std::unique_ptr<Transport>> create(boost::asio::io_context &loop, const TransportParams &params,
                                                      TransportEvents &events) const = 0;
};

} // namespace cordon
