#include "demo/call_quality.hpp"

#include <cmath>

#include "media/wav_file.hpp"

namespace cordon::demo {

Result<DirectionQuality> measure_direction(const std::filesystem::path &source, const std::filesystem::path &recording)
{
    auto sent = media::read_wav(source);
    if (!sent) {
        return sent.error();
    }
    auto received = media::read_wav(recording);
    if (!received) {
        return received.error();
    }
    if (received->sample_rate != sent->sample_rate || received->channels != sent->channels) {
        return Error{ErrorCode::invalid_argument, "the recording " + recording.string() + " (" +
                                                      std::to_string(received->sample_rate) +
                                                      " Hz) has another format than its source"};
    }
    DirectionQuality quality;
    auto windows = media::compare_windowed(*sent, *received);
    if (!windows) {
        return windows.error();
    }
    quality.windows = *windows;
    const int offset = static_cast<int>(std::lround(windows->start_offset_seconds * sent->sample_rate));
    auto figures = media::measure_quality(*sent, *received, offset);
    if (!figures) {
        return figures.error();
    }
    quality.figures = *figures;
    quality.delay_ms = 1000.0 * figures->delay_samples / sent->sample_rate;
    quality.passed =
        windows->median_correlation >= min_median_correlation && windows->matched_share >= min_matched_share;
    return quality;
}

} // namespace cordon::demo
