#include "media/rtcp_interval.hpp"

#include <cmath>
#include <string>

namespace cordon::media {
namespace {

bool positive_and_finite(double value) { return std::isfinite(value) && value > 0; }

} // namespace

Result<std::chrono::duration<double>> rtcp_interval(const RtcpIntervalInputs &inputs, double random_factor)
{
    if (inputs.members == 0 || inputs.senders > inputs.members) {
        return Error{ErrorCode::invalid_argument, "RTCP interval: " + std::to_string(inputs.senders) +
                                                      " senders among " + std::to_string(inputs.members) + " members"};
    }
    if (!positive_and_finite(inputs.rtcp_bandwidth_bytes_per_second) ||
        !positive_and_finite(inputs.average_rtcp_size_bytes)) {
        return Error{ErrorCode::invalid_argument, "RTCP interval: bandwidth and average size must be positive"};
    }
    if (!(random_factor >= rtcp_min_random_factor && random_factor <= rtcp_max_random_factor)) {
        return Error{ErrorCode::invalid_argument, "RTCP interval: random factor outside [0.5, 1.5]"};
    }
    const double minimum = inputs.initial ? rtcp_min_interval.count() / 2 : rtcp_min_interval.count();
    double bandwidth = inputs.rtcp_bandwidth_bytes_per_second;
    auto sharing = static_cast<double>(inputs.members);
    if (static_cast<double>(inputs.senders) <= static_cast<double>(inputs.members) * rtcp_sender_bandwidth_share) {
        if (inputs.we_sent) {
            bandwidth *= rtcp_sender_bandwidth_share;
            sharing = static_cast<double>(inputs.senders);
        } else {
            bandwidth *= rtcp_receiver_bandwidth_share;
            sharing -= static_cast<double>(inputs.senders);
        }
    }
    const double deterministic = std::max(minimum, inputs.average_rtcp_size_bytes * sharing / bandwidth);
    return std::chrono::duration<double>(deterministic * random_factor / rtcp_compensation);
}

double rtcp_random_factor(std::mt19937_64 &engine)
{
    return std::uniform_real_distribution<double>(rtcp_min_random_factor, rtcp_max_random_factor)(engine);
}

double update_average_rtcp_size(double average_bytes, size_t packet_bytes)
{
    return rtcp_average_size_weight * static_cast<double>(packet_bytes) +
           (1.0 - rtcp_average_size_weight) * average_bytes;
}

} // namespace cordon::media
