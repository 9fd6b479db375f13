#include "ua/offered_codecs.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"

namespace cordon::ua {

namespace {

constexpr int first_dynamic_payload_type = 96;
constexpr int last_dynamic_payload_type = 127;

std::vector<sip::MediaCodec> every_codec(const PluginRegistry &plugins)
{
    std::vector<sip::MediaCodec> codecs;
    int next_dynamic = first_dynamic_payload_type;
    for (const CodecPlugin *plugin : plugins.codecs()) {
        for (const CodecFormat &format : plugin->formats()) {
            const bool known = std::any_of(codecs.begin(), codecs.end(), [&](const sip::MediaCodec &codec) {
                return codec.encoding_name == format.encoding_name && codec.clock_rate == format.clock_rate;
            });
            if (known) {
                continue; // two plugins for one format: the first one found serves it
            }
            sip::MediaCodec codec;
            codec.encoding_name = format.encoding_name;
            codec.clock_rate = format.clock_rate;
            codec.channels = format.rtp_channels;
            if (format.static_payload_type >= 0) {
                codec.payload_type = format.static_payload_type;
            } else if (next_dynamic <= last_dynamic_payload_type) {
                codec.payload_type = next_dynamic++;
            } else {
                continue; // 32 dynamic formats offered already
            }
            codecs.push_back(std::move(codec));
        }
    }
    std::stable_sort(codecs.begin(), codecs.end(),
                     [](const sip::MediaCodec &a, const sip::MediaCodec &b) { return a.clock_rate > b.clock_rate; });
    return codecs;
}

} // namespace

Result<std::vector<sip::MediaCodec>> offered_codecs(const PluginRegistry &plugins,
                                                    const std::vector<std::string> &names)
{
    std::vector<sip::MediaCodec> codecs = every_codec(plugins);
    if (names.empty()) {
        return codecs;
    }
    std::vector<sip::MediaCodec> chosen;
    for (const std::string &name : names) {
        const auto before = chosen.size();
        for (const sip::MediaCodec &codec : codecs) {
            if (equal_ignoring_ascii_case(codec.encoding_name, name)) {
                chosen.push_back(codec);
            }
        }
        if (chosen.size() == before) {
            std::string known;
            for (const sip::MediaCodec &codec : codecs) {
                known += (known.empty() ? "" : ", ") + codec.encoding_name;
            }
            return Error{ErrorCode::not_found,
                         "no loaded codec plugin serves \"" + name + "\" (loaded: " + known + ")"};
        }
    }
    return chosen;
}

} // namespace cordon::ua
