// The media end of a raw test party: an RTP socket and an RTCP socket on
// 127.0.0.1 that send hand-made packets to a Cordon agent and drop what it
// sends. Plain PCMU packets are real media; junk packets carry an RTP
// header and bytes that no SRTP key authenticates.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

namespace cordon::test {

class RawRtpSocket {
public:
    RawRtpSocket() : rtp_(context_, any_loopback()), rtcp_(context_, any_loopback())
    {
        rtp_.non_blocking(true);
        rtcp_.non_blocking(true);
    }

    std::uint16_t rtp_port() const { return rtp_.local_endpoint().port(); }
    std::uint16_t rtcp_port() const { return rtcp_.local_endpoint().port(); }

    // One 20 ms PCMU packet of silence, numbered after the last one.
    void send_pcmu(std::uint16_t to_port)
    {
        std::vector<std::uint8_t> packet = header();
        packet.resize(packet.size() + 160, 0xFF);
        send(packet, to_port);
    }

    // An RTP header, then bytes and a 10-byte "tag" that authenticate under no key.
    void send_junk(std::uint16_t to_port)
    {
        std::vector<std::uint8_t> packet = header();
        for (std::size_t i = 0; i < 170; ++i) {
            packet.push_back(static_cast<std::uint8_t>(i * 37 + sequence_));
        }
        send(packet, to_port);
    }

    // Sends one packet (make) each 20 ms of wall time: call it often.
    template <typename Make> void every_frame(Make make)
    {
        const auto now = std::chrono::steady_clock::now();
        if (now >= next_) {
            make();
            next_ = now + std::chrono::milliseconds(20);
        }
        drain();
    }

    std::uint64_t sent() const { return sent_; }

    // What the agent sends is read and dropped, so its socket never sees
    // the port closed.
    void drain()
    {
        std::array<std::uint8_t, 2048> buffer{};
        boost::system::error_code error;
        for (auto *socket : {&rtp_, &rtcp_}) {
            do {
                socket->receive(boost::asio::buffer(buffer), 0, error);
            } while (!error);
        }
    }

private:
    static boost::asio::ip::udp::endpoint any_loopback() { return {boost::asio::ip::make_address("127.0.0.1"), 0}; }

    std::vector<std::uint8_t> header()
    {
        ++sequence_;
        timestamp_ += 160;
        return {0x80,
                0x00,
                static_cast<std::uint8_t>(sequence_ >> 8),
                static_cast<std::uint8_t>(sequence_),
                static_cast<std::uint8_t>(timestamp_ >> 24),
                static_cast<std::uint8_t>(timestamp_ >> 16),
                static_cast<std::uint8_t>(timestamp_ >> 8),
                static_cast<std::uint8_t>(timestamp_),
                0x12,
                0x34,
                0x56,
                0x78};
    }

    void send(const std::vector<std::uint8_t> &packet, std::uint16_t to_port)
    {
        boost::system::error_code ignored;
        rtp_.send_to(boost::asio::buffer(packet), {boost::asio::ip::make_address("127.0.0.1"), to_port}, 0, ignored);
        ++sent_;
    }

    boost::asio::io_context context_;
    boost::asio::ip::udp::socket rtp_;
    boost::asio::ip::udp::socket rtcp_;
    std::uint16_t sequence_ = 1000;
    std::uint32_t timestamp_ = 0;
    std::uint64_t sent_ = 0;
    std::chrono::steady_clock::time_point next_{};
};

} // namespace cordon::test
