// Plugin descriptor validation on a descriptor built from fuzz bytes, through
// the same code the loader uses on a trusted plugin and the sandbox will use
// on an untrusted one's report.
//
// Input: abi_major, abi_minor, struct_size, kind (4 bytes each, little
// endian), one byte of flags (bit i set: string i is NULL; bit 4:
// get_interface is NULL), then the id, name, vendor and version separated by
// NUL bytes.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "plugin_abi/descriptor_validation.hpp"

namespace {

constexpr size_t header_bytes = 4 * sizeof(uint32_t) + 1;
constexpr uint8_t null_get_interface_flag = 1u << 4;

uint32_t read_u32(const uint8_t *bytes)
{
    return uint32_t{bytes[0]} | uint32_t{bytes[1]} << 8u | uint32_t{bytes[2]} << 16u | uint32_t{bytes[3]} << 24u;
}

const void *no_interface(const char * /*id*/) { return nullptr; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < header_bytes) {
        return 0;
    }
    // Each string lives in its own NUL-terminated buffer, as a plugin's would.
    std::array<std::string, 4> strings;
    size_t field = 0;
    for (size_t i = header_bytes; i < size && field < strings.size(); ++i) {
        if (data[i] == 0) {
            ++field;
        } else {
            strings[field].push_back(static_cast<char>(data[i]));
        }
    }
    const uint8_t flags = data[16];
    const auto text = [&](size_t index) { return (flags & (1u << index)) != 0 ? nullptr : strings[index].c_str(); };

    cordon_plugin_descriptor descriptor{};
    descriptor.abi_major = read_u32(data);
    descriptor.abi_minor = read_u32(data + 4);
    descriptor.struct_size = read_u32(data + 8);
    descriptor.kind = read_u32(data + 12);
    descriptor.id = text(0);
    descriptor.name = text(1);
    descriptor.vendor = text(2);
    descriptor.version = text(3);
    descriptor.get_interface = (flags & null_get_interface_flag) != 0 ? nullptr : no_interface;

    cordon::DescriptorFields fields;
    const auto refusal = cordon::validate_descriptor(&descriptor, fields);
    // An accepted descriptor must really satisfy what the host relies on.
    if (!refusal && (fields.id.empty() || fields.id.size() > CORDON_MAX_ID_BYTES || !fields.kind)) {
        __builtin_trap();
    }
    return 0;
}
