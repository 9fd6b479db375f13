#include "sandbox/supervisor/description_validation.hpp"

#include <string>

#include "plugin_abi/codec_interface_validation.hpp"

namespace cordon::sandbox {

namespace {

Error violation(const std::string &message) { return {ErrorCode::contract_violation, "DESCRIBE reply: " + message}; }

} // namespace

Result<DescribedPlugin> validate_description(const PluginDescription &description)
{
    DescribedPlugin plugin;
    DescriptorValues values;
    values.abi_major = description.abi_major;
    values.abi_minor = description.abi_minor;
    values.kind = description.kind;
    values.id = description.id;
    values.name = description.name;
    values.vendor = description.vendor;
    values.version = description.version;
    // The child refuses a plugin without get_interface before it describes
    // one; a reply cannot say otherwise.
    values.has_get_interface = true;
    if (auto refusal = validate_descriptor_values(values, plugin.fields)) {
        return violation("descriptor: " + *refusal);
    }
    if (plugin.fields.kind != PluginKind::codec) {
        return violation("descriptor kind " + std::to_string(description.kind) +
                         " is not a codec; the sandbox serves only codecs");
    }
    auto formats = validate_codec_formats(description.formats);
    if (!formats) {
        return violation("codec interface: " + formats.error().message);
    }
    plugin.formats = std::move(formats.value());
    plugin.has_conceal = description.has_conceal;
    return plugin;
}

} // namespace cordon::sandbox
