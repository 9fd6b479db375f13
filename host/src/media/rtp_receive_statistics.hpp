// What we know about one source we receive RTP from, following RFC 3550
// appendix A: sequence validation (A.1), loss (A.3) and interarrival jitter
// (A.8), and the report block about it that our next SR or RR carries.
// No sockets or timers: the media session passes each packet's sequence
// number, timestamp and arrival time, and the time when it reports.
#pragma once

#include <bitset>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/ntp_time.hpp"
#include "media/rtcp_packet.hpp"

namespace cordon::media {

// Appendix A.1's constants: packets in sequence before a source is valid, the
// largest forward jump taken as loss, the largest backward step taken as
// misordering (a larger one, either way, waits for the next packet to confirm
// that the source restarted).
inline constexpr int min_sequential = 2;
inline constexpr uint16_t max_dropout = 3000;
inline constexpr uint16_t max_misorder = 100;
inline constexpr uint32_t rtp_sequence_modulo = 1u << 16u;
// Sequence numbers remembered behind the highest to tell a duplicate from a
// late packet; more than max_misorder so every accepted late packet is seen.
inline constexpr size_t duplicate_window = 128;

// What one packet was to the source's sequence.
enum class RtpArrival {
    in_order,  // advances the highest sequence number (gaps up to max_dropout are loss)
    late,      // behind the highest by less than max_misorder, not seen before
    duplicate, // seen before: the highest again, or within duplicate_window behind it
    probation, // the source is not valid yet (fewer than min_sequential in a row); do not play
    jump,      // a jump past max_dropout, refused unless the next packet follows it; do not play
    restarted, // the packet after a jump followed it: the source restarted, statistics start over
};

// Counts over the source's whole life (restarts included).
struct RtpReceiveCounters {
    uint64_t packets = 0;    // every packet passed to on_packet
    uint64_t late = 0;       // RtpArrival::late
    uint64_t duplicates = 0; // RtpArrival::duplicate
    uint64_t bad = 0;        // probation failures and jumps not (yet) confirmed
    uint64_t restarts = 0;
};

class RtpReceiveStatistics {
public:
    // clock_rate: the payload's RTP clock in Hz (from the SDP). Jitter is not
    // computed with a rate of 0.
    RtpReceiveStatistics(uint32_t ssrc, uint32_t clock_rate);

    // One RTP packet from this source; arrival on any steady clock, converted
    // to RTP units here. The jitter takes in-order packets only.
    RtpArrival on_packet(uint16_t sequence, uint32_t rtp_timestamp, std::chrono::steady_clock::time_point arrival);

    // An SR from this source arrived: its NTP time and our local arrival time
    // become the next report block's LSR and the base of its DLSR.
    void on_sender_report(const NtpTimestamp &sent, std::chrono::steady_clock::time_point arrival);

    // The report block for an SR or RR we send at `now`, or none while the
    // source is not valid. Each call starts a new interval for fraction_lost.
    std::optional<ReportBlock> make_report_block(std::chrono::steady_clock::time_point now);

    uint32_t ssrc() const { return ssrc_; }
    bool is_valid() const { return started_ && probation_ == 0; }
    // A.3's figures since the source was validated or last restarted.
    uint32_t extended_highest_sequence() const;
    int64_t expected() const;
    int64_t received() const { return received_; } // duplicates and late packets included, as in A.1
    int64_t cumulative_lost() const { return expected() - received_; }
    uint32_t jitter() const; // in RTP timestamp units
    const RtpReceiveCounters &counters() const { return counters_; }

private:
    void start_sequence(uint16_t sequence);
    void update_jitter(uint32_t rtp_timestamp, std::chrono::steady_clock::time_point arrival);
    RtpArrival behind_highest(uint16_t sequence);

    uint32_t ssrc_;
    uint32_t clock_rate_;
    bool started_ = false;
    int probation_ = 0;
    uint16_t max_sequence_ = 0;
    uint64_t cycles_ = 0; // sequence wraps, times rtp_sequence_modulo
    uint32_t base_sequence_ = 0;
    uint32_t bad_sequence_ = rtp_sequence_modulo + 1; // the sequence that would confirm a jump
    int64_t received_ = 0;
    int64_t expected_prior_ = 0;
    int64_t received_prior_ = 0;
    std::bitset<duplicate_window> seen_; // bit n: max_sequence_ - n was received
    // Jitter (A.8): the previous transit time and the estimate times 16, so
    // the integer update loses no precision.
    std::optional<std::chrono::steady_clock::time_point> clock_origin_;
    std::optional<uint32_t> last_transit_;
    uint64_t jitter_times_16_ = 0;
    std::optional<uint32_t> last_sr_;
    std::chrono::steady_clock::time_point last_sr_arrival_;
    RtpReceiveCounters counters_;
};

} // namespace cordon::media
