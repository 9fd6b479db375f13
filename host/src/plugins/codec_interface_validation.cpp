#include "codec_interface_validation.hpp"

#include <cstring>
#include <string>
#include <string_view>

#include "core/ascii_text.hpp"
#include "core/display_text.hpp"

namespace cordon {

namespace {

Error violation(std::string message) { return {ErrorCode::contract_violation, std::move(message)}; }

Result<std::string> read_token(const char *text, size_t max_bytes, const std::string &what)
{
    if (text == nullptr) {
        return violation(what + " is missing (NULL)");
    }
    const size_t length = strnlen(text, max_bytes + 1);
    if (length > max_bytes) {
        return violation(what + " is longer than " + std::to_string(max_bytes) + " bytes");
    }
    const std::string_view value(text, length);
    // RFC 4566 tokens are the alphabet of SDP encoding and fmtp names.
    if (!is_rfc4566_token(value)) {
        // The refusal quotes the plugin's bytes: escaped, since it is shown and put in JSON.
        return violation(what + " \"" + displayable(value) + "\" is not an SDP token");
    }
    return std::string(value);
}

// Copies a plugin-owned list after checking its count and every entry's range.
Result<std::vector<uint32_t>> read_list(const uint32_t *items, uint32_t count, uint32_t minimum, uint32_t maximum,
                                        const std::string &what)
{
    if (count == 0 || count > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return violation(what + " count " + std::to_string(count) + " is outside 1.." +
                         std::to_string(CORDON_CODEC_MAX_LIST_ENTRIES));
    }
    if (items == nullptr) {
        return violation(what + " list is missing (NULL)");
    }
    std::vector<uint32_t> values(items, items + count);
    for (const uint32_t value : values) {
        if (value < minimum || value > maximum) {
            return violation(what + " " + std::to_string(value) + " is outside " + std::to_string(minimum) + ".." +
                             std::to_string(maximum));
        }
    }
    return values;
}

Result<CodecFormat> read_format(const cordon_codec_format &raw, uint32_t index)
{
    const std::string where = "format " + std::to_string(index);
    CodecFormat format;
    auto name = read_token(raw.encoding_name, max_encoding_name_bytes, where + ": encoding name");
    if (!name) {
        return name.error();
    }
    format.encoding_name = std::move(name.value());
    const std::string label = where + " (" + format.encoding_name + "): ";

    if (raw.clock_rate < min_clock_rate_hz || raw.clock_rate > max_clock_rate_hz) {
        return violation(label + "clock rate " + std::to_string(raw.clock_rate) + " is out of range");
    }
    format.clock_rate = raw.clock_rate;
    if (raw.rtp_channels == 0 || raw.rtp_channels > CORDON_CODEC_MAX_CHANNELS) {
        return violation(label + "rtp_channels " + std::to_string(raw.rtp_channels) + " is out of range");
    }
    format.rtp_channels = raw.rtp_channels;
    if (raw.static_payload_type < -1 || raw.static_payload_type > max_static_payload_type) {
        return violation(label + "static payload type " + std::to_string(raw.static_payload_type) +
                         " is neither -1 nor 0.." + std::to_string(max_static_payload_type));
    }
    format.static_payload_type = raw.static_payload_type;

    auto rates = read_list(raw.sample_rates, raw.sample_rate_count, min_sample_rate_hz, CORDON_CODEC_MAX_SAMPLE_RATE,
                           label + "sample rate");
    if (!rates) {
        return rates.error();
    }
    format.sample_rates = std::move(rates.value());
    if (raw.max_channels == 0 || raw.max_channels > CORDON_CODEC_MAX_CHANNELS) {
        return violation(label + "max_channels " + std::to_string(raw.max_channels) + " is out of range");
    }
    format.max_channels = raw.max_channels;
    auto durations = read_list(raw.frame_durations_us, raw.frame_duration_count, min_frame_duration_us,
                               max_frame_duration_us, label + "frame duration (us)");
    if (!durations) {
        return durations.error();
    }
    format.frame_durations_us = std::move(durations.value());

    if (raw.fmtp_parameter_count > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return violation(label + "fmtp parameter count " + std::to_string(raw.fmtp_parameter_count) + " exceeds " +
                         std::to_string(CORDON_CODEC_MAX_LIST_ENTRIES));
    }
    if (raw.fmtp_parameter_count > 0 && raw.fmtp_parameters == nullptr) {
        return violation(label + "fmtp parameter list is missing (NULL)");
    }
    for (uint32_t i = 0; i < raw.fmtp_parameter_count; ++i) {
        auto parameter =
            read_token(raw.fmtp_parameters[i], max_fmtp_name_bytes, label + "fmtp parameter " + std::to_string(i));
        if (!parameter) {
            return parameter.error();
        }
        format.fmtp_parameters.push_back(std::move(parameter.value()));
    }
    format.has_inband_fec = raw.has_inband_fec != 0;
    return format;
}

} // namespace

Result<std::vector<CodecFormat>> validate_codec_interface(const cordon_codec_interface *codec)
{
    if (codec == nullptr) {
        return violation("codec interface is missing (NULL)");
    }
    if (codec->struct_size < codec_interface_size_v1) {
        return violation("codec interface struct_size is " + std::to_string(codec->struct_size) +
                         " bytes; cordon.codec/1 needs at least " + std::to_string(codec_interface_size_v1));
    }
    if (codec->format_struct_size < codec_format_size_v1 ||
        codec->format_struct_size % alignof(cordon_codec_format) != 0) {
        return violation("codec format_struct_size " + std::to_string(codec->format_struct_size) + " is smaller than " +
                         std::to_string(codec_format_size_v1) + " or misaligned");
    }
    const std::pair<const void *, const char *> required[] = {
        {reinterpret_cast<const void *>(codec->create), "create"},
        {reinterpret_cast<const void *>(codec->encode), "encode"},
        {reinterpret_cast<const void *>(codec->decode), "decode"},
        {reinterpret_cast<const void *>(codec->reset), "reset"},
        {reinterpret_cast<const void *>(codec->destroy), "destroy"},
    };
    for (const auto &[function, name] : required) {
        if (function == nullptr) {
            return violation(std::string("required codec function ") + name + " is missing (NULL)");
        }
    }
    if (codec->format_count == 0 || codec->format_count > CORDON_CODEC_MAX_FORMATS) {
        return violation("codec format count " + std::to_string(codec->format_count) + " is outside 1.." +
                         std::to_string(CORDON_CODEC_MAX_FORMATS));
    }
    if (codec->formats == nullptr) {
        return violation("codec format list is missing (NULL)");
    }
    std::vector<CodecFormat> formats;
    const auto *base = reinterpret_cast<const unsigned char *>(codec->formats);
    for (uint32_t i = 0; i < codec->format_count; ++i) {
        // The stride is the plugin's own sizeof: a newer plugin's formats may be larger.
        const auto *raw = reinterpret_cast<const cordon_codec_format *>(base + size_t{i} * codec->format_struct_size);
        auto format = read_format(*raw, i);
        if (!format) {
            return format.error();
        }
        for (const CodecFormat &earlier : formats) {
            if (equal_ignoring_ascii_case(earlier.encoding_name, format->encoding_name) &&
                earlier.clock_rate == format->clock_rate) {
                return violation("format " + std::to_string(i) + " (" + format->encoding_name + "/" +
                                 std::to_string(format->clock_rate) + ") is listed twice");
            }
        }
        formats.push_back(std::move(format.value()));
    }
    return formats;
}

} // namespace cordon
