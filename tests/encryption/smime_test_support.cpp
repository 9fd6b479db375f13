#include "tests/encryption/smime_test_support.hpp"

#include <gtest/gtest.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace cordon::test {

namespace {

constexpr int serial_bytes = 16;

void require(bool ok, const char *what)
{
    if (!ok) {
        throw std::runtime_error(std::string("making an S/MIME test input: ") + what + " failed");
    }
}

template <class T, void (*Free)(T *)> struct Freer {
    void operator()(T *value) const { Free(value); }
};
using Key = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Freer<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Freer<BIO, BIO_free_all>>;

Key new_key(KeyType type)
{
    switch (type) {
    case KeyType::rsa_2048:
        return Key(EVP_RSA_gen(2048));
    case KeyType::rsa_1024:
        return Key(EVP_RSA_gen(1024));
    case KeyType::ec_p256:
        return Key(EVP_EC_gen("P-256"));
    case KeyType::ed25519:
        return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    }
    return nullptr;
}

std::string bio_text(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(length));
}

Certificate certificate_of(const std::string &pem)
{
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Certificate certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    require(certificate != nullptr, "PEM_read_bio_X509");
    return certificate;
}

Key key_of(const std::string &pem)
{
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    require(key != nullptr, "PEM_read_bio_PrivateKey");
    return key;
}

// DER: tag, definite length, content (up to 64 KiB).
std::string der_tlv(uint8_t tag, const std::string &content)
{
    std::string element(1, static_cast<char>(tag));
    const size_t length = content.size();
    if (length >= 0x100) {
        element += {'\x82', static_cast<char>(length >> 8), static_cast<char>(length & 0xFF)};
    } else if (length >= 0x80) {
        element += {'\x81', static_cast<char>(length)};
    } else {
        element += static_cast<char>(length);
    }
    return element + content;
}

// What an i2d_* function writes for value.
template <class T> std::string i2d_text(int (*i2d)(const T *, unsigned char **), const T *value)
{
    unsigned char *bytes = nullptr;
    const int length = i2d(value, &bytes);
    require(length > 0, "i2d");
    std::string text(reinterpret_cast<const char *>(bytes), static_cast<size_t>(length));
    OPENSSL_free(bytes);
    return text;
}

} // namespace

SmimeCertificateSpec smime_spec(KeyType key, std::string key_usage, std::string common_name)
{
    SmimeCertificateSpec spec;
    spec.key = key;
    spec.key_usage = std::move(key_usage);
    spec.common_name = std::move(common_name);
    return spec;
}

SmimeCertificateSpec with_validity(SmimeCertificateSpec spec, std::chrono::seconds not_before,
                                   std::chrono::seconds not_after)
{
    spec.not_before = not_before;
    spec.not_after = not_after;
    return spec;
}

PemIdentity make_smime_identity(const SmimeCertificateSpec &spec)
{
    Key key = new_key(spec.key);
    require(key != nullptr, "key generation");
    Certificate certificate(X509_new());
    X509 *raw = certificate.get();
    unsigned char serial[serial_bytes];
    require(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] &= 0x7F; // positive
    BIGNUM *number = BN_bin2bn(serial, sizeof serial, nullptr);
    require(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(raw)) != nullptr, "serial");
    BN_free(number);
    require(X509_set_version(raw, 2) == 1, "X509_set_version");
    require(X509_gmtime_adj(X509_getm_notBefore(raw), static_cast<long>(spec.not_before.count())) != nullptr &&
                X509_gmtime_adj(X509_getm_notAfter(raw), static_cast<long>(spec.not_after.count())) != nullptr,
            "validity");
    X509_NAME *name = X509_get_subject_name(raw);
    require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char *>(spec.common_name.c_str()), -1, -1,
                                       0) == 1,
            "subject");
    require(X509_set_issuer_name(raw, name) == 1 && X509_set_pubkey(raw, key.get()) == 1, "issuer and key");
    if (!spec.key_usage.empty()) {
        X509V3_CTX context;
        X509V3_set_ctx_nodb(&context);
        X509V3_set_ctx(&context, raw, raw, nullptr, nullptr, 0);
        X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, NID_key_usage, spec.key_usage.c_str());
        require(extension != nullptr && X509_add_ext(raw, extension, -1) == 1, "keyUsage");
        X509_EXTENSION_free(extension);
    }
    // Ed25519 signs without a separate digest.
    const EVP_MD *digest = spec.key == KeyType::ed25519 ? nullptr : EVP_sha256();
    require(X509_sign(raw, key.get(), digest) > 0, "X509_sign");
    Bio certificate_pem(BIO_new(BIO_s_mem()));
    Bio key_pem(BIO_new(BIO_s_mem()));
    require(PEM_write_bio_X509(certificate_pem.get(), raw) == 1, "PEM_write_bio_X509");
    require(PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
            "PEM_write_bio_PrivateKey");
    return {bio_text(certificate_pem.get()), bio_text(key_pem.get())};
}

