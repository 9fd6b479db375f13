// One configuration of a codec plugin that the conformance checks run on,
// and the speech-like signal they feed it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"
#include "media/pcm.hpp"

namespace cordon::plugin_check {

struct ConformanceCase {
    CodecConfig config;
    std::string label; // "PCMU/8000, 1 ch, 20 ms": what a failure names
};

// Every format × sample rate × channel count, at 20 ms frames when the
// format offers them, else at its first duration.
std::vector<ConformanceCase> conformance_cases(const std::vector<CodecFormat> &formats);

// Every configuration the plugin advertises (codec_configurations.hpp, at
// most max_checked_configurations), each to be created and destroyed.
std::vector<ConformanceCase> every_advertised_case(const std::vector<CodecFormat> &formats);

// Two seconds of speech at the case's rate and channels, always the same.
media::Pcm speech_for(const ConformanceCase &the_case);

// Frame `index` of a signal, zero-padded past its end.
std::vector<int16_t> frame_of(const media::Pcm &signal, size_t index, size_t frame_samples);

} // namespace cordon::plugin_check
