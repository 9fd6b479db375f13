// The fake clock the agent tests rely on: a call's deadline runs when the
// clock says, not before, with no real time passing; libosip2's clock
// moves with it; the real clock comes back when the fake one goes.
#include <chrono>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <osip2/osip_time.h>

#include "tests/support/clock/fake_clock.hpp"
#include "ua/deadline.hpp"

namespace cordon::ua {
namespace {

using namespace std::chrono_literals;
using cordon::test::FakeClock;

TEST(FakeClock, ADeadlineRunsWhenTheFakeClockReachesItAndNotBefore)
{
    boost::asio::io_context loop;
    FakeClock clock(loop);
    Deadline deadline(loop);
    std::chrono::milliseconds ran_at{-1};
    deadline.arm(32s, [&] { ran_at = clock.elapsed(); });
    const auto real_start = std::chrono::steady_clock::now();
    clock.advance(31990ms, 10ms);
    EXPECT_EQ(ran_at.count(), -1);
    clock.advance(10ms, 10ms);
    EXPECT_EQ(ran_at, 32s);
    EXPECT_LT(std::chrono::steady_clock::now() - real_start, 10s) << "fake time costs no real time";
}

TEST(FakeClock, LibOsipReadsTheSameTime)
{
    boost::asio::io_context loop;
    FakeClock clock(loop);
    timeval before{};
    osip_gettimeofday(&before, nullptr);
    clock.advance(1500ms, 500ms);
    timeval after{};
    osip_gettimeofday(&after, nullptr);
    const long long moved_us =
        (after.tv_sec - before.tv_sec) * 1000000LL + static_cast<long long>(after.tv_usec - before.tv_usec);
    EXPECT_EQ(moved_us, 1500000);
}

TEST(FakeClock, TheRealClockComesBackWhenItGoes)
{
    {
        boost::asio::io_context loop;
        FakeClock clock(loop);
        EXPECT_TRUE(LoopClock::stopped());
    }
    EXPECT_FALSE(LoopClock::stopped());
    const auto real = std::chrono::steady_clock::now();
    EXPECT_LE(real, LoopClock::now());
}

} // namespace
} // namespace cordon::ua
