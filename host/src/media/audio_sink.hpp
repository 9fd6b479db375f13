// Where a call's incoming audio goes, a frame at a time: nowhere, memory
// (tests), or a file (wav_file_sink.hpp).
#pragma once

#include <span>

#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

namespace cordon::media {

class AudioSink {
public:
    virtual ~AudioSink() = default;
    // Takes interleaved samples at the format the sink was made for.
    virtual Result<void> write(std::span<const int16_t> frame) = 0;
    // Finishes the sink (a file's header); later writes are refused.
    virtual Result<void> close() { return {}; }
};

class NullSink final : public AudioSink {
public:
    Result<void> write(std::span<const int16_t>) override { return {}; }
};

// Keeps everything written, up to max_seconds (then refuses with io).
class MemorySink final : public AudioSink {
public:
    MemorySink(uint32_t sample_rate, uint32_t channels, double max_seconds);
    Result<void> write(std::span<const int16_t> frame) override;
    const Pcm &pcm() const { return pcm_; }

private:
    Pcm pcm_;
    size_t max_samples_;
};

} // namespace cordon::media
