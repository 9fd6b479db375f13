// Checks what a codec plugin states about itself. Two steps: reading its C
// interface table copies the formats out of the plugin's memory into plain
// values, bounded and never past a NULL, so that nothing later reads that
// memory again; checking those values is plain C++, and the sandbox runs the
// same check on the formats a child reports.
#pragma once

#include <vector>

#include "cordon/codec.h"
#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"

namespace cordon {

// The smallest tables the host accepts: everything "cordon.codec/1" defines.
inline constexpr uint32_t codec_interface_size_v1 = sizeof(cordon_codec_interface);
inline constexpr uint32_t codec_format_size_v1 = sizeof(cordon_codec_format);

// Limits on the values a format states; past them a format is refused.
inline constexpr size_t max_encoding_name_bytes = 32;
inline constexpr size_t max_fmtp_name_bytes = 64;
inline constexpr uint32_t min_clock_rate_hz = 1000;
inline constexpr uint32_t max_clock_rate_hz = 192000;
inline constexpr uint32_t min_sample_rate_hz = 8000;
inline constexpr uint32_t min_frame_duration_us = 2500;
inline constexpr uint32_t max_frame_duration_us = 120000;
inline constexpr int32_t max_static_payload_type = 95;

// The formats, or contract_violation naming the first problem found.
Result<std::vector<CodecFormat>> validate_codec_formats(std::vector<CodecFormat> formats);

// Reads the table (required functions, sizes, every format) and checks its
// formats with validate_codec_formats.
Result<std::vector<CodecFormat>> validate_codec_interface(const cordon_codec_interface *codec);

} // namespace cordon
