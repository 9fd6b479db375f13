#include "sandbox/protocol/description_payload.hpp"

#include "cordon/codec.h"
#include "plugin_abi/codec_interface_validation.hpp"
#include "sandbox/protocol/byte_codec.hpp"

namespace cordon::sandbox {

namespace {

void write_list(ByteWriter &writer, const std::vector<uint32_t> &values)
{
    writer.u32(static_cast<uint32_t>(values.size()));
    for (const uint32_t value : values) {
        writer.u32(value);
    }
}

std::vector<uint32_t> read_list(ByteReader &reader, const std::string &field)
{
    const uint32_t count = reader.count(field + " count", CORDON_CODEC_MAX_LIST_ENTRIES);
    std::vector<uint32_t> values;
    for (uint32_t i = 0; i < count && !reader.failed(); ++i) {
        values.push_back(reader.u32(field));
    }
    return values;
}

void write_format(ByteWriter &writer, const CodecFormat &format)
{
    writer.string(format.encoding_name);
    writer.u32(format.clock_rate);
    writer.u32(format.rtp_channels);
    writer.i32(format.static_payload_type);
    write_list(writer, format.sample_rates);
    writer.u32(format.max_channels);
    write_list(writer, format.frame_durations_us);
    writer.u32(static_cast<uint32_t>(format.fmtp_parameters.size()));
    for (const std::string &parameter : format.fmtp_parameters) {
        writer.string(parameter);
    }
    writer.u8(format.has_inband_fec ? 1 : 0);
}

CodecFormat read_format(ByteReader &reader, uint32_t index)
{
    const std::string where = "format " + std::to_string(index) + " ";
    CodecFormat format;
    format.encoding_name = reader.string(where + "encoding name", max_encoding_name_bytes);
    format.clock_rate = reader.u32(where + "clock rate");
    format.rtp_channels = reader.u32(where + "rtp channels");
    format.static_payload_type = reader.i32(where + "static payload type");
    format.sample_rates = read_list(reader, where + "sample rate");
    format.max_channels = reader.u32(where + "max channels");
    format.frame_durations_us = read_list(reader, where + "frame duration");
    const uint32_t parameters = reader.count(where + "fmtp parameter count", CORDON_CODEC_MAX_LIST_ENTRIES);
    for (uint32_t i = 0; i < parameters && !reader.failed(); ++i) {
        format.fmtp_parameters.push_back(reader.string(where + "fmtp parameter", max_fmtp_name_bytes));
    }
    format.has_inband_fec = reader.flag(where + "in-band FEC flag");
    return format;
}

} // namespace

std::vector<uint8_t> serialise_description(const PluginDescription &description)
{
    ByteWriter writer;
    writer.u32(description.abi_major);
    writer.u32(description.abi_minor);
    writer.u32(description.kind);
    writer.string(description.id);
    writer.string(description.name);
    writer.string(description.vendor);
    writer.string(description.version);
    writer.u8(description.has_conceal ? 1 : 0);
    writer.u32(static_cast<uint32_t>(description.formats.size()));
    for (const CodecFormat &format : description.formats) {
        write_format(writer, format);
    }
    return writer.bytes();
}

Result<PluginDescription> parse_description(std::span<const uint8_t> bytes)
{
    ByteReader reader(bytes, "DESCRIBE reply");
    PluginDescription description;
    description.abi_major = reader.u32("abi major");
    description.abi_minor = reader.u32("abi minor");
    description.kind = reader.u32("kind");
    description.id = reader.string("id", CORDON_MAX_ID_BYTES);
    description.name = reader.string("name", CORDON_MAX_NAME_BYTES);
    description.vendor = reader.string("vendor", CORDON_MAX_NAME_BYTES);
    description.version = reader.string("version", CORDON_MAX_VERSION_BYTES);
    description.has_conceal = reader.flag("conceal flag");
    const uint32_t format_count = reader.count("format count", CORDON_CODEC_MAX_FORMATS);
    for (uint32_t i = 0; i < format_count && !reader.failed(); ++i) {
        description.formats.push_back(read_format(reader, i));
    }
    reader.expect_end();
    if (reader.failed()) {
        return Error{ErrorCode::malformed_input, *reader.error()};
    }
    return description;
}

} // namespace cordon::sandbox
