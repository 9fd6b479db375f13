// What our SR says about the stream we send (RFC 3550 section 6.4.1), and the
// round-trip time a report block about that stream gives us.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/ntp_time.hpp"
#include "media/rtcp_packet.hpp"

namespace cordon::media {

class RtpSendStatistics {
public:
    // clock_rate: the payload's RTP clock in Hz.
    explicit RtpSendStatistics(uint32_t clock_rate) : clock_rate_(clock_rate) {}

    // One RTP packet sent: its timestamp, its payload size (header and padding
    // not counted, as the SR's octet count wants) and the steady-clock instant
    // its timestamp stands for (the capture time; for live audio, the send time).
    void on_packet_sent(uint32_t rtp_timestamp, size_t payload_bytes, std::chrono::steady_clock::time_point sampled_at);

    // The SR's sender info for an SR sent at `now`, whose wall-clock time is
    // `wall_clock`: the RTP timestamp is the last packet's, moved forward by
    // the time since it on the RTP clock, so both name the same instant. None
    // before the first packet (send an RR then).
    std::optional<SenderInfo> sender_info(const NtpTimestamp &wall_clock,
                                          std::chrono::steady_clock::time_point now) const;

    uint64_t packets_sent() const { return packets_; }
    uint64_t octets_sent() const { return octets_; }
    std::optional<std::chrono::steady_clock::time_point> last_sent() const { return last_sampled_at_; }

private:
    uint32_t clock_rate_;
    uint64_t packets_ = 0;
    uint64_t octets_ = 0;
    uint32_t last_timestamp_ = 0;
    std::optional<std::chrono::steady_clock::time_point> last_sampled_at_;
};

// Section 6.4.1: A - LSR - DLSR, with A the compact NTP time at which the
// report block about our stream arrived. None when the block names no SR
// (LSR 0) or when the result would be negative or absurd (LSR after A, DLSR
// longer than the time since LSR): a peer's clock error or a forged block.
std::optional<std::chrono::microseconds> round_trip_time(const ReportBlock &about_our_stream,
                                                         const NtpTimestamp &arrival);

} // namespace cordon::media
