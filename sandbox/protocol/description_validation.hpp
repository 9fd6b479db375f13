// Turns a DESCRIBE reply's parsed values into something the host may use, by
// rebuilding the ABI structs in host memory and running the very validators
// the loader runs on a trusted plugin (validate_descriptor,
// validate_codec_interface), so both paths refuse exactly the same plugins.
#pragma once

#include <vector>

#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"
#include "description_payload.hpp"
#include "descriptor_validation.hpp"

namespace cordon::sandbox {

struct DescribedPlugin {
    DescriptorFields fields;
    std::vector<CodecFormat> formats;
    bool has_conceal = false;
};

// contract_violation naming the field and the value on any refusal.
Result<DescribedPlugin> validate_description(const PluginDescription &description);

}  // namespace cordon::sandbox
