// Checks what a codec plugin states about itself (its interface table and
// formats) and copies the formats out, so that nothing later reads the
// plugin's memory for them again.
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

// Error code contract_violation with a message naming the first problem.
Result<std::vector<CodecFormat>> validate_codec_interface(const cordon_codec_interface *codec);

}  // namespace cordon
