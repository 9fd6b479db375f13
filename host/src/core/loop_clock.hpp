// The clock of the host loop's SIP and user agent timers: std::chrono::
// steady_clock, which a test may stop and move by hand (tests/support/clock/
// fake_clock.hpp) so that timeouts of seconds or minutes run in no time and
// in a known order. Its time_point is steady_clock's own, so readings of
// either clock mix freely; until a test stops it, now() is steady_clock's.
#pragma once

#include <atomic>
#include <chrono>
#include <limits>

#include <boost/asio/basic_waitable_timer.hpp>

namespace cordon {

class LoopClock {
public:
    using duration = std::chrono::steady_clock::duration;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::steady_clock::time_point;
    static constexpr bool is_steady = true;

    static time_point now() noexcept
    {
        const rep stopped = stopped_at_.load(std::memory_order_relaxed);
        return stopped == running ? std::chrono::steady_clock::now() : time_point(duration(stopped));
    }

    // Tests only: the clock reads `at` until stopped again or run().
    static void stop_at(time_point at) noexcept { stopped_at_.store(at.time_since_epoch().count()); }
    static void run() noexcept { stopped_at_.store(running); }
    static bool stopped() noexcept { return stopped_at_.load() != running; }

private:
    static constexpr rep running = std::numeric_limits<rep>::min();
    static inline std::atomic<rep> stopped_at_{running};
};

// A timer on the loop that keeps LoopClock's time.
using LoopTimer = boost::asio::basic_waitable_timer<LoopClock>;

} // namespace cordon
