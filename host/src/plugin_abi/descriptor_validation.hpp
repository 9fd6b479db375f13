// Checks a plugin descriptor before the host trusts any of it. Two steps:
// reading the C struct copies what it states into plain values, never past
// its struct_size or a string's limit; checking those values is plain C++.
// The loader and the sandbox child run both on a plugin's descriptor; the
// host runs the check on the values a child reports.
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

// What a descriptor states, as plain values.
struct DescriptorValues {
    uint32_t abi_major = 0;
    uint32_t abi_minor = 0;
    uint32_t kind = 0;
    // nullopt where the plugin's pointer was NULL. Read from a plugin, a text
    // is cut one byte past its limit: enough to be refused as too long.
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> vendor;
    std::optional<std::string> version;
    bool has_get_interface = false;
};

// The smallest descriptor the host accepts: everything ABI 1.0 defines.
inline constexpr uint32_t descriptor_size_v1_0 = sizeof(cordon_plugin_descriptor);

// Returns the reason for refusal, or nothing when the values are
// acceptable. fields receives every value checked so far, even on refusal,
// so that the refusal can be reported with what is known.
std::optional<std::string> validate_descriptor_values(const DescriptorValues &values, DescriptorFields &fields);

// Reads the descriptor (refusing one that is NULL, of another ABI major
// version, or smaller than ABI 1.0's) and checks what it states with
// validate_descriptor_values; fields as there.
std::optional<std::string> validate_descriptor(const cordon_plugin_descriptor *descriptor, DescriptorFields &fields);

// The interface id a plugin of this kind must provide, or nothing when this
// host has no interface for the kind yet.
std::optional<const char *> required_interface_id(PluginKind kind);

} // namespace cordon
