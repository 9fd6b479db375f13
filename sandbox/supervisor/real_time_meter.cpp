#include "sandbox/supervisor/real_time_meter.hpp"

#include <algorithm>

namespace cordon::sandbox {
namespace {

// The window slides by a fifth of itself: a slow stretch anywhere in it is
// judged whole, at one kernel reading per slice.
constexpr int slices_per_window = 5;

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
    closed_.clear();
}

bool RealTimeMeter::add(std::chrono::nanoseconds audio, std::chrono::nanoseconds wall)
{
    audio_ += audio;
    wall_ += wall;
    return audio_ * slices_per_window >= window_;
}

std::optional<RealTimeVerdict> RealTimeMeter::close_slice(const WaitReadings &readings)
{
    if (!at_start_.child || !readings.child || audio_.count() == 0) {
        // Without the kernel's figures this slice cannot be judged, nor any
        // window that holds it.
        restart(readings);
        return std::nullopt;
    }
    auto waited = *readings.child - *at_start_.child;
    if (at_start_.host && readings.host && at_start_.host->thread == readings.host->thread) {
        waited += readings.host->total - at_start_.host->total;
    }
    closed_.push_back(Slice{std::max(wall_ - waited, std::chrono::nanoseconds{0}), audio_});
    at_start_ = readings;
    audio_ = wall_ = std::chrono::nanoseconds{0};

    Slice window;
    for (const Slice &slice : closed_) {
        window.own += slice.own;
        window.audio += slice.audio;
    }
    // Only the slices the last window needs.
    while (window.audio - closed_.front().audio >= window_) {
        window.own -= closed_.front().own;
        window.audio -= closed_.front().audio;
        closed_.pop_front();
    }
    if (window.audio < window_) {
        return std::nullopt; // not a whole window yet
    }
    const auto percent = static_cast<uint32_t>(window.own.count() * 100 / window.audio.count());
    if (percent <= limit_percent_) {
        return std::nullopt;
    }
    return RealTimeVerdict{window.own, window.audio, percent};
}

} // namespace cordon::sandbox
