// Audio files through libsndfile: read anything it reads as 16-bit PCM, write
// 16-bit PCM WAV. Files are input like any other: sizes are capped before
// memory grows, and every refusal names the file.
#pragma once

#include <cstdint>
#include <filesystem>

#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

namespace cordon::media {

// Longest audio accepted in either direction: ten minutes covers any test call
// recording and bounds the memory a hostile header can ask for.
inline constexpr uint32_t max_audio_file_seconds = 600;
// Highest sample rate accepted; together with the duration cap this bounds size.
inline constexpr uint32_t max_audio_file_sample_rate = 192000;
// Cordon's media path is mono or stereo; anything wider is refused, not mixed.
inline constexpr uint32_t max_audio_file_channels = 2;

// Errors: not_found (no such file), io (cannot open or read), malformed_input
// (not audio, or a header libsndfile rejects), unsupported (too many channels,
// too long, rate out of range).
Result<Pcm> read_wav(const std::filesystem::path &path);

// Writes a 16-bit PCM WAV file, replacing any existing file. Errors:
// invalid_argument (a malformed Pcm or one beyond the caps above), io.
// A file left half-written by a failure is removed.
Result<void> write_wav(const std::filesystem::path &path, const Pcm &pcm);

} // namespace cordon::media
