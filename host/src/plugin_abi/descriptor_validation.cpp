#include "plugin_abi/descriptor_validation.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "cordon/auth.h"
#include "cordon/codec.h"
#include "cordon/media_encryption.h"
#include "cordon/transport.h"
#include "core/ascii_text.hpp"
#include "core/display_text.hpp"

namespace cordon {

namespace {

// A copy of a plugin-owned string that never scans past one byte more than
// max_bytes: enough for the check to refuse it as too long.
std::optional<std::string> read_text(const char *text, size_t max_bytes)
{
    if (text == nullptr) {
        return std::nullopt;
    }
    return std::string(text, strnlen(text, max_bytes + 1));
}

bool is_id_label_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

// Reverse-DNS: two or more non-empty labels of [a-z0-9_-] joined by dots.
std::optional<std::string> check_id_syntax(std::string_view id)
{
    size_t labels = 0;
    size_t label_length = 0;
    for (const char c : id) {
        if (c == '.') {
            if (label_length == 0) {
                return "has an empty label (\"..\", or a dot at either end)";
            }
            ++labels;
            label_length = 0;
        } else if (is_id_label_char(c)) {
            ++label_length;
        } else {
            return "may contain only a-z, 0-9, '-', '_' and dots";
        }
    }
    if (label_length == 0) {
        return "has an empty label (\"..\", or a dot at either end)";
    }
    if (labels + 1 < 2) {
        return "is not reverse-DNS (needs at least two dot-separated labels)";
    }
    return std::nullopt;
}

bool is_printable_ascii_word(std::string_view text) { return std::all_of(text.begin(), text.end(), ascii_is_visible); }

// Checks one descriptor string; on success copies it into out.
std::optional<std::string> check_text(const char *field, const std::optional<std::string> &text, size_t max_bytes,
                                      std::string &out)
{
    if (!text) {
        return std::string(field) + " is missing (NULL)";
    }
    if (text->size() > max_bytes) {
        return std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes";
    }
    if (text->empty()) {
        return std::string(field) + " is empty";
    }
    // Every descriptor string is shown to people (cordon plugins, logs), so
    // it must read as it is stored: no controls, bidirectional overrides or
    // invisible characters that would let one plugin pass for another.
    if (auto problem = undisplayable_text_problem(*text)) {
        return std::string(field) + " " + *problem;
    }
    out = *text;
    return std::nullopt;
}

std::optional<PluginKind> kind_from_abi(uint32_t value)
{
    switch (value) {
    case CORDON_PLUGIN_KIND_TRANSPORT:
        return PluginKind::transport;
    case CORDON_PLUGIN_KIND_AUTH:
        return PluginKind::auth;
    case CORDON_PLUGIN_KIND_ENCRYPTION:
        return PluginKind::encryption;
    case CORDON_PLUGIN_KIND_CODEC:
        return PluginKind::codec;
    default:
        return std::nullopt;
    }
}

std::string version_text(uint32_t major, uint32_t minor) { return std::to_string(major) + "." + std::to_string(minor); }

} // namespace

std::optional<std::string> validate_descriptor_values(const DescriptorValues &values, DescriptorFields &fields)
{
    fields.abi_major = values.abi_major;
    fields.abi_minor = values.abi_minor;
    if (values.abi_major != CORDON_ABI_MAJOR) {
        return "built for plugin ABI " + version_text(values.abi_major, values.abi_minor) + ", this host speaks " +
               version_text(CORDON_ABI_MAJOR, CORDON_ABI_MINOR) + " (the major versions must match)";
    }
    if (auto problem = check_text("id", values.id, CORDON_MAX_ID_BYTES, fields.id)) {
        return problem;
    }
    if (auto problem = check_id_syntax(fields.id)) {
        const std::string id = std::move(fields.id);
        fields.id.clear();
        return "id \"" + id + "\" " + *problem;
    }
    fields.kind = kind_from_abi(values.kind);
    if (!fields.kind) {
        return "unknown plugin kind " + std::to_string(values.kind) +
               " (known: 1 transport, 2 auth, 3 encryption, 4 codec)";
    }
    if (auto problem = check_text("name", values.name, CORDON_MAX_NAME_BYTES, fields.name)) {
        return problem;
    }
    if (auto problem = check_text("vendor", values.vendor, CORDON_MAX_NAME_BYTES, fields.vendor)) {
        return problem;
    }
    if (auto problem = check_text("version", values.version, CORDON_MAX_VERSION_BYTES, fields.version)) {
        return problem;
    }
    if (!is_printable_ascii_word(fields.version)) {
        fields.version.clear();
        return std::string("version may contain only printable ASCII without spaces");
    }
    if (!values.has_get_interface) {
        return std::string("required function get_interface is missing (NULL)");
    }
    return std::nullopt;
}

std::optional<std::string> validate_descriptor(const cordon_plugin_descriptor *descriptor, DescriptorFields &fields)
{
    if (descriptor == nullptr) {
        return "the entry function returned no descriptor (NULL)";
    }
    // abi_major, abi_minor and struct_size lead every descriptor of every
    // version, so they are safe to read before anything else is known; the
    // rest has ABI 1's layout only when the major version is 1.
    DescriptorValues values;
    values.abi_major = descriptor->abi_major;
    values.abi_minor = descriptor->abi_minor;
    if (descriptor->abi_major == CORDON_ABI_MAJOR) {
        if (descriptor->struct_size < descriptor_size_v1_0) {
            fields.abi_major = descriptor->abi_major;
            fields.abi_minor = descriptor->abi_minor;
            return "descriptor struct_size is " + std::to_string(descriptor->struct_size) +
                   " bytes; ABI 1.0 needs at least " + std::to_string(descriptor_size_v1_0);
        }
        values.kind = descriptor->kind;
        values.id = read_text(descriptor->id, CORDON_MAX_ID_BYTES);
        values.name = read_text(descriptor->name, CORDON_MAX_NAME_BYTES);
        values.vendor = read_text(descriptor->vendor, CORDON_MAX_NAME_BYTES);
        values.version = read_text(descriptor->version, CORDON_MAX_VERSION_BYTES);
        values.has_get_interface = descriptor->get_interface != nullptr;
    }
    return validate_descriptor_values(values, fields);
}

std::optional<const char *> required_interface_id(PluginKind kind)
{
    switch (kind) {
    case PluginKind::codec:
        return CORDON_CODEC_INTERFACE_ID;
    case PluginKind::auth:
        return CORDON_AUTH_INTERFACE_ID;
    case PluginKind::transport:
        return CORDON_TRANSPORT_INTERFACE_ID;
    case PluginKind::encryption:
        return CORDON_MEDIA_ENCRYPTION_INTERFACE_ID;
    }
    return std::nullopt;
}

} // namespace cordon
