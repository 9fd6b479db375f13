// Checks a plugin descriptor before the host trusts any of it. The loader
// calls this on the descriptor of an in-process plugin; the sandbox (and the
// fuzz target) call it on one rebuilt from untrusted bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "cordon/host/plugins.hpp"
#include "cordon/plugin.h"

namespace cordon {

// The descriptor fields that passed validation, copied out of the plugin.
struct DescriptorFields {
    std::optional<uint32_t> abi_major;
    std::optional<uint32_t> abi_minor;
    std::optional<PluginKind> kind;
    std::string id;
    std::string name;
    std::string vendor;
    std::string version;
};

// The smallest descriptor the host accepts: everything ABI 1.0 defines.
inline constexpr uint32_t descriptor_size_v1_0 = sizeof(cordon_plugin_descriptor);

// Returns the reason for refusal, or nothing when the descriptor is
// acceptable. fields receives every value checked so far, even on refusal,
// so that the refusal can be reported with what is known.
std::optional<std::string> validate_descriptor(const cordon_plugin_descriptor *descriptor,
                                               DescriptorFields &fields);

// The interface id a plugin of this kind must provide, or nothing when this
// host has no interface for the kind yet.
std::optional<const char *> required_interface_id(PluginKind kind);

}  // namespace cordon
