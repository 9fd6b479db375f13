// What the body encryption tests share: S/MIME certificates made at test
// time with the OpenSSL API (key type, validity and keyUsage chosen per
// test), the built-in encryption-smime plugin loaded as the host loads it,
// and envelopes built with OpenSSL directly, for inputs the plugin would
// never make itself (CBC EnvelopedData, hostile inner entities).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "cordon/host/body_encryption.hpp"
#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::test {

inline constexpr char smime_plugin_id[] = "org.cordon.encryption.smime";

enum class KeyType { rsa_2048, rsa_1024, ec_p256, ed25519 };

struct SmimeCertificateSpec {
    KeyType key = KeyType::rsa_2048;
    std::string common_name = "bob";
    // Validity relative to now.
    std::chrono::seconds not_before = -std::chrono::hours(1);
    std::chrono::seconds not_after = std::chrono::hours(24);
    // An OpenSSL keyUsage value ("keyEncipherment", "digitalSignature"...);
    // empty: no keyUsage extension.
    std::string key_usage;
};

// A spec with this key, keyUsage ("" for none) and name, valid from an hour
// ago for a day; with_validity moves its dates.
SmimeCertificateSpec smime_spec(KeyType key, std::string key_usage = "", std::string common_name = "bob");
SmimeCertificateSpec with_validity(SmimeCertificateSpec spec, std::chrono::seconds not_before,
                                   std::chrono::seconds not_after);

// A self-signed certificate and its unencrypted private key, both PEM.
struct PemIdentity {
    std::string certificate;
    std::string key;
};

// Makes one (throws when OpenSSL cannot, which ends the test).
PemIdentity make_smime_identity(const SmimeCertificateSpec &spec);

// The same key under a passphrase (PKCS#8, AES-256-CBC).
std::string encrypted_key_pem(const PemIdentity &identity, const std::string &passphrase);

struct SmimePlugin {
    CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
    const BodyEncryptionPlugin *plugin = nullptr;
};

// The built-in plugins, with encryption-smime found (the test fails otherwise).
std::unique_ptr<SmimePlugin> load_smime_plugin();

// A DER CMS envelope of plaintext for recipient's certificate, made by
// OpenSSL with cipher_name ("aes-128-gcm": AuthEnvelopedData,
// "aes-128-cbc": EnvelopedData); for an EC recipient, wrap_name chooses the
// key wrap ("id-aes128-wrap-pad"...; empty: OpenSSL's AES key wrap of the
// content key's size).
std::string openssl_envelope(const std::string &plaintext, const PemIdentity &recipient, const std::string &cipher_name,
                             const std::string &wrap_name = "");

// A hostile sender's AuthEnvelopedData of plaintext for recipient (RSA),
// built DER by DER: the content "encrypted" under AES-128 key wrap, which
// OpenSSL decrypts without checking the mac (16 zero bytes here), with
// GCM-shaped parameters and everything else as the plugin's own. plaintext
// is padded with spaces to a multiple of 8 bytes, as the wrap needs.
std::string key_wrapped_auth_envelope(std::string plaintext, const PemIdentity &recipient);

// The outer Content-Type value of an AuthEnvelopedData body.
inline constexpr char auth_enveloped_type[] = "application/pkcs7-mime; smime-type=authEnveloped-data; name=smime.p7m";

} // namespace cordon::test
