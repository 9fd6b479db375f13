#include "tests/transport/transport_test_support.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace cordon::test {

bool run_until(boost::asio::io_context &loop, const std::function<bool()> &done, std::chrono::milliseconds deadline)
{
    const auto end = std::chrono::steady_clock::now() + deadline;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= end) {
            return false;
        }
        loop.restart();
        loop.run_one_for(std::chrono::milliseconds(20));
    }
    return true;
}

void RecordedEvents::on_connected(FlowId flow) { connections.push_back(flow); }

void RecordedEvents::on_closed(FlowId flow, FlowError error, const std::string &message)
{
    closings.push_back({flow, error, message});
    if (when_closed) {
        when_closed(closings.back());
    }
}

void RecordedEvents::on_received(FlowId flow, std::span<const uint8_t> bytes, const Endpoint &from)
{
    receptions.push_back({flow, std::string(bytes.begin(), bytes.end()), from});
    if (when_received) {
        when_received(receptions.back());
    }
}

void RecordedEvents::on_accepted(FlowId listener, FlowId flow, const Endpoint &from)
{
    acceptances.push_back({listener, flow, from});
}

std::string RecordedEvents::bytes_of(FlowId flow) const
{
    std::string all;
    for (const Received &received : receptions) {
        if (received.flow == flow) {
            all += received.bytes;
        }
    }
    return all;
}

bool RecordedEvents::connected(FlowId flow) const
{
    return std::find(connections.begin(), connections.end(), flow) != connections.end();
}

const RecordedEvents::Closed *RecordedEvents::closed(FlowId flow) const
{
    for (const Closed &closing : closings) {
        if (closing.flow == flow) {
            return &closing;
        }
    }
    return nullptr;
}

BuiltPlugins &BuiltPlugins::get()
{
    static BuiltPlugins plugins;
    return plugins;
}

BuiltPlugins::BuiltPlugins()
{
    const std::filesystem::path directory = CORDON_BUILD_PLUGIN_DIR;
    registry_ = PluginRegistry::load({{directory}, {directory}, {}, {}}, logger_);
}

const TransportPlugin &BuiltPlugins::transport(const std::string &protocol) const
{
    const TransportPlugin *plugin = registry_->find_transport(protocol);
    if (plugin == nullptr) {
        throw std::runtime_error("no " + protocol + " transport plugin in " + CORDON_BUILD_PLUGIN_DIR);
    }
    return *plugin;
}

std::vector<std::string> log_lines_with(const CapturingLogger &logger, const std::string &text)
{
    std::vector<std::string> found;
    for (const auto &line : logger.lines()) {
        if (line.message.find(text) != std::string::npos) {
            found.push_back(line.message);
        }
    }
    return found;
}

uint16_t unused_loopback_port(int type)
{
    const int fd = ::socket(AF_INET, type, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        throw std::runtime_error("cannot find an unused port on 127.0.0.1");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

Endpoint loopback(uint16_t port) { return Endpoint{"127.0.0.1", port}; }

int socket_with_local_port(int type, uint16_t port, uint16_t remote_port)
{
    for (const auto &entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (const std::exception &) {
            continue;
        }
        sockaddr_in address{};
        socklen_t length = sizeof address;
        int socket_type = 0;
        socklen_t type_length = sizeof socket_type;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0 && address.sin_family == AF_INET &&
            ntohs(address.sin_port) == port && ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &socket_type, &type_length) == 0 &&
            socket_type == type) {
            sockaddr_in peer{};
            socklen_t peer_length = sizeof peer;
            const bool peer_matches =
                remote_port == 0 || (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peer_length) == 0 &&
                                     ntohs(peer.sin_port) == remote_port);
            if (peer_matches) {
                return fd;
            }
        }
    }
    return -1;
}

std::span<const uint8_t> as_bytes(const std::string &text)
{
    return {reinterpret_cast<const uint8_t *>(text.data()), text.size()};
}

} // namespace cordon::test