std::string encrypted_key_pem(const PemIdentity &identity, const std::string &passphrase)
{
    Key key = key_of(identity.key);
    Bio pem(BIO_new(BIO_s_mem()));
    require(PEM_write_bio_PKCS8PrivateKey(pem.get(), key.get(), EVP_aes_256_cbc(), passphrase.c_str(),
                                          static_cast<int>(passphrase.size()), nullptr, nullptr) == 1,
            "PEM_write_bio_PKCS8PrivateKey");
    return bio_text(pem.get());
}

std::unique_ptr<SmimePlugin> load_smime_plugin()
{
    auto loaded = std::make_unique<SmimePlugin>();
    loaded->registry =
        PluginRegistry::load({{CORDON_BUILTIN_PLUGIN_DIR}, {CORDON_BUILTIN_PLUGIN_DIR}, {}, {}}, loaded->logger);
    loaded->plugin = loaded->registry->find_body_encryption(smime_plugin_id);
    EXPECT_NE(loaded->plugin, nullptr);
    return loaded;
}

std::string openssl_envelope(const std::string &plaintext, const PemIdentity &recipient, const std::string &cipher_name,
                             const std::string &wrap_name)
{
    Certificate certificate = certificate_of(recipient.certificate);
    Bio in(BIO_new_mem_buf(plaintext.data(), static_cast<int>(plaintext.size())));
    EVP_CIPHER *cipher = EVP_CIPHER_fetch(nullptr, cipher_name.c_str(), nullptr);
    require(cipher != nullptr, "EVP_CIPHER_fetch");
    // Partial, so that the recipient's key wrap can be chosen before the
    // content is encrypted (what `openssl cms -wrap` does).
    CMS_ContentInfo *cms = CMS_encrypt(nullptr, nullptr, cipher, CMS_BINARY | CMS_PARTIAL);
    EVP_CIPHER_free(cipher);
    require(cms != nullptr, "CMS_encrypt");
    CMS_RecipientInfo *info = CMS_add1_recipient_cert(cms, certificate.get(), 0);
    bool made = info != nullptr;
    if (made && !wrap_name.empty()) {
        EVP_CIPHER *wrap = EVP_CIPHER_fetch(nullptr, wrap_name.c_str(), nullptr);
        EVP_CIPHER_CTX *context = CMS_RecipientInfo_kari_get0_ctx(info);
        made = wrap != nullptr && context != nullptr && EVP_EncryptInit_ex(context, wrap, nullptr, nullptr, nullptr);
        EVP_CIPHER_free(wrap);
    }
    made = made && CMS_final(cms, in.get(), nullptr, CMS_BINARY) == 1;
    Bio der(BIO_new(BIO_s_mem()));
    made = made && i2d_CMS_bio(der.get(), cms) == 1;
    CMS_ContentInfo_free(cms);
    require(made, "the envelope");
    return bio_text(der.get());
}

