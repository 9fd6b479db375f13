// What every transport test needs: the built transport plugins loaded
// through the registry, a TransportEvents that records what it hears, and a
// way to run the loop until something has happened, with a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "cordon/host/plugins.hpp"
#include "cordon/host/transport.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::test {

inline constexpr auto transport_deadline = std::chrono::seconds(10);

// Runs loop until done() is true or the deadline passes; returns done().
bool run_until(boost::asio::io_context &loop, const std::function<bool()> &done,
               std::chrono::milliseconds deadline = transport_deadline);

// Every event a transport reported, in order, with hooks a test can set to
// act from inside an event (as the SIP layer does).
class RecordedEvents final : public TransportEvents {
public:
    struct Closed {
        FlowId flow;
        FlowError error;
        std::string message;
    };
    struct Received {
        FlowId flow;
        std::string bytes;
        Endpoint from;
    };
    struct Accepted {
        FlowId listener;
        FlowId flow;
        Endpoint from;
    };

    void on_connected(FlowId flow) override;
    void on_closed(FlowId flow, FlowError error, const std::string &message) override;
    void on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint &from) override;
    void on_accepted(FlowId listener, FlowId flow, const Endpoint &from) override;

    // Everything received on flow, concatenated (a stream's bytes).
    std::string bytes_of(FlowId flow) const;
    bool connected(FlowId flow) const;
    const Closed *closed(FlowId flow) const;

    std::vector<FlowId> connections;
    std::vector<Closed> closings;
    std::vector<Received> receptions;
    std::vector<Accepted> acceptances;
    std::function<void(const Received &)> when_received;
    std::function<void(const Closed &)> when_closed;
};

// The plugins in the build's plugin directory, loaded once for the test
// binary (trusted, as the built-in directory is).
class BuiltPlugins {
public:
    static BuiltPlugins &get();
    const TransportPlugin &transport(const std::string &protocol) const;
    CapturingLogger &logger() { return logger_; }

private:
    BuiltPlugins();
    CapturingLogger logger_;
    std::unique_ptr<PluginRegistry> registry_;
};

// Log lines that mention text, from anyone.
std::vector<std::string> log_lines_with(const CapturingLogger &logger, const std::string &text);

// A port on 127.0.0.1 that nothing uses now (bound once, then let go).
uint16_t unused_loopback_port(int type);

Endpoint loopback(uint16_t port);

// The descriptor of this process's socket of type bound to 127.0.0.1:port
// (and connected to remote_port, unless that is 0), or -1: lets a test
// inspect the options a plugin set on its own socket.
int socket_with_local_port(int type, uint16_t port, uint16_t remote_port = 0);

std::span<const uint8_t> as_bytes(const std::string &text);

} // namespace cordon::test
