// The two UDP sockets of one call's audio: RTP on a port the kernel picks and
// RTCP on the next one (RFC 3550 section 11), both bound to the agent's own
// interface (never the wildcard address), so nothing else on the machine is
// reachable through them. A datagram is handed on only when it comes from the
// peer the SDP named; everything else is dropped and counted.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "cordon/host/result.hpp"
#include "cordon/host/transport.hpp"

namespace cordon::call_media {

// Largest datagram read; RTP over UDP stays under a path MTU, and a datagram
// filling the whole buffer is dropped as possibly truncated.
inline constexpr std::size_t max_datagram_bytes = 2048;
// Kernel-picked ports tried before giving up on finding a free pair.
inline constexpr int port_pair_attempts = 32;

class RtpSockets {
public:
    enum class Channel { rtp, rtcp };
    // The datagram lives until the handler returns; the buffer is writable
    // so that SRTP can be removed in place.
    using Receiver = std::function<void(Channel channel, std::span<std::uint8_t> datagram)>;

    static Result<std::unique_ptr<RtpSockets>> open(boost::asio::io_context &loop, const std::string &local_address);
    ~RtpSockets();

    Endpoint local_rtp() const;
    // Where the peer sends from and receives: its RTP port, and its RTCP port
    // (the next one unless its SDP said otherwise). Until set, all is dropped.
    void set_peer(const Endpoint &rtp, const Endpoint &rtcp);
    void start(Receiver receiver);
    // Sends to the peer's RTP or RTCP port; false when it cannot (no peer,
    // a socket error), which the caller counts.
    bool send(Channel channel, std::span<const std::uint8_t> datagram);
    void close();

    std::uint64_t from_strangers() const { return from_strangers_; }
    std::uint64_t oversized() const { return oversized_; }

private:
    struct Socket {
        explicit Socket(boost::asio::io_context &loop) : socket(loop) {}
        boost::asio::ip::udp::socket socket;
        boost::asio::ip::udp::endpoint sender;
        std::array<std::uint8_t, max_datagram_bytes> buffer{};
    };

    RtpSockets(boost::asio::io_context &loop) : rtp_(loop), rtcp_(loop) {}
    void receive(Channel channel);
    bool from_peer(Channel channel, const boost::asio::ip::udp::endpoint &sender) const;

    Socket rtp_;
    Socket rtcp_;
    boost::asio::ip::udp::endpoint peer_rtp_;
    boost::asio::ip::udp::endpoint peer_rtcp_;
    bool has_peer_ = false;
    Receiver receiver_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::uint64_t from_strangers_ = 0;
    std::uint64_t oversized_ = 0;
};

} // namespace cordon::call_media
