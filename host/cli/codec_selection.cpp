#include "host/cli/codec_selection.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"

namespace cordon::cli {

namespace {

bool supports_rate(const CodecFormat &format, uint32_t rate)
{
    return std::find(format.sample_rates.begin(), format.sample_rates.end(), rate) != format.sample_rates.end();
}

// The input's own rate when the format takes it, else the highest rate below
// it (no invented bandwidth), else the lowest the format has.
uint32_t natural_rate(const CodecFormat &format, uint32_t input_rate)
{
    std::optional<uint32_t> best_below;
    for (const uint32_t rate : format.sample_rates) {
        if (rate == input_rate) {
            return rate;
        }
        if (rate < input_rate && (!best_below || rate > *best_below)) {
            best_below = rate;
        }
    }
    return best_below ? *best_below : *std::min_element(format.sample_rates.begin(), format.sample_rates.end());
}

std::string known_codecs(const PluginRegistry &registry)
{
    std::string text;
    for (const CodecPlugin *codec : registry.codecs()) {
        text += text.empty() ? "" : ", ";
        text += codec->id();
    }
    return text.empty() ? "none loaded" : text;
}

} // namespace

Result<CodecChoice> choose_codec(const PluginRegistry &registry, const CodecRequest &request, uint32_t input_rate,
                                 uint32_t input_channels)
{
    CodecChoice choice;
    std::optional<std::string> encoding = request.encoding;
    choice.plugin = registry.find_codec(request.codec);
    if (choice.plugin == nullptr) {
        // Not a plugin id: accept an encoding name offered by exactly one loaded codec.
        for (const CodecPlugin *codec : registry.codecs()) {
            for (const CodecFormat &format : codec->formats()) {
                if (equal_ignoring_ascii_case(format.encoding_name, request.codec) && choice.plugin != codec) {
                    if (choice.plugin != nullptr) {
                        return Error{ErrorCode::invalid_argument, "encoding \"" + request.codec +
                                                                      "\" is offered by more than one plugin; "
                                                                      "name the plugin id"};
                    }
                    choice.plugin = codec;
                }
            }
        }
        if (choice.plugin == nullptr) {
            return Error{ErrorCode::not_found, "no codec plugin or encoding \"" + request.codec +
                                                   "\" (loaded codecs: " + known_codecs(registry) + ")"};
        }
        encoding = encoding.value_or(request.codec);
    }

    for (const CodecFormat &format : choice.plugin->formats()) {
        if (encoding && !equal_ignoring_ascii_case(format.encoding_name, *encoding)) {
            continue;
        }
        const uint32_t wanted_rate = request.sample_rate.value_or(input_rate);
        const bool fits = supports_rate(format, wanted_rate);
        // With --rate the rate must fit; without, prefer a format that takes the input's rate.
        if (fits || (!request.sample_rate && choice.format == nullptr)) {
            choice.format = &format;
            choice.sample_rate = fits ? wanted_rate : natural_rate(format, input_rate);
            if (fits) {
                break;
            }
        }
    }
    if (choice.format == nullptr) {
        std::string offered;
        for (const CodecFormat &format : choice.plugin->formats()) {
            offered += offered.empty() ? "" : "; ";
            offered += format.encoding_name + " at";
            for (const uint32_t rate : format.sample_rates) {
                offered += " " + std::to_string(rate);
            }
        }
        return Error{ErrorCode::invalid_argument,
                     choice.plugin->id() + " has no format for " + (encoding ? *encoding + " " : std::string()) +
                         (request.sample_rate ? "at " + std::to_string(*request.sample_rate) + " Hz" : "") +
                         " (offers: " + offered + ")"};
    }
    choice.channels = request.channels.value_or(std::min(input_channels, choice.format->max_channels));
    if (choice.channels == 0 || choice.channels > choice.format->max_channels) {
        return Error{ErrorCode::invalid_argument, choice.format->encoding_name + " takes 1.." +
                                                      std::to_string(choice.format->max_channels) + " channels, not " +
                                                      std::to_string(choice.channels)};
    }
    return choice;
}

} // namespace cordon::cli
