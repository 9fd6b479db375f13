#include "media/audio_sink.hpp"

#include <algorithm>
#include <string>

namespace cordon::media {

MemorySink::MemorySink(uint32_t sample_rate, uint32_t channels, double max_seconds)
    : pcm_{sample_rate, channels, {}},
      max_samples_(static_cast<size_t>(std::max(max_seconds, 0.0) * sample_rate) * channels)
{
}

Result<void> MemorySink::write(std::span<const int16_t> frame)
{
    if (pcm_.channels == 0 || frame.size() % pcm_.channels != 0) {
        return Error{ErrorCode::invalid_argument, "memory sink: " + std::to_string(frame.size()) +
                                                      " samples are not whole " + std::to_string(pcm_.channels) +
                                                      "-channel frames"};
    }
    if (frame.size() > max_samples_ - pcm_.samples.size()) {
        return Error{ErrorCode::io, "memory sink: full (" + std::to_string(max_samples_) + " samples)"};
    }
    pcm_.samples.insert(pcm_.samples.end(), frame.begin(), frame.end());
    return {};
}

} // namespace cordon::media
