// A clock a test moves by hand: while a FakeClock exists, LoopClock (the
// clock of the host's SIP and user agent timers, core/loop_clock.hpp) and
// libosip2's transaction timers stand still, and time moves only by
// advance(). Timers that fall due run on the test's loop, in order, one
// step at a time, so a 32 s timeout takes no real time and no test sleeps.
//
// libosip2 reads its own clock through osip_gettimeofday(); this library
// defines that function (fake_clock.cpp), so a test binary linking it sees
// LoopClock's time in the transactions too. Without a FakeClock both read
// the real monotonic clock, as libosip2's own would.
#pragma once

#include <chrono>

#include <boost/asio/io_context.hpp>

#include "core/loop_clock.hpp"

namespace cordon::test {

class FakeClock {
public:
    explicit FakeClock(boost::asio::io_context &loop);
    ~FakeClock();
    FakeClock(const FakeClock &) = delete;
    FakeClock &operator=(const FakeClock &) = delete;

    LoopClock::time_point now() const { return LoopClock::now(); }
    // Time since this clock was made.
    std::chrono::milliseconds elapsed() const;

    // Moves time on by `by`, `step` at a time, running after each step every
    // handler that has fallen due or is ready.
    void advance(std::chrono::milliseconds by, std::chrono::milliseconds step = std::chrono::milliseconds(10));
    // Runs every ready handler (and timers due now) without moving time.
    void settle();

private:
    boost::asio::io_context &loop_;
    LoopClock::time_point started_;
    LoopTimer nudge_;
};

} // namespace cordon::test
