// The call's one-shot timers: an action runs once, on time, and never after
// it was cancelled, armed again or its deadline destroyed.
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "ua/deadline.hpp"

namespace cordon::ua {
namespace {

using namespace std::chrono_literals;

void run_for(boost::asio::io_context &loop, std::chrono::milliseconds duration)
{
    loop.run_for(duration);
    loop.restart();
}

TEST(Deadline, RunsItsActionOnceWhenTheDelayHasPassed)
{
    boost::asio::io_context loop;
    Deadline deadline(loop);
    int runs = 0;
    const auto started = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration took{};
    deadline.arm(100ms, [&] {
        ++runs;
        took = std::chrono::steady_clock::now() - started;
    });
    EXPECT_TRUE(deadline.armed());
    run_for(loop, 300ms);
    EXPECT_EQ(runs, 1);
    EXPECT_GE(took, 100ms);
    EXPECT_FALSE(deadline.armed());
}

TEST(Deadline, ACancelledActionNeverRuns)
{
    boost::asio::io_context loop;
    Deadline deadline(loop);
    int runs = 0;
    deadline.arm(50ms, [&] { ++runs; });
    deadline.cancel();
    run_for(loop, 150ms);
    EXPECT_EQ(runs, 0);
}

// The timer's handler may already be queued when the deadline is cancelled:
// the action must not run all the same.
TEST(Deadline, CancelledAfterExpiryButBeforeTheHandlerRanItStillNeverRuns)
{
    boost::asio::io_context loop;
    Deadline deadline(loop);
    int runs = 0;
    deadline.arm(1ms, [&] { ++runs; });
    std::this_thread::sleep_for(20ms); // expired, its handler not yet run
    deadline.cancel();
    run_for(loop, 50ms);
    EXPECT_EQ(runs, 0);
}

TEST(Deadline, ArmingAgainReplacesTheAction)
{
    boost::asio::io_context loop;
    Deadline deadline(loop);
    int first = 0;
    int second = 0;
    deadline.arm(1ms, [&] { ++first; });
    std::this_thread::sleep_for(20ms);
    deadline.arm(30ms, [&] { ++second; });
    run_for(loop, 150ms);
    EXPECT_EQ(first, 0);
    EXPECT_EQ(second, 1);
}

TEST(Deadline, ItsActionMayDestroyItOrArmItAgain)
{
    boost::asio::io_context loop;
    auto deadline = std::make_unique<Deadline>(loop);
    int runs = 0;
    deadline->arm(1ms, [&] {
        ++runs;
        deadline.reset();
    });
    run_for(loop, 50ms);
    EXPECT_EQ(runs, 1);
    EXPECT_FALSE(deadline);

    Deadline again(loop);
    int ticks = 0;
    std::function<void()> tick = [&] {
        if (++ticks < 3) {
            again.arm(1ms, tick);
        }
    };
    again.arm(1ms, tick);
    run_for(loop, 100ms);
    EXPECT_EQ(ticks, 3);
}

TEST(Deadline, DestroyedWithAnExpiredTimerItsActionNeverRuns)
{
    boost::asio::io_context loop;
    int runs = 0;
    {
        Deadline deadline(loop);
        deadline.arm(1ms, [&] { ++runs; });
        std::this_thread::sleep_for(20ms);
    }
    run_for(loop, 50ms);
    EXPECT_EQ(runs, 0);
}

} // namespace
} // namespace cordon::ua
