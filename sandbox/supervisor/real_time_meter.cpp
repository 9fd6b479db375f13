#include "real_time_meter.hpp"

#include <algorithm>

namespace cordon::sandbox {
namespace {

std::string milliseconds(std::chrono::nanoseconds duration)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()) + " ms";
}

} // namespace

std::string RealTimeVerdict::describe() const
{
    return "took " + milliseconds(own_time) + " of its own time for " + milliseconds(audio) + " of audio (" +
           std::to_string(percent) + " %)";
}

void RealTimeMeter::restart(const WaitReadings &readings)
{
    at_start_ = readings;
    audio_ = wall_ = std::chrono::nanoseconds{0};
}

bool RealTimeMeter::add(std::chrono::nanoseconds audio, std::chrono::nanoseconds wall)
{
    audio_ += audio;
    wall_ += wall;
    return audio_ >= window_;
}

std::optional<RealTimeVerdict> RealTimeMeter::close_window(const WaitReadings &readings)
{
    std::optional<RealTimeVerdict> verdict;
    if (at_start_.child && readings.child && audio_.count() > 0) {
        auto waited = *readings.child - *at_start_.child;
        if (at_start_.host && readings.host && at_start_.host->thread == readings.host->thread) {
            waited += readings.host->total - at_start_.host->total;
        }
        const auto own = std::max(wall_ - waited, std::chrono::nanoseconds{0});
        const auto percent = static_cast<uint32_t>(own.count() * 100 / audio_.count());
        if (percent > limit_percent_) {
            verdict = RealTimeVerdict{own, audio_, percent};
        }
    }
    restart(readings);
    return verdict;
}

} // namespace cordon::sandbox
