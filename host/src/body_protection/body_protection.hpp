// The policy the user agent applies to a message body, separate from SIP so
// that every branch is testable: on sending, plain, encrypted for the
// recipient, or refused with a reason a person can act on, per
// encryption.body_mode and whether the next hop is TLS; on receiving,
// decrypted when it is S/MIME (or rejected: never handed on as ciphertext),
// taken as it is when plain.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "cordon/host/body_encryption.hpp"
#include "cordon/host/result.hpp"

namespace cordon {

// The hop a request leaves by.
struct NextHop {
    std::string_view transport; // "udp", "tcp", "tls whose server was not verified...": named in refusals
    bool secure = false;        // the next hop was authenticated (sip/next_hop_security.hpp)
};

// What the user agent puts in the request: the body as given or its
// S/MIME envelope (sent with Content-Transfer-Encoding binary).
struct OutgoingBody {
    std::string content_type;
    std::string body;
    bool encrypted = false;
};

// What the user agent hands the application.
struct ReceivedBody {
    Body body;
    bool encrypted = false; // it arrived as S/MIME and decrypted
};

// Everything the policy works with. plugin is the registry's and must
// outlive the BodyProtection; plugin and identity may be null (nothing to
// encrypt or decrypt with), peer_certificates maps peer_address() keys to
// PEM text.
struct BodyProtectionParts {
    BodyMode mode = BodyMode::when_no_tls;
    const BodyEncryptionPlugin *plugin = nullptr;
    std::shared_ptr<const BodyIdentity> identity;
    std::map<std::string, std::string> peer_certificates;
};

class BodyProtection {
public:
    explicit BodyProtection(BodyProtectionParts parts) : parts_(std::move(parts)) {}

    // Whether a body to a recipient over this hop must be encrypted.
    bool must_encrypt(const NextHop &next_hop) const;

    // The body to send to recipient (a sip: or sips: URI) over next_hop.
    // Errors: encryption_unavailable (it must be encrypted and no plugin is
    // loaded or no certificate is configured for the recipient: the message
    // is not sent), invalid_argument (recipient is not a SIP URI), or the
    // plugin's (certificate_unusable for an expired certificate...).
    Result<OutgoingBody> protect(std::string_view recipient, const NextHop &next_hop, std::string_view content_type,
                                 std::string_view body) const;

    // A received body: an application/pkcs7-mime one decrypted (errors:
    // encryption_unavailable without an identity, or the plugin's:
    // authentication_failed, not_for_this_recipient, malformed_input,
    // unsupported), any other returned as it came.
    Result<ReceivedBody> unprotect(std::string_view content_type, std::string_view body) const;

private:
    BodyProtectionParts parts_;
};

// Whether a Content-Type value is S/MIME's application/pkcs7-mime (any
// case, any parameters).
bool is_smime_content_type(std::string_view content_type);

} // namespace cordon
