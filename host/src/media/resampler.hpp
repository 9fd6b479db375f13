// Sample-rate and channel-count conversion, so that any file or generated
// signal can be fed to a codec instance at its own format.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cordon/host/result.hpp"
#include "media/pcm.hpp"

struct SpeexResamplerState_;

namespace cordon::media {

// SpeexDSP quality 0..10. Offline conversion for tests and files favours
// accuracy over speed; 8 keeps aliasing and ripple well below any codec's
// noise at a fraction of the cost of 10.
inline constexpr int resample_quality = 8;
// Rates accepted on either side of a conversion.
inline constexpr uint32_t max_resample_rate = 384000;
inline constexpr uint32_t max_resample_channels = 8;

// A streaming converter owning one SpeexDSP resampler. The output is aligned
// with the input: the filter's start-up latency is skipped, and finish()
// returns the tail still inside the filter.
class Resampler {
public:
    static Result<Resampler> create(uint32_t channels, uint32_t input_rate, uint32_t output_rate,
                                    int quality = resample_quality);

    Resampler(Resampler &&other) noexcept;
    Resampler &operator=(Resampler &&other) noexcept;
    Resampler(const Resampler &) = delete;
    Resampler &operator=(const Resampler &) = delete;
    ~Resampler();

    // Converts interleaved input (whole frames) and appends to output.
    Result<void> process(std::span<const int16_t> input, std::vector<int16_t> &output);
    // Flushes the samples the filter still holds; call once at the end.
    Result<void> finish(std::vector<int16_t> &output);

    uint32_t channels() const { return channels_; }

private:
    Resampler(SpeexResamplerState_ *state, uint32_t channels) : state_(state), channels_(channels) {}

    SpeexResamplerState_ *state_ = nullptr;
    uint32_t channels_ = 0;
};

// The whole signal at target_rate; a copy when the rate already matches. The
// output has round(frames * target_rate / sample_rate) frames.
Result<Pcm> resample(const Pcm &input, uint32_t target_rate);

// Mixes or spreads channels: to mono by averaging, from mono by duplicating,
// between other counts through a mono mix. channels == 0 gives an empty Pcm.
Pcm to_channels(const Pcm &input, uint32_t channels);

} // namespace cordon::media
