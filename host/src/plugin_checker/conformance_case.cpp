#include "plugin_checker/conformance_case.hpp"

#include <algorithm>

#include "media/speech_signal.hpp"
#include "plugin_checker/codec_configurations.hpp"

namespace cordon::plugin_check {
namespace {

constexpr uint32_t preferred_frame_us = 20000;
constexpr double test_signal_seconds = 2.0;
constexpr uint32_t test_signal_seed = 7;

ConformanceCase make_case(const CodecFormat &format, uint32_t rate, uint32_t channels, uint32_t frame_us)
{
    ConformanceCase the_case;
    the_case.config.encoding_name = format.encoding_name;
    the_case.config.clock_rate = format.clock_rate;
    the_case.config.sample_rate = rate;
    the_case.config.channels = channels;
    the_case.config.frame_duration_us = frame_us;
    the_case.label = describe(the_case.config);
    return the_case;
}

} // namespace

std::vector<ConformanceCase> conformance_cases(const std::vector<CodecFormat> &formats)
{
    std::vector<ConformanceCase> cases;
    for (const CodecFormat &format : formats) {
        const auto &durations = format.frame_durations_us;
        const bool has_preferred = std::find(durations.begin(), durations.end(), preferred_frame_us) != durations.end();
        const uint32_t frame_us = has_preferred ? preferred_frame_us : durations.front();
        for (const uint32_t rate : format.sample_rates) {
            for (uint32_t channels = 1; channels <= format.max_channels; ++channels) {
                cases.push_back(make_case(format, rate, channels, frame_us));
            }
        }
    }
    return cases;
}

std::vector<ConformanceCase> every_advertised_case(const std::vector<CodecFormat> &formats)
{
    std::vector<ConformanceCase> cases;
    for (CodecConfig &config : advertised_configurations(formats).configs) {
        std::string label = describe(config);
        cases.push_back({std::move(config), std::move(label)});
    }
    return cases;
}

media::Pcm speech_for(const ConformanceCase &the_case)
{
    return media::generate_speech_like(the_case.config.sample_rate, the_case.config.channels, test_signal_seconds,
                                       test_signal_seed);
}

std::vector<int16_t> frame_of(const media::Pcm &signal, size_t index, size_t frame_samples)
{
    std::vector<int16_t> samples(frame_samples, 0);
    const size_t start = index * frame_samples;
    if (start < signal.samples.size()) {
        const size_t available = std::min(frame_samples, signal.samples.size() - start);
        std::copy_n(signal.samples.begin() + static_cast<std::ptrdiff_t>(start), available, samples.begin());
    }
    return samples;
}

} // namespace cordon::plugin_check
