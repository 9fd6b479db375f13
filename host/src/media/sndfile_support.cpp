#include "media/sndfile_support.hpp"

#include <algorithm>
#include <cmath>
#include <system_error>

namespace cordon::media {
namespace {

constexpr double float_to_sample_scale = 32768.0;
constexpr double min_sample = -32768.0;
constexpr double max_sample = 32767.0;

} // namespace

void SndfileCloser::operator()(sf_private_tag *file) const { sf_close(file); }

std::string quoted(const std::filesystem::path &path) { return "'" + path.string() + "'"; }

Error open_failure(const std::filesystem::path &path, FileAccess access)
{
    // sf_error(nullptr) holds the reason of the last failed sf_open.
    const int reason = sf_error(nullptr);
    std::string message = std::string("cannot ") + (access == FileAccess::read ? "read" : "write") + " audio file " +
                          quoted(path) + ": " + sf_error_number(reason);
    std::error_code ignored;
    if (access == FileAccess::read && reason == SF_ERR_SYSTEM && !std::filesystem::exists(path, ignored)) {
        return {ErrorCode::not_found, std::move(message)};
    }
    switch (reason) {
    case SF_ERR_UNRECOGNISED_FORMAT:
    case SF_ERR_MALFORMED_FILE:
        return {ErrorCode::malformed_input, std::move(message)};
    case SF_ERR_UNSUPPORTED_ENCODING:
        return {ErrorCode::unsupported, std::move(message)};
    default:
        return {ErrorCode::io, std::move(message)};
    }
}

int16_t to_16_bit(float value)
{
    if (std::isnan(value)) {
        return 0;
    }
    const double scaled = std::clamp(static_cast<double>(value) * float_to_sample_scale, min_sample, max_sample);
    return static_cast<int16_t>(std::lround(scaled));
}

} // namespace cordon::media
