// The host's side of the codec contract, shared by every way of running a
// codec (in process now, in the sandbox later): a configuration is checked
// against the formats before a plugin sees it, and what an instance reports
// back is checked before the host relies on it.
#pragma once

#include <span>
#include <vector>

#include "cordon/codec.h"
#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"

namespace cordon {

// The format the configuration asks for, after checking sample rate,
// channels, frame duration and parameter names against it.
Result<const CodecFormat *> match_config(const std::vector<CodecFormat> &formats, const CodecConfig &config);

// The configuration a plugin is given: matched as above, with the format's
// own spelling of the encoding and its clock rate, whatever the caller typed.
Result<CodecConfig> resolve_config(const std::vector<CodecFormat> &formats, const CodecConfig &config);

// Turns what create() reported into CodecInstanceInfo, refusing sizes that
// disagree with the configuration or exceed the ABI's limits.
Result<CodecInstanceInfo> validate_instance_info(const cordon_codec_instance_info &reported, const CodecConfig &config);

// The ABI form of a configuration. The result points into config and
// params_storage, which must outlive it.
cordon_codec_config to_abi_config(const CodecConfig &config, std::vector<cordon_codec_param> &params_storage);

// Concealment for a codec that has none: one frame of silence into pcm.
Result<size_t> conceal_with_silence(const CodecInstanceInfo &info, std::span<int16_t> pcm);

// Maps a status a plugin returned (any value, known or not) to an Error.
Error error_from_status(int status, const std::string &context);

} // namespace cordon
