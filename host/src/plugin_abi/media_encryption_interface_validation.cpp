#include "plugin_abi/media_encryption_interface_validation.hpp"

#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "core/ascii_text.hpp"

namespace cordon {

namespace {

Error violation(std::string message) { return {ErrorCode::contract_violation, std::move(message)}; }

// An SDP proto field: tokens joined by '/' ("RTP/SAVP", "UDP/TLS/RTP/SAVP").
bool is_sdp_profile(std::string_view text)
{
    if (text.empty() || text.front() == '/' || text.back() == '/') {
        return false;
    }
    for (const char c : text) {
        if (!ascii_is_alnum(c) && c != '/') {
            return false;
        }
    }
    return true;
}

// A string of the table, read no further than its limit.
std::optional<std::string_view> bounded(const char *text)
{
    if (text == nullptr) {
        return std::nullopt;
    }
    const size_t length = strnlen(text, CORDON_MEDIA_NAME_BYTES);
    if (length >= CORDON_MEDIA_NAME_BYTES) {
        return std::nullopt;
    }
    return std::string_view(text, length);
}

} // namespace

Result<MediaEncryptionInterfaceFields>
validate_media_encryption_interface(const cordon_media_encryption_interface *encryption)
{
    if (encryption == nullptr) {
        return violation("media encryption interface is missing (NULL)");
    }
    if (encryption->struct_size < media_encryption_interface_size_v1) {
        return violation("media encryption interface struct_size is " + std::to_string(encryption->struct_size) +
                         " bytes; cordon.media-encryption/1 needs at least " +
                         std::to_string(media_encryption_interface_size_v1));
    }
    const std::pair<const void *, const char *> required[] = {
        {reinterpret_cast<const void *>(encryption->create), "create"},
        {reinterpret_cast<const void *>(encryption->destroy), "destroy"},
        {reinterpret_cast<const void *>(encryption->offer), "offer"},
        {reinterpret_cast<const void *>(encryption->answer), "answer"},
        {reinterpret_cast<const void *>(encryption->accept_answer), "accept_answer"},
        {reinterpret_cast<const void *>(encryption->protect_rtp), "protect_rtp"},
        {reinterpret_cast<const void *>(encryption->unprotect_rtp), "unprotect_rtp"},
        {reinterpret_cast<const void *>(encryption->protect_rtcp), "protect_rtcp"},
        {reinterpret_cast<const void *>(encryption->unprotect_rtcp), "unprotect_rtcp"},
    };
    for (const auto &[function, name] : required) {
        if (function == nullptr) {
            return violation(std::string("required media encryption function ") + name + " is missing (NULL)");
        }
    }
    const auto limit = std::to_string(CORDON_MEDIA_NAME_BYTES - 1);
    const auto profile = bounded(encryption->sdp_profile);
    if (!profile || !is_sdp_profile(*profile)) {
        return violation("sdp_profile is not 1.." + limit + " letters, digits and '/' (such as RTP/SAVP)");
    }
    const auto attribute = bounded(encryption->sdp_attribute);
    if (!attribute || !is_rfc4566_token(*attribute)) {
        return violation("sdp_attribute is not an SDP token of 1.." + limit + " characters");
    }
    if (encryption->max_overhead == 0 || encryption->max_overhead > CORDON_MEDIA_MAX_OVERHEAD_BYTES) {
        return violation("max_overhead " + std::to_string(encryption->max_overhead) + " is outside 1.." +
                         std::to_string(CORDON_MEDIA_MAX_OVERHEAD_BYTES));
    }
    return MediaEncryptionInterfaceFields{std::string(*profile), std::string(*attribute), encryption->max_overhead};
}

} // namespace cordon
