// The codec configurations the codec benchmarks measure: one entry per mode a
// call could plausibly use, named so that a filter can pick them out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"

namespace cordon::bench {

// How the concealment benchmark of a mode stands in for a lost frame.
enum class Concealment {
    loss_concealment, // the codec's own guess, no later packet at hand
    fec_recovery,     // rebuilt from the in-band FEC copy in the next packet
};

struct CodecMode {
    std::string name;      // benchmark name part: "opus_16k_mono_24k"
    std::string label;     // how the ratio table shows it: "opus 16k mono 24k"
    std::string plugin_id; // "org.cordon.codec.opus"
    CodecConfig config;
    std::optional<Concealment> concealment; // measured only when set
};

// Every mode, in the order the benchmarks run: G.711, Opus, Speex.
std::vector<CodecMode> codec_modes();

} // namespace cordon::bench
