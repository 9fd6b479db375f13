#include "description_validation.hpp"

#include <string>

#include "codec_interface_validation.hpp"
#include "cordon/codec.h"

namespace cordon::sandbox {

namespace {

// Stand-ins for the child's functions: the validators check only that a
// required function is present; the host never calls these.
const void *absent_interface(const char * /*interface_id*/) { return nullptr; }
cordon_status refuse_create(const cordon_codec_config *, cordon_codec_instance **, cordon_codec_instance_info *)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status refuse_encode(cordon_codec_instance *, const int16_t *, size_t, uint8_t *, size_t, size_t *)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status refuse_decode(cordon_codec_instance *, const uint8_t *, size_t, int16_t *, size_t, size_t *)
{
    return CORDON_STATUS_UNSUPPORTED;
}
cordon_status refuse_reset(cordon_codec_instance *) { return CORDON_STATUS_UNSUPPORTED; }
void ignore_destroy(cordon_codec_instance *) {}

Error violation(const std::string &message) { return {ErrorCode::contract_violation, "DESCRIBE reply: " + message}; }

// The C view of one format; it points into source and fmtp_names, which
// must outlive it.
cordon_codec_format abi_format(const CodecFormat &source, const std::vector<const char *> &fmtp_names)
{
    cordon_codec_format format{};
    format.encoding_name = source.encoding_name.c_str();
    format.clock_rate = source.clock_rate;
    format.rtp_channels = source.rtp_channels;
    format.static_payload_type = source.static_payload_type;
    format.sample_rates = source.sample_rates.empty() ? nullptr : source.sample_rates.data();
    format.sample_rate_count = static_cast<uint32_t>(source.sample_rates.size());
    format.max_channels = source.max_channels;
    format.frame_durations_us = source.frame_durations_us.empty() ? nullptr : source.frame_durations_us.data();
    format.frame_duration_count = static_cast<uint32_t>(source.frame_durations_us.size());
    format.fmtp_parameters = fmtp_names.empty() ? nullptr : fmtp_names.data();
    format.fmtp_parameter_count = static_cast<uint32_t>(fmtp_names.size());
    format.has_inband_fec = source.has_inband_fec ? 1u : 0u;
    return format;
}

}  // namespace

Result<DescribedPlugin> validate_description(const PluginDescription &description)
{
    DescribedPlugin plugin;
    cordon_plugin_descriptor descriptor{};
    descriptor.abi_major = description.abi_major;
    descriptor.abi_minor = description.abi_minor;
    descriptor.struct_size = descriptor_size_v1_0;
    descriptor.kind = description.kind;
    descriptor.id = description.id.c_str();
    descriptor.name = description.name.c_str();
    descriptor.vendor = description.vendor.c_str();
    descriptor.version = description.version.c_str();
    descriptor.get_interface = absent_interface;
    if (auto refusal = validate_descriptor(&descriptor, plugin.fields)) {
        return violation("descriptor: " + *refusal);
    }
    if (plugin.fields.kind != PluginKind::codec) {
        return violation("descriptor kind " + std::to_string(description.kind) +
                         " is not a codec; the sandbox serves only codecs");
    }

    // Empty lists become NULL pointers in the rebuilt struct, which the
    // validator refuses with its own message, as it would for a plugin.
    // Every name list is complete before any format points into it.
    std::vector<std::vector<const char *>> fmtp_names(description.formats.size());
    for (size_t i = 0; i < description.formats.size(); ++i) {
        for (const std::string &name : description.formats[i].fmtp_parameters) {
            fmtp_names[i].push_back(name.c_str());
        }
    }
    std::vector<cordon_codec_format> formats;
    for (size_t i = 0; i < description.formats.size(); ++i) {
        formats.push_back(abi_format(description.formats[i], fmtp_names[i]));
    }
    cordon_codec_interface codec{};
    codec.struct_size = codec_interface_size_v1;
    codec.format_struct_size = codec_format_size_v1;
    codec.formats = formats.empty() ? nullptr : formats.data();
    codec.format_count = static_cast<uint32_t>(formats.size());
    codec.create = refuse_create;
    codec.encode = refuse_encode;
    codec.decode = refuse_decode;
    codec.reset = refuse_reset;
    codec.destroy = ignore_destroy;
    auto validated = validate_codec_interface(&codec);
    if (!validated) {
        return violation("codec interface: " + validated.error().message);
    }
    plugin.formats = std::move(validated.value());
    plugin.has_conceal = description.has_conceal;
    return plugin;
}

}  // namespace cordon::sandbox
