#include "call_media/codec_choice.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"

namespace cordon::call_media {

namespace {

const CodecFormat *format_of(const CodecPlugin &plugin, const std::string &encoding_name, std::uint32_t clock_rate)
{
    for (const CodecFormat &format : plugin.formats()) {
        if (format.clock_rate == clock_rate && equal_ignoring_ascii_case(format.encoding_name, encoding_name)) {
            return &format;
        }
    }
    return nullptr;
}

} // namespace

const CodecPlugin *find_codec_for(const PluginRegistry &plugins, const std::string &encoding_name,
                                  std::uint32_t clock_rate)
{
    for (const CodecPlugin *plugin : plugins.codecs()) {
        if (format_of(*plugin, encoding_name, clock_rate) != nullptr) {
            return plugin;
        }
    }
    return nullptr;
}

Result<CodecConfig> codec_config_for(const CodecPlugin &plugin, const std::string &encoding_name,
                                     std::uint32_t clock_rate, std::uint32_t frame_duration_us)
{
    const CodecFormat *format = format_of(plugin, encoding_name, clock_rate);
    if (format == nullptr || format->sample_rates.empty()) {
        return Error{ErrorCode::not_found,
                     plugin.id() + " has no format " + encoding_name + "/" + std::to_string(clock_rate)};
    }
    CodecConfig config;
    config.encoding_name = format->encoding_name;
    config.clock_rate = clock_rate;
    const auto &rates = format->sample_rates;
    config.sample_rate = std::find(rates.begin(), rates.end(), clock_rate) != rates.end()
                             ? clock_rate
                             : *std::max_element(rates.begin(), rates.end());
    config.channels = 1;
    config.frame_duration_us = frame_duration_us;
    return config;
}

} // namespace cordon::call_media
