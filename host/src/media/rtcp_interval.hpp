// When to send the next RTCP compound (RFC 3550 section 6.3 and appendix
// A.7), without timer reconsideration's bookkeeping: the media session calls
// this each time it schedules a report.
#pragma once

#include <chrono>
#include <cstddef>
#include <random>

#include "cordon/host/result.hpp"

namespace cordon::media {

// Section 6.2: the minimum interval, halved before the first report.
inline constexpr std::chrono::duration<double> rtcp_min_interval{5.0};
// Of the RTCP bandwidth, senders share a quarter when they are at most a
// quarter of the members; receivers share the rest.
inline constexpr double rtcp_sender_bandwidth_share = 0.25;
inline constexpr double rtcp_receiver_bandwidth_share = 1.0 - rtcp_sender_bandwidth_share;
// A.7: the random factor's range, and e - 3/2, which undoes the shortening
// that timer reconsideration causes on average.
inline constexpr double rtcp_min_random_factor = 0.5;
inline constexpr double rtcp_max_random_factor = 1.5;
inline constexpr double rtcp_compensation = 2.71828182845904523536 - 1.5;
// Section 6.2: RTCP gets 5% of the session bandwidth unless the SDP says (b=RR/RS).
inline constexpr double rtcp_share_of_session_bandwidth = 0.05;
// A.7: the average compound size follows each packet sent or received with weight 1/16.
inline constexpr double rtcp_average_size_weight = 1.0 / 16.0;

struct RtcpIntervalInputs {
    size_t members = 2;                         // participants including us (2 on a call)
    size_t senders = 0;                         // participants that sent RTP recently, us included
    double rtcp_bandwidth_bytes_per_second = 0; // the share for RTCP, in octets per second
    double average_rtcp_size_bytes = 0;         // of compounds sent and received, lower layers included
    bool we_sent = false;                       // we sent RTP since the second-to-last report
    bool initial = false;                       // no report sent yet
};

// The interval: the deterministic one (at least the minimum) times
// random_factor, divided by the compensation. random_factor must be in
// [0.5, 1.5]; tests pass their own, rtcp_random_factor draws one. Errors
// (invalid_argument): no members, more senders than members, a bandwidth or
// average size that is not positive and finite, a factor out of range.
Result<std::chrono::duration<double>> rtcp_interval(const RtcpIntervalInputs &inputs, double random_factor);

// A factor uniformly drawn from [0.5, 1.5].
double rtcp_random_factor(std::mt19937_64 &engine);

// A.7's running average after one more compound of packet_bytes.
double update_average_rtcp_size(double average_bytes, size_t packet_bytes);

} // namespace cordon::media
