// Where a call's outgoing audio comes from, a frame at a time, so that calls
// run headless: generated signals here, files in wav_file_source.hpp.
#pragma once

#include <cstdint>
#include <span>

#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

namespace cordon::media {

class AudioSource {
public:
    virtual ~AudioSource() = default;
    // Fills frame with the next samples, interleaved, at the rate and channel
    // count the source was made for; once finished, with silence. Errors:
    // invalid_argument (not a whole number of channel frames), io.
    virtual Result<void> read(std::span<int16_t> frame) = 0;
    // True once everything the source had was read; reads give silence.
    virtual bool finished() const = 0;
};

// Silence for ever.
class SilenceSource final : public AudioSource {
public:
    explicit SilenceSource(uint32_t channels) : channels_(channels) {}
    Result<void> read(std::span<int16_t> frame) override;
    bool finished() const override { return false; }

private:
    uint32_t channels_;
};

// A sine for ever, the same in every channel, continuous across reads.
class ToneSource final : public AudioSource {
public:
    // Errors: invalid_argument (no channels, a rate outside 1..384000 Hz, a
    // frequency not below half the rate, a level above 0 dBFS).
    static Result<ToneSource> create(uint32_t sample_rate, uint32_t channels, double frequency_hz, double level_dbfs);
    Result<void> read(std::span<int16_t> frame) override;
    bool finished() const override { return false; }

private:
    ToneSource(uint32_t sample_rate, uint32_t channels, double frequency_hz, double amplitude);

    uint32_t sample_rate_;
    uint32_t channels_;
    double frequency_hz_;
    double amplitude_;
    uint64_t next_frame_ = 0;
};

// generate_speech_like for a duration, generated once and then streamed;
// finished at its end.
class SpeechSource final : public AudioSource {
public:
    // Errors: invalid_argument (no channels or rate, a duration outside
    // 0..max_speech_seconds).
    static Result<SpeechSource> create(uint32_t sample_rate, uint32_t channels, double seconds, uint32_t seed);
    Result<void> read(std::span<int16_t> frame) override;
    bool finished() const override { return position_ >= speech_.samples.size(); }

private:
    explicit SpeechSource(Pcm speech) : speech_(std::move(speech)) {}

    Pcm speech_;
    size_t position_ = 0;
};

} // namespace cordon::media
