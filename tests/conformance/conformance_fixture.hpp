#pragma once

#include <gtest/gtest.h>

#include "media/pcm.hpp"
#include "plugin_under_test.hpp"
#include "raw_instance.hpp"

namespace cordon::conformance {

inline constexpr double test_signal_seconds = 2.0;
inline constexpr uint32_t test_signal_seed = 7;

class CodecConformance : public testing::TestWithParam<ConformanceCase> {
protected:
    const ConformanceCase &the_case() const { return GetParam(); }
    const CodecConfig &config() const { return GetParam().config; }
    const cordon_codec_interface *raw() const { return GetParam().plugin->raw; }

    // The speech-like signal at the case's rate and channels.
    media::Pcm speech() const;
    // Frame i of a signal (zero-padded at the end).
    static std::vector<int16_t> frame(const media::Pcm &signal, size_t index, size_t frame_samples);
    // The packets the instance makes of the first `count` frames of speech().
    std::vector<std::vector<uint8_t>> encode_frames(RawInstance &instance, size_t count) const;
};

}  // namespace cordon::conformance
