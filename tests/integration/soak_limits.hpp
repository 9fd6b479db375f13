// What the soak tests share: their size from the environment (a longer run
// for benchmarks), which samples count as warm-up, and how much growth is
// noise. The allowance is per call measured with a floor: an allocator
// settling, a page of a library touched late, is a few hundred KiB once; a
// leak is a figure per call, and the were 62 and 110 kB.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>

namespace cordon::test {

// Under AddressSanitizer freed memory waits in a quarantine and every
// allocation carries redzones, so RSS and the heap say nothing about leaks;
// there the sanitizer's own leak check at exit judges memory, and the soak
// tests check only what the agents hold and the descriptors, over fewer
// cycles (a debug build under ASan runs several times slower).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool memory_figures_meaningful = false;
inline constexpr std::size_t sanitizer_slowdown = 3;
#else
inline constexpr bool memory_figures_meaningful = true;
inline constexpr std::size_t sanitizer_slowdown = 1;
#endif

// The value of variable name when it is a positive number, else fallback.
inline std::size_t soak_setting(const char *name, std::size_t fallback)
{
    const char *text = std::getenv(name);
    if (text == nullptr) {
        return fallback;
    }
    char *end = nullptr;
    const unsigned long value = std::strtoul(text, &end, 10);
    return end != text && *end == '\0' && value > 0 ? static_cast<std::size_t>(value) : fallback;
}

struct SoakWindows {
    std::size_t warm_up = 0;         // samples left out: caches, pools and the allocator filling
    std::size_t window = 0;          // samples in each median
    std::size_t measured_cycles = 0; // between the first window and the last
};

inline SoakWindows soak_windows(std::size_t samples)
{
    SoakWindows windows;
    windows.warm_up = std::max<std::size_t>(2, samples / 4);
    windows.window = std::max<std::size_t>(3, samples / 5);
    const std::size_t used = windows.warm_up + windows.window;
    windows.measured_cycles = samples > used ? samples - used : 1;
    return windows;
}

inline constexpr double growth_floor_kib = 512;
inline constexpr double growth_per_call_kib = 4;
inline constexpr double allowed_transaction_growth = 4;

inline double allowed_growth_kib(double measured_calls)
{
    return std::max(growth_floor_kib, growth_per_call_kib * measured_calls);
}

// The heap in use is exact to the byte, so its allowance is far smaller: what
// caches that fill slowly (a map's nodes, a string's capacity) may add.
inline constexpr double heap_growth_floor_kib = 32;
inline constexpr double heap_growth_per_call_kib = 0.1;

inline double allowed_heap_growth_kib(double measured_calls)
{
    return std::max(heap_growth_floor_kib, heap_growth_per_call_kib * measured_calls);
}

} // namespace cordon::test
