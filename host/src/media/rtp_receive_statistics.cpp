#include "media/rtp_receive_statistics.hpp"

#include <algorithm>

#include "media/rtp_clock.hpp"

namespace cordon::media {
namespace {

constexpr uint32_t jitter_scale = 16; // A.8: J += (|D| - J) / 16
constexpr unsigned jitter_shift = 4;
constexpr unsigned fraction_shift = 8; // fraction_lost is in 1/256
constexpr int64_t max_fraction_lost = 255;
constexpr uint32_t half_range = 1u << 31u;

} // namespace

RtpReceiveStatistics::RtpReceiveStatistics(uint32_t ssrc, uint32_t clock_rate) : ssrc_(ssrc), clock_rate_(clock_rate) {}

// A.1's init_seq.
void RtpReceiveStatistics::start_sequence(uint16_t sequence)
{
    base_sequence_ = sequence;
    max_sequence_ = sequence;
    bad_sequence_ = rtp_sequence_modulo + 1;
    cycles_ = 0;
    received_ = 0;
    received_prior_ = 0;
    expected_prior_ = 0;
    seen_.reset();
    seen_[0] = true;
}

// A.1's update_seq, with the duplicate window beside it.
RtpArrival RtpReceiveStatistics::on_packet(uint16_t sequence, uint32_t rtp_timestamp,
                                           std::chrono::steady_clock::time_point arrival)
{
    ++counters_.packets;
    if (!started_) {
        started_ = true;
        start_sequence(sequence);
        max_sequence_ = static_cast<uint16_t>(sequence - 1);
        probation_ = min_sequential;
    }
    const auto forward = static_cast<uint16_t>(sequence - max_sequence_);
    if (probation_ > 0) {
        if (forward != 1) {
            probation_ = min_sequential - 1;
            max_sequence_ = sequence;
            ++counters_.bad;
            return RtpArrival::probation;
        }
        max_sequence_ = sequence;
        if (--probation_ > 0) {
            return RtpArrival::probation;
        }
        start_sequence(sequence);
        ++received_;
        update_jitter(rtp_timestamp, arrival);
        return RtpArrival::in_order;
    }
    if (forward == 0) {
        ++received_;
        ++counters_.duplicates;
        return RtpArrival::duplicate;
    }
    if (forward < max_dropout) {
        if (sequence < max_sequence_) {
            cycles_ += rtp_sequence_modulo;
        }
        max_sequence_ = sequence;
        seen_ <<= forward;
        seen_[0] = true;
        ++received_;
        update_jitter(rtp_timestamp, arrival);
        return RtpArrival::in_order;
    }
    if (forward <= rtp_sequence_modulo - max_misorder) {
        if (sequence != bad_sequence_) {
            bad_sequence_ = (uint32_t{sequence} + 1) % rtp_sequence_modulo;
            ++counters_.bad;
            return RtpArrival::jump;
        }
        start_sequence(sequence);
        ++received_;
        ++counters_.restarts;
        last_transit_.reset(); // the old transit times belong to the stream before the restart
        update_jitter(rtp_timestamp, arrival);
        return RtpArrival::restarted;
    }
    return behind_highest(sequence);
}

RtpArrival RtpReceiveStatistics::behind_highest(uint16_t sequence)
{
    ++received_;
    const auto behind = static_cast<uint16_t>(max_sequence_ - sequence);
    if (seen_[behind]) {
        ++counters_.duplicates;
        return RtpArrival::duplicate;
    }
    seen_[behind] = true;
    ++counters_.late;
    return RtpArrival::late;
}

// A.8: D is the change in transit time (arrival minus timestamp, both on the
// RTP clock); the estimate moves 1/16 of the way towards |D|.
void RtpReceiveStatistics::update_jitter(uint32_t rtp_timestamp, std::chrono::steady_clock::time_point arrival)
{
    if (clock_rate_ == 0) {
        return;
    }
    if (!clock_origin_) {
        clock_origin_ = arrival;
    }
    const uint32_t arrival_units = to_rtp_units(arrival - *clock_origin_, clock_rate_);
    const uint32_t transit = arrival_units - rtp_timestamp;
    if (last_transit_) {
        const uint32_t change = transit - *last_transit_;
        const uint64_t magnitude = change > half_range ? uint32_t{0} - change : change;
        jitter_times_16_ = jitter_times_16_ + magnitude - (jitter_times_16_ + jitter_scale / 2) / jitter_scale;
    }
    last_transit_ = transit;
}

void RtpReceiveStatistics::on_sender_report(const NtpTimestamp &sent, std::chrono::steady_clock::time_point arrival)
{
    last_sr_ = sent.compact();
    last_sr_arrival_ = arrival;
}

uint32_t RtpReceiveStatistics::extended_highest_sequence() const
{
    return static_cast<uint32_t>(cycles_ + max_sequence_);
}

int64_t RtpReceiveStatistics::expected() const
{
    return static_cast<int64_t>(cycles_ + max_sequence_) - base_sequence_ + 1;
}

uint32_t RtpReceiveStatistics::jitter() const
{
    return static_cast<uint32_t>(std::min<uint64_t>(jitter_times_16_ >> jitter_shift, UINT32_MAX));
}

// A.3: cumulative loss since the start, fraction lost since the last report.
std::optional<ReportBlock> RtpReceiveStatistics::make_report_block(std::chrono::steady_clock::time_point now)
{
    if (!is_valid()) {
        return std::nullopt;
    }
    ReportBlock block;
    block.ssrc = ssrc_;
    block.extended_highest_sequence = extended_highest_sequence();
    block.cumulative_lost =
        static_cast<int32_t>(std::clamp<int64_t>(cumulative_lost(), min_cumulative_lost, max_cumulative_lost));
    const int64_t expected_interval = expected() - expected_prior_;
    const int64_t received_interval = received_ - received_prior_;
    expected_prior_ = expected();
    received_prior_ = received_;
    const int64_t lost_interval = expected_interval - received_interval;
    if (expected_interval > 0 && lost_interval > 0) {
        block.fraction_lost =
            static_cast<uint8_t>(std::min(max_fraction_lost, (lost_interval << fraction_shift) / expected_interval));
    }
    block.jitter = jitter();
    if (last_sr_) {
        block.last_sr = *last_sr_;
        block.delay_since_last_sr = to_compact_ntp(now - last_sr_arrival_);
    }
    return block;
}

} // namespace cordon::media
