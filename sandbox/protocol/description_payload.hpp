// The DESCRIBE reply: what the child read from the plugin it loaded (the
// descriptor's fields and the codec formats), in the form the host rebuilds
// and validates with the same checks it runs on a trusted plugin.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"

namespace cordon::sandbox {

// Values as the child reported them: shaped, not yet trusted.
struct PluginDescription {
    uint32_t abi_major = 0;
    uint32_t abi_minor = 0;
    uint32_t kind = 0;
    std::string id;
    std::string name;
    std::string vendor;
    std::string version;
    bool has_conceal = false;
    std::vector<CodecFormat> formats;
};

std::vector<uint8_t> serialise_description(const PluginDescription &description);
// Refuses truncation, trailing bytes, strings past the ABI's limits, NUL
// bytes, and counts past CORDON_CODEC_MAX_FORMATS / MAX_LIST_ENTRIES
// (malformed_input, naming the field). Values are checked afterwards by
// validate_description (description_validation.hpp).
Result<PluginDescription> parse_description(std::span<const uint8_t> bytes);

} // namespace cordon::sandbox
