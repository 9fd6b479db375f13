#include "demo/server_certificates.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace cordon::demo {

namespace {

constexpr long seconds_per_day = 24L * 60 * 60;
constexpr long validity_days = 30;

struct KeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct CertificateFree {
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct FileClose {
    void operator()(std::FILE *file) const { std::fclose(file); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Certificate = std::unique_ptr<X509, CertificateFree>;

std::string openssl_error(const std::string &what)
{
    const unsigned long code = ERR_get_error();
    char text[256] = "no OpenSSL error queued";
    if (code != 0) {
        ERR_error_string_n(code, text, sizeof text);
    }
    ERR_clear_error();
    return what + ": " + text;
}

struct Request {
    std::string common_name;
    std::string subject_alt_names; // in openssl's extension syntax; empty for a CA
    bool is_ca = false;
    long valid_from_seconds = 0; // relative to now
    long valid_until_seconds = validity_days * seconds_per_day;
};

bool add_extension(X509 *certificate, X509V3_CTX *context, int nid, const std::string &value)
{
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, context, nid, value.c_str());
    if (extension == nullptr) {
        return false;
    }
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

bool set_random_serial(X509 *certificate)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        return false;
    }
    bytes[0] &= 0x7f; // a positive serial number
    BIGNUM *number = BN_bin2bn(bytes, sizeof bytes, nullptr);
    const bool set = number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nullptr;
    BN_free(number);
    return set;
}

// Signed by `issuer` with `issuer_key`, or self-signed when issuer is null.
Result<Certificate> make_certificate(const Request &request, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key)
{
    Certificate certificate(X509_new());
    X509 *raw = certificate.get();
    X509_NAME *subject = X509_get_subject_name(raw);
    const auto *name = reinterpret_cast<const unsigned char *>(request.common_name.c_str());
    const bool built = X509_set_version(raw, 2) == 1 && set_random_serial(raw) &&
                       X509_gmtime_adj(X509_getm_notBefore(raw), request.valid_from_seconds) != nullptr &&
                       X509_gmtime_adj(X509_getm_notAfter(raw), request.valid_until_seconds) != nullptr &&
                       X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, name, -1, -1, 0) == 1 &&
                       X509_set_issuer_name(raw, issuer != nullptr ? X509_get_subject_name(issuer) : subject) == 1 &&
                       X509_set_pubkey(raw, key) == 1;
    if (!built) {
        return Error{ErrorCode::io, openssl_error("building certificate " + request.common_name)};
    }

    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer != nullptr ? issuer : raw, raw, nullptr, nullptr, 0);
    bool extended = add_extension(raw, &context, NID_subject_key_identifier, "hash") &&
                    add_extension(raw, &context, NID_authority_key_identifier, "keyid:always");
    if (request.is_ca) {
        extended = extended && add_extension(raw, &context, NID_basic_constraints, "critical,CA:TRUE") &&
                   add_extension(raw, &context, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        extended = extended && add_extension(raw, &context, NID_basic_constraints, "critical,CA:FALSE") &&
                   add_extension(raw, &context, NID_key_usage, "critical,digitalSignature") &&
                   add_extension(raw, &context, NID_ext_key_usage, "serverAuth") &&
                   add_extension(raw, &context, NID_subject_alt_name, request.subject_alt_names);
    }
    if (!extended || X509_sign(raw, issuer_key, EVP_sha256()) == 0) {
        return Error{ErrorCode::io, openssl_error("signing certificate " + request.common_name)};
    }
    return certificate;
}

Result<Key> make_key()
{
    Key key(EVP_EC_gen("P-256"));
    if (!key) {
        return Error{ErrorCode::io, openssl_error("generating an EC key")};
    }
    return key;
}

Result<std::filesystem::path> write_pem(const std::filesystem::path &path, X509 *certificate, EVP_PKEY *key)
{
    // Created 0600 from the start: a private key is never readable by others, not even briefly.
    const mode_t previous = ::umask(077);
    std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "w"));
    ::umask(previous);
    bool written = file != nullptr;
    if (written && certificate != nullptr) {
        written = PEM_write_X509(file.get(), certificate) == 1;
    }
    if (written && key != nullptr) {
        written = PEM_write_PrivateKey(file.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    }
    if (!written || std::fclose(file.release()) != 0) {
        return Error{ErrorCode::io, openssl_error("writing " + path.string())};
    }
    return path;
}

Request server_request(ServerCertificate kind)
{
    Request request{"cordon.test", "DNS:cordon.test,DNS:localhost,IP:127.0.0.1"};
    if (kind == ServerCertificate::other_name) {
        request = Request{"other.test", "DNS:other.test"};
    }
    if (kind == ServerCertificate::expired) {
        request.valid_from_seconds = -2 * seconds_per_day;
        request.valid_until_seconds = -1 * seconds_per_day;
    }
    return request;
}

} // namespace

Result<CertificateFiles> make_server_certificates(const std::filesystem::path &directory, ServerCertificate kind)
{
    const Request ca_request{"Cordon Test CA", "", true};
    auto ca_key = make_key();
    if (!ca_key) {
        return ca_key.error();
    }
    auto ca = make_certificate(ca_request, ca_key->get(), nullptr, ca_key->get());
    if (!ca) {
        return ca.error();
    }

    auto signer_key = make_key();
    if (!signer_key) {
        return signer_key.error();
    }
    Certificate signer_storage;
    X509 *signer = ca->get();
    EVP_PKEY *signing_key = ca_key->get();
    if (kind == ServerCertificate::unknown_ca) {
        const Request unknown_request{"Unknown Test CA", "", true};
        auto unknown = make_certificate(unknown_request, signer_key->get(), nullptr, signer_key->get());
        if (!unknown) {
            return unknown.error();
        }
        signer_storage = std::move(*unknown);
        signer = signer_storage.get();
        signing_key = signer_key->get();
    }

    auto server_key = make_key();
    if (!server_key) {
        return server_key.error();
    }
    auto server = make_certificate(server_request(kind), server_key->get(), signer, signing_key);
    if (!server) {
        return server.error();
    }

    CertificateFiles files{directory / "ca.pem", directory / "server.pem", directory / "server.key"};
    for (const auto &written :
         {write_pem(files.ca, ca->get(), nullptr), write_pem(files.certificate, server->get(), nullptr),
          write_pem(files.private_key, nullptr, server_key->get())}) {
        if (!written) {
            return written.error();
        }
    }
    return files;
}

} // namespace cordon::demo
