#include "media/ntp_time.hpp"

#include <limits>

namespace cordon::media {
namespace {

constexpr uint64_t nanoseconds_per_second = 1'000'000'000;
constexpr uint64_t microseconds_per_second = 1'000'000;
constexpr unsigned fraction_bits = 32;

} // namespace

NtpTimestamp to_ntp(std::chrono::system_clock::time_point time)
{
    const auto since_unix = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch());
    const auto whole = std::chrono::floor<std::chrono::seconds>(since_unix);
    const auto nanoseconds = static_cast<uint64_t>((since_unix - whole).count());
    NtpTimestamp ntp;
    ntp.seconds = static_cast<uint32_t>(static_cast<uint64_t>(whole.count()) + ntp_unix_epoch_offset_seconds);
    ntp.fraction = static_cast<uint32_t>((nanoseconds << fraction_bits) / nanoseconds_per_second);
    return ntp;
}

uint32_t to_compact_ntp(std::chrono::nanoseconds duration)
{
    if (duration.count() <= 0) {
        return 0;
    }
    const auto nanoseconds = static_cast<uint64_t>(duration.count());
    const uint64_t seconds = nanoseconds / nanoseconds_per_second;
    const uint64_t remainder = nanoseconds % nanoseconds_per_second;
    const uint64_t units =
        seconds * compact_ntp_units_per_second + remainder * compact_ntp_units_per_second / nanoseconds_per_second;
    return units > std::numeric_limits<uint32_t>::max() ? std::numeric_limits<uint32_t>::max()
                                                        : static_cast<uint32_t>(units);
}

std::chrono::microseconds from_compact_ntp(uint32_t units)
{
    return std::chrono::microseconds(
        static_cast<int64_t>(uint64_t{units} * microseconds_per_second / compact_ntp_units_per_second));
}

} // namespace cordon::media
