#include "body_protection/body_protection.hpp"

#include <algorithm>

#include "body_protection/peer_address.hpp"
#include "core/ascii_text.hpp"

namespace cordon {

namespace {

constexpr std::string_view smime_type = "application/pkcs7-mime";

const char *mode_name(BodyMode mode)
{
    switch (mode) {
    case BodyMode::off:
        return "off";
    case BodyMode::when_no_tls:
        return "when-no-tls";
    case BodyMode::always:
        return "always";
    }
    return "?";
}

// "encryption.body_mode is when-no-tls and the next hop is udp" or
// "encryption.body_mode is always": why this body must be encrypted.
std::string why_encrypted(BodyMode mode, const NextHop &next_hop)
{
    std::string reason = std::string("encryption.body_mode is ") + mode_name(mode);
    if (mode == BodyMode::when_no_tls) {
        reason += " and the next hop is " + std::string(next_hop.transport);
    }
    return reason;
}

} // namespace

bool is_smime_content_type(std::string_view content_type)
{
    const size_t end = std::min(content_type.find_first_of("; \t"), content_type.size());
    const std::string_view type = content_type.substr(0, end);
    return equal_ignoring_ascii_case(type, smime_type);
}

bool BodyProtection::must_encrypt(const NextHop &next_hop) const
{
    switch (parts_.mode) {
    case BodyMode::off:
        return false;
    case BodyMode::when_no_tls:
        return !next_hop.secure;
    case BodyMode::always:
        return true;
    }
    return true;
}

Result<OutgoingBody> BodyProtection::protect(std::string_view recipient, const NextHop &next_hop,
                                             std::string_view content_type, std::string_view body) const
{
    if (!must_encrypt(next_hop)) {
        return OutgoingBody{std::string(content_type), std::string(body), false};
    }
    const auto address = peer_address(recipient);
    if (!address) {
        return Error{ErrorCode::invalid_argument,
                     "the recipient is not a sip: or sips: URI with a user and a host, so no certificate can be "
                     "looked up for it"};
    }
    if (parts_.plugin == nullptr) {
        return Error{ErrorCode::encryption_unavailable, why_encrypted(parts_.mode, next_hop) +
                                                            ", and no body encryption plugin is loaded: the message "
                                                            "is not sent"};
    }
    const auto certificate = parts_.peer_certificates.find(*address);
    if (certificate == parts_.peer_certificates.end()) {
        return Error{ErrorCode::encryption_unavailable,
                     why_encrypted(parts_.mode, next_hop) + ", and no certificate for " + *address +
                         " is configured (encryption.peer_certificates): the message is not sent"};
    }
    auto outer = parts_.plugin->encrypt(content_type, body, certificate->second);
    if (!outer) {
        return Error{outer.error().code, "the body for " + *address + " cannot be encrypted (" +
                                             why_encrypted(parts_.mode, next_hop) +
                                             "), so the message is not sent: " + outer.error().message};
    }
    return OutgoingBody{std::move(outer->content_type), std::move(outer->body), true};
}

Result<ReceivedBody> BodyProtection::unprotect(std::string_view content_type, std::string_view body) const
{
    if (!is_smime_content_type(content_type)) {
        return ReceivedBody{Body{std::string(content_type), std::string(body)}, false};
    }
    if (parts_.plugin == nullptr || parts_.identity == nullptr) {
        return Error{ErrorCode::encryption_unavailable,
                     "an encrypted body arrived and is rejected: " +
                         std::string(parts_.plugin == nullptr ? "no body encryption plugin is loaded"
                                                              : "no identity is configured (encryption.certificate_"
                                                                "file and encryption.private_key_file)")};
    }
    auto inner = parts_.identity->decrypt(content_type, body);
    if (!inner) {
        return Error{inner.error().code, "an encrypted body is rejected: " + inner.error().message};
    }
    return ReceivedBody{std::move(*inner), true};
}

} // namespace cordon
