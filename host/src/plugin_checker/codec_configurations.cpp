#include "plugin_checker/codec_configurations.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cordon::plugin_check {

namespace {

constexpr double microseconds_per_second = 1e6;
constexpr double tone_amplitude = 32767.0 / 3.0;
constexpr double first_tone_hz = 440.0;
constexpr double second_tone_hz = 1250.0;
constexpr double channel_tone_step_hz = 110.0;

} // namespace

AdvertisedConfigurations advertised_configurations(const std::vector<CodecFormat> &formats)
{
    AdvertisedConfigurations result;
    for (const CodecFormat &format : formats) {
        for (const uint32_t rate : format.sample_rates) {
            for (uint32_t channels = 1; channels <= format.max_channels; ++channels) {
                for (const uint32_t duration : format.frame_durations_us) {
                    ++result.advertised;
                    if (result.configs.size() == max_checked_configurations) {
                        continue;
                    }
                    CodecConfig config;
                    config.encoding_name = format.encoding_name;
                    config.clock_rate = format.clock_rate;
                    config.sample_rate = rate;
                    config.channels = channels;
                    config.frame_duration_us = duration;
                    result.configs.push_back(std::move(config));
                }
            }
        }
    }
    return result;
}

std::string describe(const CodecConfig &config)
{
    const uint32_t whole_ms = config.frame_duration_us / 1000;
    const uint32_t tenths = config.frame_duration_us % 1000 / 100;
    return config.encoding_name + "/" + std::to_string(config.clock_rate) + " " + std::to_string(config.sample_rate) +
           " Hz " + std::to_string(config.channels) + " ch " + std::to_string(whole_ms) +
           (tenths != 0 ? "." + std::to_string(tenths) : "") + " ms";
}

double frame_seconds(const CodecConfig &config) { return config.frame_duration_us / microseconds_per_second; }

void fill_test_frame(std::span<int16_t> pcm, const CodecInstanceInfo &info, uint64_t index)
{
    const uint32_t channels = std::max<uint32_t>(info.channels, 1);
    const double rate = std::max<uint32_t>(info.sample_rate, 1);
    const uint64_t first = index * info.frame_samples_per_channel;
    for (size_t i = 0; i < pcm.size(); ++i) {
        const uint32_t channel = static_cast<uint32_t>(i % channels);
        const double t = static_cast<double>(first + i / channels) / rate;
        const double value = std::sin(2 * std::numbers::pi * (first_tone_hz + channel * channel_tone_step_hz) * t) +
                             0.5 * std::sin(2 * std::numbers::pi * second_tone_hz * t);
        pcm[i] = static_cast<int16_t>(std::lround(tone_amplitude * value / 1.5));
    }
}

FaultWatch::FaultWatch(const CodecPlugin &codec) : codec_(codec)
{
    if (const auto stats = codec_.sandbox_stats()) {
        seen_ = stats->total_faults();
    }
}

std::optional<std::string> FaultWatch::new_fault()
{
    const auto stats = codec_.sandbox_stats();
    if (!stats || stats->total_faults() == seen_) {
        return std::nullopt;
    }
    seen_ = stats->total_faults();
    return stats->last_fault;
}

} // namespace cordon::plugin_check
