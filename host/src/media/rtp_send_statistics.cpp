#include "media/rtp_send_statistics.hpp"

#include "media/rtp_clock.hpp"

namespace cordon::media {
namespace {

// A compact NTP difference above half its range is LSR in the future.
constexpr uint32_t half_compact_range = 1u << 31u;

} // namespace

void RtpSendStatistics::on_packet_sent(uint32_t rtp_timestamp, size_t payload_bytes,
                                       std::chrono::steady_clock::time_point sampled_at)
{
    ++packets_;
    octets_ += payload_bytes;
    last_timestamp_ = rtp_timestamp;
    last_sampled_at_ = sampled_at;
}

std::optional<SenderInfo> RtpSendStatistics::sender_info(const NtpTimestamp &wall_clock,
                                                         std::chrono::steady_clock::time_point now) const
{
    if (!last_sampled_at_) {
        return std::nullopt;
    }
    SenderInfo info;
    info.ntp = wall_clock;
    info.rtp_timestamp = last_timestamp_ + to_rtp_units(now - *last_sampled_at_, clock_rate_);
    // Both counts wrap at 2^32 on the wire (section 6.4.1).
    info.packet_count = static_cast<uint32_t>(packets_);
    info.octet_count = static_cast<uint32_t>(octets_);
    return info;
}

std::optional<std::chrono::microseconds> round_trip_time(const ReportBlock &about_our_stream,
                                                         const NtpTimestamp &arrival)
{
    if (about_our_stream.last_sr == 0) {
        return std::nullopt;
    }
    const uint32_t since_sr = arrival.compact() - about_our_stream.last_sr;
    if (since_sr >= half_compact_range || since_sr < about_our_stream.delay_since_last_sr) {
        return std::nullopt;
    }
    return from_compact_ntp(since_sr - about_our_stream.delay_since_last_sr);
}

} // namespace cordon::media
