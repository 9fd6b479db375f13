// Picks a codec plugin, one of its formats and the PCM rate and channels for
// a round trip, from what the user typed and what the input file holds.
#pragma once

#include <optional>
#include <string>

#include "cordon/host/codec.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/result.hpp"

namespace cordon::cli {

struct CodecRequest {
    std::string codec;                   // plugin id, or an encoding name ("opus", "PCMA")
    std::optional<std::string> encoding; // narrows a plugin with several formats
    std::optional<uint32_t> sample_rate;
    std::optional<uint32_t> channels;
};

struct CodecChoice {
    const CodecPlugin *plugin = nullptr;
    const CodecFormat *format = nullptr;
    uint32_t sample_rate = 0;
    uint32_t channels = 1;
};

// input_rate and input_channels are the audio's own; they decide the rate
// and channels when the request leaves them open.
Result<CodecChoice> choose_codec(const PluginRegistry &registry, const CodecRequest &request, uint32_t input_rate,
                                 uint32_t input_channels);

} // namespace cordon::cli
