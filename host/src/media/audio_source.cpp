#include "media/audio_source.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>

#include "media/resampler.hpp"
#include "media/speech_signal.hpp"

namespace cordon::media {
namespace {

constexpr double full_scale = 32767.0;
constexpr double decibels_per_amplitude_decade = 20.0;

Result<void> check_whole_frames(std::span<int16_t> frame, uint32_t channels)
{
    if (channels == 0 || frame.size() % channels != 0) {
        return Error{ErrorCode::invalid_argument, "audio source: " + std::to_string(frame.size()) +
                                                      " samples are not whole " + std::to_string(channels) +
                                                      "-channel frames"};
    }
    return {};
}

} // namespace

Result<void> SilenceSource::read(std::span<int16_t> frame)
{
    if (auto whole = check_whole_frames(frame, channels_); !whole) {
        return whole;
    }
    std::fill(frame.begin(), frame.end(), int16_t{0});
    return {};
}

Result<ToneSource> ToneSource::create(uint32_t sample_rate, uint32_t channels, double frequency_hz, double level_dbfs)
{
    if (channels == 0 || sample_rate == 0 || sample_rate > max_resample_rate) {
        return Error{ErrorCode::invalid_argument, "tone: " + std::to_string(channels) + " channels at " +
                                                      std::to_string(sample_rate) + " Hz is not a format"};
    }
    if (!(frequency_hz > 0.0 && frequency_hz < sample_rate / 2.0)) {
        return Error{ErrorCode::invalid_argument,
                     "tone: " + std::to_string(frequency_hz) + " Hz is not between 0 and half the rate"};
    }
    if (!(level_dbfs <= 0.0)) {
        return Error{ErrorCode::invalid_argument,
                     "tone: level " + std::to_string(level_dbfs) + " dBFS is above full scale"};
    }
    const double amplitude = full_scale * std::pow(10.0, level_dbfs / decibels_per_amplitude_decade);
    return ToneSource(sample_rate, channels, frequency_hz, amplitude);
}

ToneSource::ToneSource(uint32_t sample_rate, uint32_t channels, double frequency_hz, double amplitude)
    : sample_rate_(sample_rate), channels_(channels), frequency_hz_(frequency_hz), amplitude_(amplitude)
{
}

Result<void> ToneSource::read(std::span<int16_t> frame)
{
    if (auto whole = check_whole_frames(frame, channels_); !whole) {
        return whole;
    }
    // The phase comes from the frame count, not a running sum, so it never drifts.
    const double cycles_per_sample = frequency_hz_ / sample_rate_;
    for (size_t offset = 0; offset < frame.size(); offset += channels_) {
        const double cycles = std::fmod(static_cast<double>(next_frame_) * cycles_per_sample, 1.0);
        const auto sample = static_cast<int16_t>(std::lround(amplitude_ * std::sin(2.0 * std::numbers::pi * cycles)));
        std::fill_n(frame.begin() + static_cast<std::ptrdiff_t>(offset), channels_, sample);
        ++next_frame_;
    }
    return {};
}

Result<SpeechSource> SpeechSource::create(uint32_t sample_rate, uint32_t channels, double seconds, uint32_t seed)
{
    if (sample_rate == 0 || channels == 0 || !(seconds >= 0.0 && seconds <= max_speech_seconds)) {
        return Error{ErrorCode::invalid_argument, "speech source: " + std::to_string(channels) + " channels at " +
                                                      std::to_string(sample_rate) + " Hz for " +
                                                      std::to_string(seconds) + " s is out of range"};
    }
    Pcm speech = generate_speech_like(sample_rate, channels, seconds, seed);
    speech.sample_rate = sample_rate;
    speech.channels = channels;
    return SpeechSource(std::move(speech));
}

Result<void> SpeechSource::read(std::span<int16_t> frame)
{
    if (auto whole = check_whole_frames(frame, speech_.channels); !whole) {
        return whole;
    }
    const size_t available = std::min(frame.size(), speech_.samples.size() - position_);
    const auto start = speech_.samples.begin() + static_cast<std::ptrdiff_t>(position_);
    std::fill(std::copy_n(start, available, frame.begin()), frame.end(), int16_t{0});
    position_ += available;
    return {};
}

} // namespace cordon::media