std::string key_wrapped_auth_envelope(std::string plaintext, const PemIdentity &recipient)
{
    Certificate certificate = certificate_of(recipient.certificate);
    unsigned char key[16];
    require(RAND_bytes(key, sizeof key) == 1, "RAND_bytes");
    // The content key to the recipient: RSA PKCS #1 v1.5.
    std::unique_ptr<EVP_PKEY_CTX, Freer<EVP_PKEY_CTX, EVP_PKEY_CTX_free>> transport(
        EVP_PKEY_CTX_new(X509_get0_pubkey(certificate.get()), nullptr));
    size_t encrypted_length = 0;
    require(transport != nullptr && EVP_PKEY_encrypt_init(transport.get()) == 1 &&
                EVP_PKEY_CTX_set_rsa_padding(transport.get(), RSA_PKCS1_PADDING) == 1 &&
                EVP_PKEY_encrypt(transport.get(), nullptr, &encrypted_length, key, sizeof key) == 1,
            "RSA encryption");
    std::string encrypted_key(encrypted_length, '\0');
    require(EVP_PKEY_encrypt(transport.get(), reinterpret_cast<unsigned char *>(encrypted_key.data()),
                             &encrypted_length, key, sizeof key) == 1,
            "RSA encryption");
    encrypted_key.resize(encrypted_length);
    // The content under AES-128 key wrap (RFC 3394), 8 bytes longer.
    plaintext.append((8 - plaintext.size() % 8) % 8, ' ');
    std::string content(plaintext.size() + 8, '\0');
    int content_length = 0;
    std::unique_ptr<EVP_CIPHER_CTX, Freer<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>> wrap(EVP_CIPHER_CTX_new());
    require(wrap != nullptr, "EVP_CIPHER_CTX_new");
    EVP_CIPHER_CTX_set_flags(wrap.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    require(EVP_EncryptInit_ex(wrap.get(), EVP_aes_128_wrap(), nullptr, key, nullptr) == 1 &&
                EVP_EncryptUpdate(wrap.get(), reinterpret_cast<unsigned char *>(content.data()), &content_length,
                                  reinterpret_cast<const unsigned char *>(plaintext.data()),
                                  static_cast<int>(plaintext.size())) == 1 &&
                static_cast<size_t>(content_length) == content.size(),
            "AES key wrap");
    OPENSSL_cleanse(key, sizeof key);

    const std::string oid_tag(1, '\x06');
    const std::string rsa_encryption = oid_tag + std::string("\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 10);
    const std::string id_data = oid_tag + std::string("\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01", 10);
    const std::string aes128_wrap = oid_tag + std::string("\x09\x60\x86\x48\x01\x65\x03\x04\x01\x05", 10);
    const std::string auth_enveloped_data =
        oid_tag + std::string("\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x17", 12);
    const std::string version_0("\x02\x01\x00", 3);
    const std::string issuer_and_serial =
        der_tlv(0x30, i2d_text(i2d_X509_NAME, X509_get_issuer_name(certificate.get())) +
                          i2d_text(i2d_ASN1_INTEGER, X509_get0_serialNumber(certificate.get())));
    const std::string recipient_info =
        der_tlv(0x30, version_0 + issuer_and_serial + der_tlv(0x30, rsa_encryption + std::string("\x05\x00", 2)) +
                          der_tlv(0x04, encrypted_key));
    // GCMParameters in shape: a 12-byte nonce and an ICV length of 16.
    const std::string parameters =
        der_tlv(0x30, der_tlv(0x04, std::string(12, '\x01')) + std::string("\x02\x01\x10", 3));
    const std::string content_info =
        der_tlv(0x30, id_data + der_tlv(0x30, aes128_wrap + parameters) + der_tlv(0x80, content));
    const std::string envelope =
        der_tlv(0x30, version_0 + der_tlv(0x31, recipient_info) + content_info + der_tlv(0x04, std::string(16, '\0')));
    return der_tlv(0x30, auth_enveloped_data + der_tlv(0xA0, envelope));
}

} // namespace cordon::test
