// The two payloads of CREATE: the configuration the host asks for, and the
// instance information the plugin reports back.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cordon/codec.h"
#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// Longest fmtp parameter value carried; SDP values are short tokens.
inline constexpr size_t max_param_value_bytes = 256;
// The instance information travels as this many uint32_t fields.
inline constexpr size_t instance_info_fields = 4;
inline constexpr size_t instance_info_payload_bytes = instance_info_fields * sizeof(uint32_t);

std::vector<uint8_t> serialise_config(const CodecConfig &config);
// Refuses truncation, trailing bytes, overlong strings, NUL bytes and more
// parameters than the ABI allows (malformed_input, naming the field).
Result<CodecConfig> parse_config(std::span<const uint8_t> bytes);

std::vector<uint8_t> serialise_instance_info(const cordon_codec_instance_info &info);
// The fields as reported, not yet checked against the configuration
// (validate_instance_info does that); struct_size is set to this host's.
Result<cordon_codec_instance_info> parse_instance_info(std::span<const uint8_t> bytes);

} // namespace cordon::sandbox
