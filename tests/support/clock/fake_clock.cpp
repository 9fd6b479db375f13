#include "tests/support/clock/fake_clock.hpp"

#include <algorithm>
#include <sys/time.h>

namespace cordon::test {

FakeClock::FakeClock(boost::asio::io_context &loop)
    : loop_(loop), started_(std::chrono::steady_clock::now()), nudge_(loop)
{
    LoopClock::stop_at(started_);
}

FakeClock::~FakeClock()
{
    nudge_.cancel();
    LoopClock::run();
}

std::chrono::milliseconds FakeClock::elapsed() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(LoopClock::now() - started_);
}

// Asio's reactor learns of due timers from a timerfd armed in real time, so
// after moving the clock the queue must be looked at again: a timer that
// expires before every other one makes the reactor recompute its wait
// (zero now) and collect every timer the stopped clock says is due.
void FakeClock::settle()
{
    for (int round = 0; round < 1000; ++round) {
        nudge_.expires_at(LoopClock::time_point::min());
        nudge_.async_wait([](const boost::system::error_code &) {});
        loop_.restart();
        std::size_t ran = 0;
        while (const std::size_t now_ran = loop_.poll()) {
            ran += now_ran;
            loop_.restart();
        }
        if (ran <= 1) { // the nudge itself, and nothing else
            return;
        }
    }
}

void FakeClock::advance(std::chrono::milliseconds by, std::chrono::milliseconds step)
{
    const LoopClock::time_point until = LoopClock::now() + by;
    settle();
    while (LoopClock::now() < until) {
        LoopClock::stop_at(std::min(until, LoopClock::now() + step));
        settle();
    }
}

} // namespace cordon::test

// libosip2's clock (osip_time.h), replaced for the test binary: its
// transaction timers keep LoopClock's time. Same epoch as libosip2's own
// (CLOCK_MONOTONIC, steady_clock's).
extern "C" int osip_gettimeofday(struct timeval *tp, void * /*tz*/)
{
    const auto since =
        std::chrono::duration_cast<std::chrono::microseconds>(cordon::LoopClock::now().time_since_epoch());
    tp->tv_sec = static_cast<time_t>(since.count() / 1000000);
    tp->tv_usec = static_cast<suseconds_t>(since.count() % 1000000);
    return 0;
}
