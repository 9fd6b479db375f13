#include "plugin_abi/codec_contract.hpp"

#include <algorithm>
#include <string>

#include "core/ascii_text.hpp"

namespace cordon {

namespace {

constexpr uint64_t microseconds_per_second = 1'000'000;

std::string describe(const CodecConfig &config)
{
    return config.encoding_name + "/" + std::to_string(config.clock_rate);
}

template <class T> bool contains(const std::vector<T> &items, const T &value)
{
    return std::find(items.begin(), items.end(), value) != items.end();
}

// Media type parameter names are case-insensitive (RFC 6838, section 4.3).
bool has_parameter(const std::vector<std::string> &names, const std::string &name)
{
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string &known) { return equal_ignoring_ascii_case(known, name); });
}

template <class T> std::string join(const std::vector<T> &items)
{
    std::string text;
    for (const auto &item : items) {
        if (!text.empty()) {
            text += ", ";
        }
        if constexpr (std::is_same_v<T, std::string>) {
            text += item;
        } else {
            text += std::to_string(item);
        }
    }
    return text;
}

} // namespace

Result<const CodecFormat *> match_config(const std::vector<CodecFormat> &formats, const CodecConfig &config)
{
    const CodecFormat *format = nullptr;
    for (const CodecFormat &candidate : formats) {
        if (equal_ignoring_ascii_case(candidate.encoding_name, config.encoding_name) &&
            (config.clock_rate == 0 || candidate.clock_rate == config.clock_rate)) {
            format = &candidate;
            break;
        }
    }
    if (format == nullptr) {
        return Error{ErrorCode::not_found, "no format " + describe(config) + " in this codec"};
    }
    const std::string name = format->encoding_name + "/" + std::to_string(format->clock_rate);
    if (!contains(format->sample_rates, config.sample_rate)) {
        return Error{ErrorCode::invalid_argument, name + ": sample rate " + std::to_string(config.sample_rate) +
                                                      " Hz not supported (supported: " + join(format->sample_rates) +
                                                      ")"};
    }
    if (config.channels == 0 || config.channels > format->max_channels) {
        return Error{ErrorCode::invalid_argument, name + ": " + std::to_string(config.channels) +
                                                      " channels not supported (at most " +
                                                      std::to_string(format->max_channels) + ")"};
    }
    if (!contains(format->frame_durations_us, config.frame_duration_us)) {
        return Error{ErrorCode::invalid_argument,
                     name + ": frame duration " + std::to_string(config.frame_duration_us) +
                         " us not supported (supported: " + join(format->frame_durations_us) + ")"};
    }
    if (config.complexity < -1 || config.complexity > 10) {
        return Error{ErrorCode::invalid_argument, name + ": complexity " + std::to_string(config.complexity) +
                                                      " is outside 0..10 (or -1 for the default)"};
    }
    if (config.expected_loss_percent > 100) {
        return Error{ErrorCode::invalid_argument,
                     name + ": expected loss " + std::to_string(config.expected_loss_percent) + "% is above 100%"};
    }
    if (config.params.size() > CORDON_CODEC_MAX_LIST_ENTRIES) {
        return Error{ErrorCode::invalid_argument, name + ": " + std::to_string(config.params.size()) +
                                                      " parameters, more than " +
                                                      std::to_string(CORDON_CODEC_MAX_LIST_ENTRIES)};
    }
    for (size_t i = 0; i < config.params.size(); ++i) {
        const std::string &parameter = config.params[i].first;
        for (size_t k = 0; k < i; ++k) {
            if (equal_ignoring_ascii_case(config.params[k].first, parameter)) {
                return Error{ErrorCode::invalid_argument, name + ": parameter \"" + parameter + "\" given twice"};
            }
        }
        if (!has_parameter(format->fmtp_parameters, parameter)) {
            const std::string known = format->fmtp_parameters.empty() ? "none" : join(format->fmtp_parameters);
            return Error{ErrorCode::invalid_argument,
                         name + ": unknown parameter \"" + parameter + "\" (known: " + known + ")"};
        }
    }
    return format;
}

