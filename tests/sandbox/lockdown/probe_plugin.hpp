// The probe's use of a real plugin: load it under the lockdown, and
// run one Opus frame through it once serving.
#pragma once

#include <string>

#include "sandbox/lockdown/lockdown.hpp"

namespace cordon::sandbox::probe {

struct LoadedCodec {
    const void *codec_interface = nullptr; // a cordon_codec_interface
};

// dlopen (through the token), entry, init, get_interface("cordon.codec/1").
Result<LoadedCodec> load_codec_plugin(const Lockdown &lockdown, const std::string &path);

// Encodes and decodes one 20 ms mono Opus frame; true when both worked and
// the decoder returned a whole frame.
bool opus_round_trip(const LoadedCodec &codec);

} // namespace cordon::sandbox::probe
