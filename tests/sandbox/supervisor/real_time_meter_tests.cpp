// The real-time meter judges the codec's own time over a window of audio
// that slides: a slow stretch is caught wherever it falls, a codec that
// keeps up never is, and a slice without the kernel's figures judges nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "sandbox/supervisor/real_time_meter.hpp"

namespace cordon::sandbox {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::nanoseconds frame_length = 20ms;

// Frames of 20 ms audio, each taking `percent` of its duration; the child
// never waited for a CPU. The first verdict, if any.
struct MeterRun {
    RealTimeMeter meter{100, 1s};
    std::chrono::nanoseconds child_waited{0};
    std::optional<RealTimeVerdict> verdict;
    int frames = 0;

    MeterRun() { meter.restart({child_waited, std::nullopt}); }

    void frames_at(int count, int percent)
    {
        for (int frame = 0; frame < count && !verdict; ++frame) {
            ++frames;
            if (meter.add(frame_length, frame_length * percent / 100)) {
                verdict = meter.close_slice({child_waited, std::nullopt});
            }
        }
    }
};

TEST(RealTimeMeter, ACodecThatKeepsUpIsNeverJudgedSlow)
{
    MeterRun run;
    run.frames_at(500, 95);
    EXPECT_FALSE(run.verdict);
}

TEST(RealTimeMeter, ASteadilySlowCodecIsJudgedAfterOneWindow)
{
    MeterRun run;
    run.frames_at(500, 175);
    ASSERT_TRUE(run.verdict);
    EXPECT_EQ(run.frames, 50) << "judged after a second of audio";
    EXPECT_EQ(run.verdict->percent, 175u);
    EXPECT_EQ(run.verdict->audio, 1s);
}

// 0.6 s fast, 0.6 s slow, 0.8 s fast: a window that only tumbled (0-1 s,
// 1-2 s) sees 100 % and 75 % and lets it pass; the sliding one does not.
TEST(RealTimeMeter, ASlowStretchAcrossTwoWindowsIsCaught)
{
    MeterRun run;
    run.frames_at(30, 50);
    run.frames_at(30, 175);
    run.frames_at(40, 50);
    ASSERT_TRUE(run.verdict) << "the slow stretch was split and passed";
    EXPECT_GT(run.verdict->percent, 100u);
}

TEST(RealTimeMeter, WaitsForACpuAreNotTheCodecsTime)
{
    MeterRun run;
    for (int slice = 0; slice < 25 && !run.verdict; ++slice) {
        // Each slice: 10 frames at 175 % wall time, 150 ms of it spent
        // waiting for a CPU: 200 ms of own time for 200 ms of audio.
        run.child_waited += 150ms;
        run.frames_at(10, 175);
    }
    EXPECT_FALSE(run.verdict);
}

TEST(RealTimeMeter, ASliceWithoutTheKernelsFiguresJudgesNothing)
{
    RealTimeMeter meter(100, 1s);
    meter.restart({std::nullopt, std::nullopt});
    for (int frame = 0; frame < 200; ++frame) {
        if (meter.add(frame_length, frame_length * 3)) {
            EXPECT_FALSE(meter.close_slice({std::nullopt, std::nullopt}));
        }
    }
}

} // namespace
} // namespace cordon::sandbox
