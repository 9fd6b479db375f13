// Whether a sandboxed codec keeps up with real time, over a window of audio
// that slides by a fifth of itself. Each round trip of frames adds the audio
// it carried and the wall time it took; once a slice (a fifth of the window)
// of audio is complete, the host reads how long the child waited for a CPU
// meanwhile (RunQueueWait) and what is left is the codec's own time:
// running, or sleeping and blocking by its own choice, since a codec that
// sleeps is as slow as one that computes. Own time over the last window's
// audio past the limit is "too slow for real time", wherever the slow
// stretch falls (a window that only tumbled could split it in two halves
// that each pass). The host thread's own wait for a CPU is taken out too
// when one thread made the slice's round trips (a reply the host noticed
// late is not the codec's time). Kernel readings once per slice, none per
// round trip, so the measurement costs nothing per frame.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <deque>

#include "sandbox/supervisor/run_queue_wait.hpp"

namespace cordon::sandbox {

// The kernel's readings at a window's edge.
struct WaitReadings {
    std::optional<std::chrono::nanoseconds> child;
    std::optional<ThreadWait> host;
};

struct RealTimeVerdict {
    std::chrono::nanoseconds own_time{0};
    std::chrono::nanoseconds audio{0};
    uint32_t percent = 0; // own time as a share of the audio's duration
    std::string describe() const;
};

class RealTimeMeter {
public:
    RealTimeMeter(uint32_t limit_percent, std::chrono::nanoseconds window)
        : limit_percent_(limit_percent), window_(window)
    {
    }

    // A new child: forget the old one's figures. run_queue_wait: the new
    // child's reading now (nullopt: the kernel does not say, so no verdict).
    void restart(const WaitReadings &readings);
    // One round trip carried audio and took wall time. true when a slice is
    // complete: then call close_slice with a fresh reading.
    bool add(std::chrono::nanoseconds audio, std::chrono::nanoseconds wall);
    // Ends the slice; a verdict when the codec was too slow over the window
    // that ends with it.
    std::optional<RealTimeVerdict> close_slice(const WaitReadings &readings);

    uint32_t limit_percent() const { return limit_percent_; }

private:
    struct Slice {
        std::chrono::nanoseconds own{0};
        std::chrono::nanoseconds audio{0};
    };

    uint32_t limit_percent_;
    std::chrono::nanoseconds window_;
    WaitReadings at_start_; // of the open slice
    std::chrono::nanoseconds audio_{0};
    std::chrono::nanoseconds wall_{0};
    std::deque<Slice> closed_; // the last window's slices, oldest first
};

} // namespace cordon::sandbox
