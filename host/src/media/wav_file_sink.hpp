// A 16-bit PCM WAV file as a sink, written as the call goes: frames go to
// disk through libsndfile, and the header is finished on close() (or, with
// no report, on destruction).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "cordon/host/result.hpp"
#include "media/audio_sink.hpp"
#include "media/sndfile_handle.hpp"

namespace cordon::media {

// RIFF sizes are 32-bit: a WAV file stops short of 4 GiB (6 hours of 48 kHz
// stereo); writes beyond it are refused rather than leaving a broken header.
inline constexpr uint64_t max_wav_data_bytes = 0xFFFFFFFFu - 1024u;

class WavFileSink final : public AudioSink {
public:
    // Creates (or replaces) the file. Errors name it: invalid_argument (a
    // format outside the file limits of wav_file.hpp), io.
    static Result<std::unique_ptr<WavFileSink>> create(const std::filesystem::path &path, uint32_t sample_rate,
                                                       uint32_t channels);
    ~WavFileSink() override;

    Result<void> write(std::span<const int16_t> frame) override;
    Result<void> close() override;

private:
    WavFileSink(std::filesystem::path path, SndfileHandle file, uint32_t channels);

    std::filesystem::path path_;
    SndfileHandle file_;
    uint32_t channels_;
    uint64_t data_bytes_ = 0;
};

} // namespace cordon::media
