#include "media/resampler.hpp"

#include <speex/speex_resampler.h>

#include <algorithm>
#include <string>
#include <utility>

namespace cordon::media {
namespace {

// Frames handed to SpeexDSP per call; keeps its 32-bit lengths far from overflow.
constexpr uint32_t chunk_frames = 8192;
// Extra output room per call beyond the exact ratio, for the filter's rounding.
constexpr uint32_t output_slack_frames = 16;

Error speex_failure(const char *what, int status)
{
    return {ErrorCode::plugin_failure,
            std::string("SpeexDSP resampler could not ") + what + ": " + speex_resampler_strerror(status)};
}

bool rate_in_range(uint32_t rate) { return rate > 0 && rate <= max_resample_rate; }

} // namespace

Result<Resampler> Resampler::create(uint32_t channels, uint32_t input_rate, uint32_t output_rate, int quality)
{
    if (channels == 0 || channels > max_resample_channels) {
        return Error{ErrorCode::invalid_argument, "cannot resample " + std::to_string(channels) + " channels: 1.." +
                                                      std::to_string(max_resample_channels) + " supported"};
    }
    if (!rate_in_range(input_rate) || !rate_in_range(output_rate)) {
        return Error{ErrorCode::invalid_argument, "cannot resample from " + std::to_string(input_rate) + " Hz to " +
                                                      std::to_string(output_rate) + " Hz: rates must be 1.." +
                                                      std::to_string(max_resample_rate) + " Hz"};
    }
    if (quality < SPEEX_RESAMPLER_QUALITY_MIN || quality > SPEEX_RESAMPLER_QUALITY_MAX) {
        return Error{ErrorCode::invalid_argument, "resampler quality " + std::to_string(quality) + " is outside 0..10"};
    }
    int status = RESAMPLER_ERR_SUCCESS;
    SpeexResamplerState *state = speex_resampler_init(channels, input_rate, output_rate, quality, &status);
    if (state == nullptr || status != RESAMPLER_ERR_SUCCESS) {
        if (state != nullptr) {
            speex_resampler_destroy(state);
        }
        return speex_failure("start", status);
    }
    // Drops the filter's leading zeros so output sample 0 lines up with input sample 0.
    speex_resampler_skip_zeros(state);
    return Resampler(state, channels);
}

Resampler::Resampler(Resampler &&other) noexcept
    : state_(std::exchange(other.state_, nullptr)), channels_(other.channels_)
{
}

Resampler &Resampler::operator=(Resampler &&other) noexcept
{
    if (this != &other) {
        if (state_ != nullptr) {
            speex_resampler_destroy(state_);
        }
        state_ = std::exchange(other.state_, nullptr);
        channels_ = other.channels_;
    }
    return *this;
}

Resampler::~Resampler()
{
    if (state_ != nullptr) {
        speex_resampler_destroy(state_);
    }
}

Result<void> Resampler::process(std::span<const int16_t> input, std::vector<int16_t> &output)
{
    if (state_ == nullptr) {
        return Error{ErrorCode::invalid_argument, "resampler used after being moved from"};
    }
    if (input.size() % channels_ != 0) {
        return Error{ErrorCode::invalid_argument, "resampler input of " + std::to_string(input.size()) +
                                                      " samples is not a whole number of " + std::to_string(channels_) +
                                                      "-channel frames"};
    }
    spx_uint32_t input_rate = 0;
    spx_uint32_t output_rate = 0;
    speex_resampler_get_rate(state_, &input_rate, &output_rate);
    size_t remaining = input.size() / channels_;
    const int16_t *next = input.data();
    while (remaining > 0) {
        auto input_frames = static_cast<spx_uint32_t>(std::min<size_t>(remaining, chunk_frames));
        const auto capacity =
            static_cast<spx_uint32_t>(uint64_t{input_frames} * output_rate / input_rate + output_slack_frames);
        const size_t offset = output.size();
        output.resize(offset + size_t{capacity} * channels_);
        spx_uint32_t output_frames = capacity;
        const int status = speex_resampler_process_interleaved_int(state_, next, &input_frames, output.data() + offset,
                                                                   &output_frames);
        if (status != RESAMPLER_ERR_SUCCESS) {
            output.resize(offset);
            return speex_failure("convert", status);
        }
        output.resize(offset + size_t{std::min(output_frames, capacity)} * channels_);
        if (input_frames == 0 && output_frames == 0) {
            return Error{ErrorCode::plugin_failure, "SpeexDSP resampler made no progress"};
        }
        next += size_t{input_frames} * channels_;
        remaining -= std::min<size_t>(input_frames, remaining);
    }
    return {};
}

Result<void> Resampler::finish(std::vector<int16_t> &output)
{
    if (state_ == nullptr) {
        return Error{ErrorCode::invalid_argument, "resampler used after being moved from"};
    }
    const int latency = speex_resampler_get_input_latency(state_);
    const std::vector<int16_t> silence(static_cast<size_t>(std::max(latency, 0)) * channels_, 0);
    return process(silence, output);
}

Result<Pcm> resample(const Pcm &input, uint32_t target_rate)
{
    if (!input.is_well_formed()) {
        return Error{ErrorCode::invalid_argument, "cannot resample audio of " + std::to_string(input.channels) +
                                                      " channels at " + std::to_string(input.sample_rate) +
                                                      " Hz with " + std::to_string(input.samples.size()) +
                                                      " samples: not a whole number of frames"};
    }
    if (target_rate == input.sample_rate) {
        return input;
    }
    auto resampler = Resampler::create(input.channels, input.sample_rate, target_rate);
    if (!resampler) {
        return resampler.error();
    }
    Pcm output{target_rate, input.channels, {}};
    const uint64_t expected_frames =
        (uint64_t{input.frames()} * target_rate + input.sample_rate / 2) / input.sample_rate;
    output.samples.reserve(expected_frames * input.channels + output_slack_frames * input.channels);
    if (auto status = resampler->process(input.samples, output.samples); !status) {
        return status.error();
    }
    if (auto status = resampler->finish(output.samples); !status) {
        return status.error();
    }
    // The filter's rounding can leave a frame more or less than the exact ratio.
    output.samples.resize(expected_frames * input.channels, 0);
    return output;
}

Pcm to_channels(const Pcm &input, uint32_t channels)
{
    Pcm output{input.sample_rate, channels, {}};
    if (channels == 0 || input.channels == 0) {
        return output;
    }
    if (channels == input.channels) {
        output.samples = input.samples;
        return output;
    }
    const size_t frames = input.frames();
    output.samples.resize(frames * channels);
    for (size_t frame = 0; frame < frames; ++frame) {
        const int16_t *source = input.samples.data() + frame * input.channels;
        int64_t sum = 0;
        for (size_t channel = 0; channel < input.channels; ++channel) {
            sum += source[channel];
        }
        // Rounding symmetric around zero keeps the mix free of a DC offset.
        const int64_t divisor = input.channels;
        const int64_t half = divisor / 2;
        const int64_t mono = sum >= 0 ? (sum + half) / divisor : -((-sum + half) / divisor);
        std::fill_n(output.samples.begin() + static_cast<std::ptrdiff_t>(frame * channels), channels,
                    static_cast<int16_t>(mono));
    }
    return output;
}

} // namespace cordon::media
