// An audio file as a source, streamed from disk (calls may be long): read in
// chunks through libsndfile, converted to the caller's rate and channel count,
// optionally looped; at its end, silence.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "cordon/host/result.hpp"
#include "media/audio_source.hpp"
#include "media/resampler.hpp"
#include "media/sndfile_handle.hpp"

namespace cordon::media {

enum class AtEnd { stop, loop };

class WavFileSource final : public AudioSource {
public:
    // Errors name the file: not_found, io, malformed_input, unsupported (more
    // than max_audio_file_channels channels, a rate out of range), and
    // invalid_argument for a target format the resampler refuses.
    static Result<std::unique_ptr<WavFileSource>> open(const std::filesystem::path &path, uint32_t sample_rate,
                                                       uint32_t channels, AtEnd at_end = AtEnd::stop);

    Result<void> read(std::span<int16_t> frame) override;
    bool finished() const override { return file_done_ && pending_.empty(); }

private:
    WavFileSource(std::filesystem::path path, SndfileHandle file, uint32_t file_rate, uint32_t file_channels,
                  uint32_t channels, std::optional<Resampler> resampler, AtEnd at_end);
    // Reads one chunk of the file into pending_; at the end, loops or flushes.
    Result<void> refill();

    std::filesystem::path path_;
    SndfileHandle file_;
    uint32_t file_rate_;
    uint32_t file_channels_;
    uint32_t channels_;
    std::optional<Resampler> resampler_; // none when the file is at the rate asked for
    AtEnd at_end_;
    bool file_done_ = false;
    bool read_since_start_ = false; // a loop over a file with no frames would never end
    std::vector<float> chunk_;
    std::vector<int16_t> pending_; // converted samples not yet read
};

} // namespace cordon::media
