// Whether a figure sampled once per soak cycle grows: the median of the
// last window of samples against the median of the first window after the
// warm-up. Medians, so one slow or busy cycle on a shared machine does not
// decide; a leak moves every sample, so it moves the median too.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cordon::test {

struct Growth {
    double early = 0; // median of the first window after the warm-up
    double late = 0;  // median of the last window
    double by() const { return late - early; }
};

// samples: one per cycle, in order; needs warm_up + 2 * window of them
// (fewer: both medians over what there is after the warm-up).
Growth growth_of(const std::vector<double> &samples, std::size_t warm_up, std::size_t window);

// "early 1234 -> late 1240 (+6)", for failure messages.
std::string describe(const Growth &growth);

} // namespace cordon::test
