// The host's view of a body encryption plugin: a SIP message body wrapped
// end to end for one recipient (S/MIME, RFC 3261 section 23 and RFC 8591:
// the outer body is application/pkcs7-mime, the inner one the MIME entity
// the application meant to send), and unwrapped with this host's own
// identity. The recipient's certificate is trusted because the operator
// configured it for that peer (encryption.peer_certificates), not by a
// chain: the plugin checks only that it can be encrypted to (dates, key,
// key usage).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "cordon/host/result.hpp"

namespace cordon {

// A MIME entity: its Content-Type value and its body's bytes. Before
// encryption and after decryption it is the inner entity; EncryptedBody is
// the outer one, whose body is binary CMS (sent with
// Content-Transfer-Encoding binary).
struct Body {
    std::string content_type;
    std::string body;
};
struct EncryptedBody {
    std::string content_type; // application/pkcs7-mime;smime-type=authEnveloped-data;...
    std::string body;
};

// This host's certificate and private key, parsed once by the plugin; the
// key never crosses to the plugin again. decrypt may be called from several
// threads at once.
class BodyIdentity {
public:
    virtual ~BodyIdentity() = default;
    // The inner entity of an outer one a peer sent. Fails with unsupported
    // (another Content-Type, or EnvelopedData, which is not integrity
    // protected), malformed_input, not_for_this_recipient or
    // authentication_failed (altered on the way); nothing of a body that
    // failed is ever returned.
    virtual Result<Body> decrypt(std::string_view content_type, std::string_view body) const = 0;
};

class BodyEncryptionPlugin {
public:
    virtual ~BodyEncryptionPlugin() = default;
    virtual const std::string &id() const = 0;
    // The outer entity of content_type/body for the holder of the PEM
    // certificate. certificate_unusable: expired, not yet valid, a key or
    // keyUsage that cannot take part in the envelope, or not PEM.
    virtual Result<EncryptedBody> encrypt(std::string_view content_type, std::string_view body,
                                          std::string_view recipient_certificate_pem) const = 0;
    // Parses the PEM certificate and (unencrypted) PEM private key.
    // certificate_unusable when the key is not the certificate's or cannot
    // decrypt; malformed_input when either is not PEM.
    virtual Result<std::shared_ptr<const BodyIdentity>> create_identity(std::string_view certificate_pem,
                                                                        std::string_view private_key_pem) const = 0;
};

// When message bodies are encrypted (encryption.body_mode): never, exactly
// when the next hop is not TLS, or always. A body that must be encrypted and
// cannot be (no plugin, no certificate for the recipient) is not sent.
enum class BodyMode { off, when_no_tls, always };

// The [encryption] settings of bodies, as read; files are read and checked
// when they are turned into a BodyProtection (body_protection_settings).
struct BodyEncryptionSettings {
    BodyMode mode = BodyMode::when_no_tls;
    std::filesystem::path certificate_file; // own PEM certificate; empty: none
    std::filesystem::path private_key_file; // its unencrypted PEM key; empty: none
    // A peer's SIP URI (as written in the file) -> its PEM certificate file.
    std::map<std::string, std::filesystem::path> peer_certificates;
};

} // namespace cordon
