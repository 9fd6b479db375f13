#include "tests/support/tls/test_certificates.hpp"

#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <functional>
#include <stdexcept>

namespace cordon::test {

namespace {

// A test cannot go on without its certificates: fail loudly.
void require(bool ok, const char *what)
{
    if (!ok) {
        throw std::runtime_error(std::string("making a test certificate: ") + what + " failed");
    }
}

std::unique_ptr<EVP_PKEY, KeyFree> new_key()
{
    std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
    require(key != nullptr, "EVP_EC_gen");
    return key;
}

void add_extension(X509 *certificate, X509 *issuer, int nid, const std::string &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    require(extension != nullptr, "X509V3_EXT_conf_nid");
    require(X509_add_ext(certificate, extension, -1) == 1, "X509_add_ext");
    X509_EXTENSION_free(extension);
}

std::string alternative_names(const CertificateSpec &spec)
{
    std::string names;
    const auto add = [&](const char *type, const std::vector<std::string> &values) {
        for (const std::string &value : values) {
            names += (names.empty() ? "" : ",") + std::string(type) + ":" + value;
        }
    };
    add("DNS", spec.dns_names);
    add("URI", spec.uri_names);
    add("IP", spec.ip_addresses);
    return names;
}

// A certificate for key, signed by signer_key; issuer nullptr: self-signed.
std::unique_ptr<X509, X509Free> make_certificate(const CertificateSpec &spec, EVP_PKEY *key, X509 *issuer,
                                                 EVP_PKEY *signer_key, bool ca)
{
    std::unique_ptr<X509, X509Free> certificate(X509_new());
    require(certificate != nullptr, "X509_new");
    X509 *raw = certificate.get();
    require(X509_set_version(raw, 2) == 1, "X509_set_version");
    unsigned char serial[16];
    require(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] &= 0x7F; // positive
    BIGNUM *number = BN_bin2bn(serial, sizeof serial, nullptr);
    require(number != nullptr && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(raw)) != nullptr, "serial");
    BN_free(number);
    require(X509_gmtime_adj(X509_getm_notBefore(raw), static_cast<long>(spec.not_before.count())) != nullptr,
            "notBefore");
    require(X509_gmtime_adj(X509_getm_notAfter(raw), static_cast<long>(spec.not_after.count())) != nullptr, "notAfter");
    require(X509_set_pubkey(raw, key) == 1, "X509_set_pubkey");
    X509_NAME *subject = X509_get_subject_name(raw);
    require(X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char *>("Cordon tests"), -1, -1, 0) == 1,
            "O");
    require(X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(spec.common_name.c_str()), -1, -1,
                                       0) == 1,
            "CN");
    X509 *signer = issuer != nullptr ? issuer : raw;
    require(X509_set_issuer_name(raw, X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");
    if (ca) {
        add_extension(raw, signer, NID_basic_constraints, "critical,CA:TRUE");
        add_extension(raw, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        add_extension(raw, signer, NID_basic_constraints, "critical,CA:FALSE");
        add_extension(raw, signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        add_extension(raw, signer, NID_ext_key_usage, spec.client ? "clientAuth" : "serverAuth");
    }
    add_extension(raw, signer, NID_subject_key_identifier, "hash");
    if (issuer != nullptr) {
        add_extension(raw, signer, NID_authority_key_identifier, "keyid:always");
    }
    if (const std::string names = alternative_names(spec); !names.empty()) {
        add_extension(raw, signer, NID_subject_alt_name, names);
    }
    require(X509_sign(raw, signer_key, EVP_sha256()) > 0, "X509_sign");
    return certificate;
}

void write_file(const std::filesystem::path &path, const std::function<int(FILE *)> &write)
{
    FILE *file = std::fopen(path.c_str(), "w");
    require(file != nullptr, "opening a PEM file");
    const int written = write(file);
    std::fclose(file);
    require(written == 1, "writing a PEM file");
}

} // namespace

TestCertificate::TestCertificate(std::unique_ptr<X509, X509Free> certificate, std::unique_ptr<EVP_PKEY, KeyFree> key)
    : certificate_(std::move(certificate)), key_(std::move(key))
{
}

std::filesystem::path TestCertificate::write_pem(const std::filesystem::path &directory, const std::string &stem) const
{
    const std::filesystem::path certificate_path = directory / (stem + ".crt");
    write_file(certificate_path, [&](FILE *file) { return PEM_write_X509(file, certificate_.get()); });
    write_file(directory / (stem + ".key"), [&](FILE *file) {
        return PEM_write_PrivateKey(file, key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return certificate_path;
}

TestCa::TestCa(const std::string &name)
    : root_([&] {
          auto key = new_key();
          CertificateSpec spec;
          spec.common_name = name;
          spec.not_after = std::chrono::hours(24 * 30);
          auto certificate = make_certificate(spec, key.get(), nullptr, key.get(), true);
          return TestCertificate(std::move(certificate), std::move(key));
      }())
{
}

TestCertificate TestCa::issue(const CertificateSpec &spec) const
{
    auto key = new_key();
    auto certificate = make_certificate(spec, key.get(), root_.certificate(), root_.key(), false);
    return TestCertificate(std::move(certificate), std::move(key));
}

ScratchDirectory::ScratchDirectory(const std::string &name)
    : path_(std::filesystem::temp_directory_path() / ("cordon-" + name + "-" + std::to_string(::getpid())))
{
    std::filesystem::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory()
{
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

} // namespace cordon::test
