// Turns a DESCRIBE reply's parsed values into something the host may use, by
// the very checks the loader runs on the values it reads from a trusted
// plugin (validate_descriptor_values, validate_codec_formats), so both paths
// refuse the same plugins.
#pragma once

#include <vector>

#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"
#include "plugin_abi/descriptor_validation.hpp"
#include "sandbox/protocol/description_payload.hpp"

namespace cordon::sandbox {

struct DescribedPlugin {
    DescriptorFields fields;
    std::vector<CodecFormat> formats;
    bool has_conceal = false;
};

// contract_violation naming the field and the value on any refusal.
Result<DescribedPlugin> validate_description(const PluginDescription &description);

} // namespace cordon::sandbox
