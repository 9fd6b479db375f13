#include "fuzz/codec_instance.hpp"

namespace cordon::fuzz {
namespace {

constexpr uint32_t complexity_choices = 13;
constexpr uint32_t fmtp_length_choices = max_fmtp_value_bytes + 1;
constexpr uint64_t microseconds_per_second = 1000000;
// A name no codec defines: the plugin must refuse it.
constexpr const char *unknown_fmtp_name = "x-cordon-unknown";

} // namespace

ConfigChoice ConfigChoice::read(ByteReader &bytes)
{
    ConfigChoice choice;
    choice.format = bytes.u8();
    choice.sample_rate = bytes.u8();
    choice.channels = bytes.u8();
    choice.frame_duration = bytes.u8();
    choice.bitrate_units = bytes.u16();
    choice.complexity = bytes.u8();
    choice.loss_percent = bytes.u8();
    const size_t count = bytes.u8() % (max_fmtp_params + 1);
    for (size_t i = 0; i < count; ++i) {
        const uint8_t name = bytes.u8();
        const std::vector<uint8_t> value = bytes.bytes(bytes.u8() % fmtp_length_choices);
        choice.params.emplace_back(name, std::string(value.begin(), value.end()));
    }
    return choice;
}

void ConfigChoice::write(std::vector<uint8_t> &out) const
{
    out.insert(out.end(), {format, sample_rate, channels, frame_duration});
    put_u16(out, bitrate_units);
    out.insert(out.end(), {complexity, loss_percent, static_cast<uint8_t>(params.size())});
    for (const auto &[name, value] : params) {
        out.push_back(name);
        out.push_back(static_cast<uint8_t>(value.size()));
        out.insert(out.end(), value.begin(), value.end());
    }
}

ResolvedConfig::ResolvedConfig(const ConfigChoice &choice, const cordon_codec_interface &codec)
{
    const cordon_codec_format &format = format_at(codec, choice.format % codec.format_count);
    for (const auto &[name, value] : choice.params) {
        const uint32_t index = name % (format.fmtp_parameter_count + 1);
        texts_.emplace_back(index < format.fmtp_parameter_count ? format.fmtp_parameters[index] : unknown_fmtp_name,
                            value);
    }
    // texts_ no longer grows, so the pointers below stay valid.
    for (const auto &[name, value] : texts_) {
        params_.push_back({name.c_str(), value.c_str()});
    }
    config_.struct_size = sizeof(cordon_codec_config);
    config_.encoding_name = format.encoding_name;
    config_.clock_rate = format.clock_rate;
    config_.sample_rate = format.sample_rates[choice.sample_rate % format.sample_rate_count];
    config_.channels = 1 + choice.channels % format.max_channels;
    config_.frame_duration_us = format.frame_durations_us[choice.frame_duration % format.frame_duration_count];
    config_.bitrate_bps = uint32_t{choice.bitrate_units} * bitrate_unit_bps;
    config_.complexity = static_cast<int32_t>(choice.complexity % complexity_choices) - 1;
    config_.expected_loss_percent = choice.loss_percent;
    config_.params = params_.empty() ? nullptr : params_.data();
    config_.param_count = static_cast<uint32_t>(params_.size());
}

CodecInstance::CodecInstance(const cordon_codec_interface &codec, const cordon_codec_config &config)
    : codec_(codec), channels_(config.channels)
{
    info_.struct_size = sizeof(info_);
    const cordon_status status = codec.create(&config, &instance_, &info_);
    require(is_known_status(status), "create returned an unknown status");
    if (status != CORDON_STATUS_OK) {
        // Nothing was created that we could destroy; ASan's leak check
        // catches a plugin that allocated anyway.
        instance_ = nullptr;
        return;
    }
    require(instance_ != nullptr, "create succeeded without an instance");
    const uint64_t frame = uint64_t{config.sample_rate} * config.frame_duration_us / microseconds_per_second;
    require(info_.frame_samples_per_channel == frame, "frame size is not sample rate x frame duration");
    require(info_.max_packet_bytes >= 1 && info_.max_packet_bytes <= CORDON_CODEC_MAX_PACKET_BYTES,
            "max_packet_bytes outside 1..8192");
    require(info_.max_decoded_samples >= frame_samples() && info_.max_decoded_samples <= CORDON_CODEC_MAX_FRAME_SAMPLES,
            "max_decoded_samples below one frame or above 120 ms of 48 kHz stereo");
    require(info_.delay_samples_per_channel < config.sample_rate, "delay of a second or more");
}

CodecInstance::~CodecInstance()
{
    if (instance_ != nullptr) {
        codec_.destroy(instance_);
    }
}

} // namespace cordon::fuzz
