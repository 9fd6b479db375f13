// What every libsndfile user in media shares: refusals that name the file,
// and the one float-to-16-bit conversion (the handle: sndfile_handle.hpp).
#pragma once

#include <sndfile.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "cordon/host/result.hpp"
#include "media/sndfile_handle.hpp"

namespace cordon::media {

std::string quoted(const std::filesystem::path &path);

enum class FileAccess { read, write };

// The reason the last sf_open failed, as an error naming the file: not_found,
// malformed_input, unsupported or io.
Error open_failure(const std::filesystem::path &path, FileAccess access);

// libsndfile normalises integer formats by 1/32768 (so 16-bit data comes back
// exactly); float data beyond full scale is clipped, and NaN becomes silence.
int16_t to_16_bit(float value);

} // namespace cordon::media
