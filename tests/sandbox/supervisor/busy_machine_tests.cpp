// A healthy sandboxed codec on a saturated machine is not a fault: the host
// judges a hang by the child's own time (running, or sleeping by its own
// choice), not by the time it waited for a CPU. Every CPU gets a busy thread
// at normal priority, and once started the child is moved to SCHED_IDLE (a
// user may lower their own processes) while this thread, the host, runs as
// normal: the host wakes on time at the child's 5 ms call deadline while the
// child is still waiting for a CPU, round trip after round trip.
// Judged by the wall clock, as before, it would be killed as hung.
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::milliseconds tight_deadline{5};
// Round trips that took longer than the deadline by the clock: proof that
// the machine was saturated, so the test could have failed.
constexpr int late_round_trips_wanted = 5;
constexpr int most_frames = 2000;

class CpuHogs {
public:
    CpuHogs()
    {
        // One per CPU, pinned there: left to the scheduler, two could share
        // one CPU and leave the child's free.
        cpu_set_t allowed;
        CPU_ZERO(&allowed);
        sched_getaffinity(0, sizeof(allowed), &allowed);
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
            if (!CPU_ISSET(cpu, &allowed)) {
                continue;
            }
            threads_.emplace_back([this, cpu] {
                cpu_set_t only;
                CPU_ZERO(&only);
                CPU_SET(cpu, &only);
                sched_setaffinity(0, sizeof(only), &only);
                while (!stop_.load(std::memory_order_relaxed)) {
                }
            });
        }
    }
    ~CpuHogs()
    {
        stop_.store(true);
        for (std::thread &thread : threads_) {
            thread.join();
        }
    }
    CpuHogs(const CpuHogs &) = delete;
    CpuHogs &operator=(const CpuHogs &) = delete;

private:
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

// Lets pid run only when a CPU has nothing else to do.
bool move_to_idle_policy(pid_t pid)
{
    const sched_param none{};
    return sched_setscheduler(pid, SCHED_IDLE, &none) == 0;
}

TEST(BusyMachine, AHealthyCodecThatGetsNoCpuIsNotKilledAsHung)
{
    const CpuHogs hogs;
    test::CapturingLogger logger;
    const fs::path builtin = CORDON_BUILTIN_PLUGIN_DIR;
    SandboxLimits limits;
    limits.call_deadline = tight_deadline;
    PluginSearch search{{builtin}, {builtin}, {}, limits};
    search.sandboxed = {"*"};
    auto registry = PluginRegistry::load(search, logger);
    const CodecPlugin *g711 = registry->find_codec("org.cordon.codec.g711");
    ASSERT_NE(g711, nullptr);
    ASSERT_EQ(g711->isolation(), Isolation::sandbox);
    CodecConfig config;
    config.encoding_name = "PCMU";
    config.clock_rate = config.sample_rate = 8000;
    config.channels = 1;
    config.frame_duration_us = 20000;
    auto instance = g711->create(config);
    ASSERT_TRUE(instance) << instance.error().message;
    ASSERT_TRUE(move_to_idle_policy(static_cast<pid_t>(g711->sandbox_stats()->pid))) << std::strerror(errno);
    const std::vector<int16_t> frame((*instance)->info().frame_samples(), 1000);
    std::vector<uint8_t> packet((*instance)->info().max_packet_bytes);

    int late = 0;
    int frames = 0;
    for (; frames < most_frames && late < late_round_trips_wanted; ++frames) {
        const auto started = std::chrono::steady_clock::now();
        auto encoded = (*instance)->encode(frame, packet);
        ASSERT_TRUE(encoded) << "frame " << frames << ": " << encoded.error().message;
        late += std::chrono::steady_clock::now() - started > tight_deadline ? 1 : 0;
    }
    ASSERT_GE(late, late_round_trips_wanted)
        << "the machine was not saturated after " << frames << " frames, so the test proves nothing";
    const SandboxStats stats = *g711->sandbox_stats();
    EXPECT_EQ(stats.total_faults(), 0u) << stats.last_fault;
    EXPECT_EQ(stats.restarts, 0u);
}

} // namespace
} // namespace cordon
