#include "media/rtp_clock.hpp"

namespace cordon::media {

uint32_t to_rtp_units(std::chrono::nanoseconds elapsed, uint32_t clock_rate)
{
    constexpr int64_t nanoseconds_per_second = 1'000'000'000;
    // Whole seconds and the rest separately: the product of nanoseconds and
    // the rate would overflow 64 bits after about a day at 48 kHz.
    const int64_t seconds = elapsed.count() / nanoseconds_per_second;
    const int64_t rest = elapsed.count() % nanoseconds_per_second;
    const auto whole_units = static_cast<uint64_t>(seconds) * clock_rate;
    const auto rest_units = static_cast<uint64_t>(rest * static_cast<int64_t>(clock_rate) / nanoseconds_per_second);
    return static_cast<uint32_t>(whole_units + rest_units);
}

} // namespace cordon::media
