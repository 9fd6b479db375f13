#include "plugin_abi/codec_interface_validation.hpp"

#include <cstring>
#include <string>
#include <string_view>

#include "core/ascii_text.hpp"
#include "core/display_text.hpp"

namespace cordon {

namespace {

Error violation(std::string message) { return {ErrorCode::contract_violation, std::move(message)}; }

std::string outside(uint32_t value, uint32_t minimum, uint32_t maximum)
{
    return std::to_string(value) + " is outside " + std::to_string(minimum) + ".." + std::to_string(maximum);
}

// ---- Checking plain values ----

Result<void> check_token(const std::string &text, size_t max_bytes, const std::string &what)
{
    if (text.size() > max_bytes) {
        return violation(what + " is longer than " + std::to_string(max_bytes) + " bytes");
    }
    // RFC 4566 tokens are the alphabet of SDP encoding and fmtp names.
    if (!is_rfc4566_token(text)) {
        // The refusal quotes the plugin's bytes: escaped, since it is shown and put in JSON.
        return violation(what + " \"" + displayable(text) + "\" is not an SDP token");
    }
    return {};
}

Result<void> check_list(const std::vector<uint32_t> &values, uint32_t minimum, uint32_t maximum,
                        const std::string &what)
{
    if (values.empty() || values.size() > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return violation(what + " count " +
                         outside(static_cast<uint32_t>(values.size()), 1, CORDON_CODEC_MAX_LIST_ENTRIES));
    }
    for (const uint32_t value : values) {
        if (value < minimum || value > maximum) {
            return violation(what + " " + outside(value, minimum, maximum));
        }
    }
    return {};
}

Result<void> check_format(const CodecFormat &format, size_t index)
{
    const std::string where = "format " + std::to_string(index);
    if (auto name = check_token(format.encoding_name, max_encoding_name_bytes, where + ": encoding name"); !name) {
        return name.error();
    }
    const std::string label = where + " (" + format.encoding_name + "): ";
    if (format.clock_rate < min_clock_rate_hz || format.clock_rate > max_clock_rate_hz) {
        return violation(label + "clock rate " + std::to_string(format.clock_rate) + " is out of range");
    }
    if (format.rtp_channels == 0 || format.rtp_channels > CORDON_CODEC_MAX_CHANNELS) {
        return violation(label + "rtp_channels " + std::to_string(format.rtp_channels) + " is out of range");
    }
    if (format.static_payload_type < -1 || format.static_payload_type > max_static_payload_type) {
        return violation(label + "static payload type " + std::to_string(format.static_payload_type) +
                         " is neither -1 nor 0.." + std::to_string(max_static_payload_type));
    }
    if (auto rates =
            check_list(format.sample_rates, min_sample_rate_hz, CORDON_CODEC_MAX_SAMPLE_RATE, label + "sample rate");
        !rates) {
        return rates.error();
    }
    if (format.max_channels == 0 || format.max_channels > CORDON_CODEC_MAX_CHANNELS) {
        return violation(label + "max_channels " + std::to_string(format.max_channels) + " is out of range");
    }
    if (auto durations = check_list(format.frame_durations_us, min_frame_duration_us, max_frame_duration_us,
                                    label + "frame duration (us)");
        !durations) {
        return durations.error();
    }
    if (format.fmtp_parameters.size() > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return violation(label + "fmtp parameter count " + std::to_string(format.fmtp_parameters.size()) + " exceeds " +
                         std::to_string(CORDON_CODEC_MAX_LIST_ENTRIES));
    }
    for (size_t i = 0; i < format.fmtp_parameters.size(); ++i) {
        if (auto parameter = check_token(format.fmtp_parameters[i], max_fmtp_name_bytes,
                                         label + "fmtp parameter " + std::to_string(i));
            !parameter) {
            return parameter.error();
        }
    }
    return {};
}

// ---- Reading the plugin's table ----

// A copy of a plugin-owned string that never scans past one byte more than
// max_bytes: enough for the check to refuse it as too long.
Result<std::string> read_text(const char *text, size_t max_bytes, const std::string &what)
{
    if (text == nullptr) {
        return violation(what + " is missing (NULL)");
    }
    return std::string(text, strnlen(text, max_bytes + 1));
}

// A copy of a plugin-owned list; its count is checked first, so that no more
// than CORDON_CODEC_MAX_LIST_ENTRIES entries are ever read.
Result<std::vector<uint32_t>> read_list(const uint32_t *items, uint32_t count, const std::string &what)
{
    if (count > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return violation(what + " count " + outside(count, 1, CORDON_CODEC_MAX_LIST_ENTRIES));
    }
    if (count > 0 && items == nullptr) {
        return violation(what + " list is missing (NULL)");
    }
    return count == 0 ? std::vector<uint32_t>() : std::vector<uint32_t>(items, items + count);
}

Result<CodecFormat> read_format(const cordon_codec_format &raw, uint32_t index)
{
    const std::string where = "format " + std::to_string(index) + ": ";
    CodecFormat format;
    auto name = read_text(raw.encoding_name, max_encoding_name_bytes, where + "encoding name");
    if (!name) {
        return name.error();
    }
    format.encoding_name = std::move(name.value());
    format.clock_rate = raw.clock_rate;
    format.rtp_channels = raw.rtp_channels;
    format.static_payload_type = raw.static_payload_type;
    format.max_channels = raw.max_channels;
    format.has_inband_fec = raw.has_inband_fec != 0;
    auto rates = read_list(raw.sample_rates, raw.sample_rate_count, where + "sample rate");
    if (!rates) {
        return rates.error();
    }
    format.sample_rates = std::move(rates.value());
    auto durations = read_list(raw.frame_durations_us, raw.frame_duration_count, where + "frame duration (us)");
    if (!durations) {
        return durations.error();
    }
    format.frame_durations_us = std::move(durations.value());
    if (raw.fmtp_parameter_count > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return violation(where + "fmtp parameter count " + std::to_string(raw.fmtp_parameter_count) + " exceeds " +
                         std::to_string(CORDON_CODEC_MAX_LIST_ENTRIES));
    }
    if (raw.fmtp_parameter_count > 0 && raw.fmtp_parameters == nullptr) {
        return violation(where + "fmtp parameter list is missing (NULL)");
    }
    for (uint32_t i = 0; i < raw.fmtp_parameter_count; ++i) {
        auto parameter =
            read_text(raw.fmtp_parameters[i], max_fmtp_name_bytes, where + "fmtp parameter " + std::to_string(i));
        if (!parameter) {
            return parameter.error();
        }
        format.fmtp_parameters.push_back(std::move(parameter.value()));
    }
    return format;
}

Result<std::vector<CodecFormat>> read_formats(const cordon_codec_interface &codec)
{
    if (codec.format_count > CORDON_CODEC_MAX_FORMATS) {
        return violation("codec format count " + outside(codec.format_count, 1, CORDON_CODEC_MAX_FORMATS));
    }
    if (codec.format_count > 0 && codec.formats == nullptr) {
        return violation("codec format list is missing (NULL)");
    }
    std::vector<CodecFormat> formats;
    const auto *base = reinterpret_cast<const unsigned char *>(codec.formats);
    for (uint32_t i = 0; i < codec.format_count; ++i) {
        // The stride is the plugin's own sizeof: a newer plugin's formats may be larger.
        const auto *raw = reinterpret_cast<const cordon_codec_format *>(base + size_t{i} * codec.format_struct_size);
        auto format = read_format(*raw, i);
        if (!format) {
            return format.error();
        }
        formats.push_back(std::move(format.value()));
    }
    return formats;
}

} // namespace

Result<std::vector<CodecFormat>> validate_codec_formats(std::vector<CodecFormat> formats)
{
    if (formats.empty() || formats.size() > CORDON_CODEC_MAX_FORMATS) {
        return violation("codec format count " +
                         outside(static_cast<uint32_t>(formats.size()), 1, CORDON_CODEC_MAX_FORMATS));
    }
    for (size_t i = 0; i < formats.size(); ++i) {
        if (auto checked = check_format(formats[i], i); !checked) {
            return checked.error();
        }
        for (size_t earlier = 0; earlier < i; ++earlier) {
            if (equal_ignoring_ascii_case(formats[earlier].encoding_name, formats[i].encoding_name) &&
                formats[earlier].clock_rate == formats[i].clock_rate) {
                return violation("format " + std::to_string(i) + " (" + formats[i].encoding_name + "/" +
                                 std::to_string(formats[i].clock_rate) + ") is listed twice");
            }
        }
    }
    return formats;
}

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
    auto formats = read_formats(*codec);
    if (!formats) {
        return formats.error();
    }
    return validate_codec_formats(std::move(formats.value()));
}

} // namespace cordon
