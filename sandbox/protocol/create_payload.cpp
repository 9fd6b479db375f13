#include "sandbox/protocol/create_payload.hpp"

#include "plugin_abi/codec_interface_validation.hpp"
#include "sandbox/protocol/byte_codec.hpp"

namespace cordon::sandbox {

namespace {

Error malformed(const std::string &message) { return {ErrorCode::malformed_input, message}; }

} // namespace

std::vector<uint8_t> serialise_config(const CodecConfig &config)
{
    ByteWriter writer;
    writer.string(config.encoding_name);
    writer.u32(config.clock_rate);
    writer.u32(config.sample_rate);
    writer.u32(config.channels);
    writer.u32(config.frame_duration_us);
    writer.u32(config.bitrate_bps);
    writer.i32(config.complexity);
    writer.u32(config.expected_loss_percent);
    writer.u32(static_cast<uint32_t>(config.params.size()));
    for (const auto &[name, value] : config.params) {
        writer.string(name);
        writer.string(value);
    }
    return writer.bytes();
}

Result<CodecConfig> parse_config(std::span<const uint8_t> bytes)
{
    ByteReader reader(bytes, "CREATE config");
    CodecConfig config;
    config.encoding_name = reader.string("encoding name", max_encoding_name_bytes);
    config.clock_rate = reader.u32("clock rate");
    config.sample_rate = reader.u32("sample rate");
    config.channels = reader.u32("channels");
    config.frame_duration_us = reader.u32("frame duration");
    config.bitrate_bps = reader.u32("bitrate");
    config.complexity = reader.i32("complexity");
    config.expected_loss_percent = reader.u32("expected loss");
    const uint32_t param_count = reader.count("parameter count", CORDON_CODEC_MAX_LIST_ENTRIES);
    for (uint32_t i = 0; i < param_count && !reader.failed(); ++i) {
        std::string name = reader.string("parameter name", max_fmtp_name_bytes);
        std::string value = reader.string("parameter value", max_param_value_bytes);
        config.params.emplace_back(std::move(name), std::move(value));
    }
    reader.expect_end();
    if (reader.failed()) {
        return malformed(*reader.error());
    }
    return config;
}

std::vector<uint8_t> serialise_instance_info(const cordon_codec_instance_info &info)
{
    ByteWriter writer;
    writer.u32(info.frame_samples_per_channel);
    writer.u32(info.max_packet_bytes);
    writer.u32(info.max_decoded_samples);
    writer.u32(info.delay_samples_per_channel);
    return writer.bytes();
}

Result<cordon_codec_instance_info> parse_instance_info(std::span<const uint8_t> bytes)
{
    ByteReader reader(bytes, "CREATE reply");
    cordon_codec_instance_info info{};
    info.struct_size = sizeof(cordon_codec_instance_info);
    info.frame_samples_per_channel = reader.u32("frame samples per channel");
    info.max_packet_bytes = reader.u32("max packet bytes");
    info.max_decoded_samples = reader.u32("max decoded samples");
    info.delay_samples_per_channel = reader.u32("delay samples per channel");
    reader.expect_end();
    if (reader.failed()) {
        return malformed(*reader.error());
    }
    return info;
}

} // namespace cordon::sandbox
