// The codec plugin and configuration that serve a negotiated payload format.
#pragma once

#include <cstdint>
#include <string>

#include "cordon/host/codec.hpp"
#include "cordon/host/plugins.hpp"
#include "cordon/host/result.hpp"

namespace cordon::call_media {

// The first loaded codec plugin with a format of this encoding name (case
// does not matter, RFC 4855) and RTP clock rate; nullptr when none.
const CodecPlugin *find_codec_for(const PluginRegistry &plugins, const std::string &encoding_name,
                                  std::uint32_t clock_rate);

// A configuration for one 20 ms frame per packet, mono, at the clock rate
// when the plugin runs at it (else its highest rate: Opus's RTP clock is
// always 48 kHz). Errors: not_found (the plugin has no such format).
Result<CodecConfig> codec_config_for(const CodecPlugin &plugin, const std::string &encoding_name,
                                     std::uint32_t clock_rate, std::uint32_t frame_duration_us);

} // namespace cordon::call_media
