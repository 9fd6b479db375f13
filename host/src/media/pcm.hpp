// One block of 16-bit audio in memory: the currency of every media utility.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cordon::media {

struct Pcm {
    uint32_t sample_rate = 0;     // Hz
    uint32_t channels = 0;        // samples per frame
    std::vector<int16_t> samples; // interleaved: frame 0 ch 0, frame 0 ch 1, frame 1 ch 0, ...

    // Whole frames only: a trailing partial frame (a malformed Pcm) is not counted.
    size_t frames() const { return channels == 0 ? 0 : samples.size() / channels; }

    double duration_seconds() const { return sample_rate == 0 ? 0.0 : static_cast<double>(frames()) / sample_rate; }

    // True when samples hold a whole number of frames of a nonzero format.
    bool is_well_formed() const { return sample_rate > 0 && channels > 0 && samples.size() % channels == 0; }

    bool operator==(const Pcm &) const = default;
};

} // namespace cordon::media
