#include "call_media/rtp_sockets.hpp"

#include <boost/asio/ip/address.hpp>

namespace cordon::call_media {

namespace {

using boost::asio::ip::udp;

Result<udp::endpoint> endpoint_of(const Endpoint &endpoint)
{
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(endpoint.address, error);
    if (error) {
        return Error{ErrorCode::invalid_argument, "not a numeric address: " + endpoint.address};
    }
    return udp::endpoint(address, endpoint.port);
}

} // namespace

Result<std::unique_ptr<RtpSockets>> RtpSockets::open(boost::asio::io_context &loop, const std::string &local_address)
{
    auto local = endpoint_of(Endpoint{local_address, 0});
    if (!local) {
        return local.error();
    }
    if (local->address().is_unspecified()) {
        return Error{ErrorCode::invalid_argument, "media is never bound to the wildcard address " + local_address};
    }
    std::unique_ptr<RtpSockets> sockets(new RtpSockets(loop));
    boost::system::error_code error;
    for (int attempt = 0; attempt < port_pair_attempts; ++attempt) {
        sockets->rtp_.socket.close(error);
        sockets->rtcp_.socket.close(error);
        sockets->rtp_.socket.open(local->protocol(), error);
        if (!error) {
            sockets->rtp_.socket.bind(*local, error);
        }
        if (error) {
            return Error{ErrorCode::io, "cannot bind an RTP socket on " + local_address + ": " + error.message()};
        }
        const auto rtp_port = sockets->rtp_.socket.local_endpoint().port();
        if (rtp_port == 65535) {
            continue;
        }
        sockets->rtcp_.socket.open(local->protocol(), error);
        if (!error) {
            sockets->rtcp_.socket.bind(udp::endpoint(local->address(), rtp_port + 1), error);
        }
        if (!error) {
            return sockets;
        }
    }
    return Error{ErrorCode::io, "no free pair of ports for RTP and RTCP on " + local_address + " after " +
                                    std::to_string(port_pair_attempts) + " tries"};
}

RtpSockets::~RtpSockets() { close(); }

Endpoint RtpSockets::local_rtp() const
{
    boost::system::error_code error;
    const auto local = rtp_.socket.local_endpoint(error);
    return error ? Endpoint{} : Endpoint{local.address().to_string(), local.port()};
}

void RtpSockets::set_peer(const Endpoint &rtp, const Endpoint &rtcp)
{
    auto peer_rtp = endpoint_of(rtp);
    auto peer_rtcp = endpoint_of(rtcp);
    has_peer_ = peer_rtp.ok() && peer_rtcp.ok() && rtp.port != 0;
    if (has_peer_) {
        peer_rtp_ = *peer_rtp;
        peer_rtcp_ = *peer_rtcp;
    }
}

void RtpSockets::start(Receiver receiver)
{
    receiver_ = std::move(receiver);
    receive(Channel::rtp);
    receive(Channel::rtcp);
}

bool RtpSockets::from_peer(Channel channel, const udp::endpoint &sender) const
{
    if (!has_peer_) {
        return false;
    }
    // RTCP multiplexed on the RTP port (RFC 5761) comes from the peer's RTP port.
    return sender == peer_rtp_ || (channel == Channel::rtcp && sender == peer_rtcp_);
}

void RtpSockets::receive(Channel channel)
{
    Socket &socket = channel == Channel::rtp ? rtp_ : rtcp_;
    std::weak_ptr<bool> alive = alive_;
    socket.socket.async_receive_from(
        boost::asio::buffer(socket.buffer), socket.sender,
        [this, alive, channel, &socket](const boost::system::error_code &error, std::size_t length) {
            if (alive.expired() || error == boost::asio::error::operation_aborted || !socket.socket.is_open()) {
                return;
            }
            if (!error) {
                if (length >= socket.buffer.size()) {
                    ++oversized_;
                } else if (!from_peer(channel, socket.sender)) {
                    ++from_strangers_;
                } else if (receiver_) {
                    receiver_(channel, std::span<std::uint8_t>(socket.buffer.data(), length));
                }
            }
            if (!alive.expired()) {
                receive(channel);
            }
        });
}

bool RtpSockets::send(Channel channel, std::span<const std::uint8_t> datagram)
{
    if (!has_peer_) {
        return false;
    }
    Socket &socket = channel == Channel::rtp ? rtp_ : rtcp_;
    boost::system::error_code error;
    socket.socket.send_to(boost::asio::buffer(datagram.data(), datagram.size()),
                          channel == Channel::rtp ? peer_rtp_ : peer_rtcp_, 0, error);
    return !error;
}

void RtpSockets::close()
{
    boost::system::error_code ignored;
    rtp_.socket.close(ignored);
    rtcp_.socket.close(ignored);
}

} // namespace cordon::call_media