Result<CodecInstanceInfo> validate_instance_info(const cordon_codec_instance_info &reported, const CodecConfig &config)
{
    const auto violation = [&](const std::string &what) {
        return Error{ErrorCode::contract_violation, "instance for " + describe(config) + " " + what};
    };
    const uint64_t expected_frame = uint64_t{config.sample_rate} * config.frame_duration_us / microseconds_per_second;
    if (reported.frame_samples_per_channel != expected_frame) {
        return violation("states " + std::to_string(reported.frame_samples_per_channel) +
                         " samples per channel per frame; the configuration makes " + std::to_string(expected_frame));
    }
    if (reported.max_packet_bytes == 0 || reported.max_packet_bytes > CORDON_CODEC_MAX_PACKET_BYTES) {
        return violation("states a maximum packet of " + std::to_string(reported.max_packet_bytes) +
                         " bytes, outside 1.." + std::to_string(CORDON_CODEC_MAX_PACKET_BYTES));
    }
    const uint64_t frame_samples = expected_frame * config.channels;
    if (reported.max_decoded_samples < frame_samples || reported.max_decoded_samples > CORDON_CODEC_MAX_FRAME_SAMPLES) {
        return violation("states a maximum decoded size of " + std::to_string(reported.max_decoded_samples) +
                         " samples, outside " + std::to_string(frame_samples) + ".." +
                         std::to_string(CORDON_CODEC_MAX_FRAME_SAMPLES));
    }
    if (reported.delay_samples_per_channel > config.sample_rate) {
        return violation("states a delay of " + std::to_string(reported.delay_samples_per_channel) +
                         " samples, more than one second");
    }
    CodecInstanceInfo info;
    info.sample_rate = config.sample_rate;
    info.channels = config.channels;
    info.frame_samples_per_channel = reported.frame_samples_per_channel;
    info.max_packet_bytes = reported.max_packet_bytes;
    info.max_decoded_samples = reported.max_decoded_samples;
    info.delay_samples_per_channel = reported.delay_samples_per_channel;
    return info;
}

cordon_codec_config to_abi_config(const CodecConfig &config, std::vector<cordon_codec_param> &params_storage)
{
    params_storage.clear();
    for (const auto &[name, value] : config.params) {
        params_storage.push_back({name.c_str(), value.c_str()});
    }
    return cordon_codec_config{
        .struct_size = sizeof(cordon_codec_config),
        .encoding_name = config.encoding_name.c_str(),
        .clock_rate = config.clock_rate,
        .sample_rate = config.sample_rate,
        .channels = config.channels,
        .frame_duration_us = config.frame_duration_us,
        .bitrate_bps = config.bitrate_bps,
        .complexity = config.complexity,
        .expected_loss_percent = config.expected_loss_percent,
        .params = params_storage.empty() ? nullptr : params_storage.data(),
        .param_count = static_cast<uint32_t>(params_storage.size()),
    };
}

Error error_from_status(int status, const std::string &context)
{
    // Switch on the integer: a plugin may return any value, and converting an
    // unknown one to the enum would be undefined behaviour.
    const auto error = [&](ErrorCode code, cordon_status known) {
        return Error{code, context + ": " + cordon_status_message(known)};
    };
    switch (status) {
    case CORDON_STATUS_INVALID_ARGUMENT:
        return error(ErrorCode::invalid_argument, CORDON_STATUS_INVALID_ARGUMENT);
    case CORDON_STATUS_BUFFER_TOO_SMALL:
        return error(ErrorCode::buffer_too_small, CORDON_STATUS_BUFFER_TOO_SMALL);
    case CORDON_STATUS_UNSUPPORTED:
        return error(ErrorCode::unsupported, CORDON_STATUS_UNSUPPORTED);
    case CORDON_STATUS_MALFORMED_INPUT:
        return error(ErrorCode::malformed_input, CORDON_STATUS_MALFORMED_INPUT);
    case CORDON_STATUS_OUT_OF_MEMORY:
        return error(ErrorCode::out_of_memory, CORDON_STATUS_OUT_OF_MEMORY);
    case CORDON_STATUS_INTERNAL_ERROR:
        return error(ErrorCode::plugin_failure, CORDON_STATUS_INTERNAL_ERROR);
    default:
        break;
    }
    return {ErrorCode::plugin_failure,
            context + ": unknown status " + std::to_string(status) + " (treated as internal plugin error)"};
}

Result<CodecConfig> resolve_config(const std::vector<CodecFormat> &formats, const CodecConfig &config)
{
    auto format = match_config(formats, config);
    if (!format) {
        return format.error();
    }
    CodecConfig resolved = config;
    resolved.encoding_name = (*format)->encoding_name;
    resolved.clock_rate = (*format)->clock_rate;
    return resolved;
}

Result<size_t> conceal_with_silence(const CodecInstanceInfo &info, std::span<int16_t> pcm)
{
    const size_t frame = info.frame_samples();
    if (pcm.size() < frame) {
        return Error{ErrorCode::buffer_too_small,
                     "conceal needs room for one frame of " + std::to_string(frame) + " samples"};
    }
    std::fill_n(pcm.begin(), frame, int16_t{0});
    return frame;
}

} // namespace cordon
