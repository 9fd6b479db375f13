// Certificates made in the test, with the OpenSSL API: a CA, and certificates
// it issues with the names, validity and key usage a test needs. Nothing is
// read from disk; write_pem() puts one where a plugin parameter wants a file.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace cordon::test {

struct X509Free {
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct KeyFree {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};

struct CertificateSpec {
    std::string common_name;
    std::vector<std::string> dns_names;
    std::vector<std::string> uri_names; // e.g. "sip:example.test"
    std::vector<std::string> ip_addresses;
    // Validity relative to now.
    std::chrono::seconds not_before = -std::chrono::hours(1);
    std::chrono::seconds not_after = std::chrono::hours(24);
    bool client = false; // extendedKeyUsage clientAuth instead of serverAuth
};

// A certificate and its private key (an EC P-256 key: quick to make).
class TestCertificate {
public:
    TestCertificate(std::unique_ptr<X509, X509Free> certificate, std::unique_ptr<EVP_PKEY, KeyFree> key);

    X509 *certificate() const { return certificate_.get(); }
    EVP_PKEY *key() const { return key_.get(); }
    // Writes the certificate and the key as PEM files in directory, named
    // <stem>.crt and <stem>.key; returns the certificate's path.
    std::filesystem::path write_pem(const std::filesystem::path &directory, const std::string &stem) const;

private:
    std::unique_ptr<X509, X509Free> certificate_;
    std::unique_ptr<EVP_PKEY, KeyFree> key_;
};

// A self-signed CA that issues certificates.
class TestCa {
public:
    explicit TestCa(const std::string &name);

    TestCertificate issue(const CertificateSpec &spec) const;
    const TestCertificate &root() const { return root_; }

private:
    TestCertificate root_;
};

// A directory under the system's temporary one, removed with the object.
class ScratchDirectory {
public:
    explicit ScratchDirectory(const std::string &name);
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory &) = delete;
    ScratchDirectory &operator=(const ScratchDirectory &) = delete;
    const std::filesystem::path &path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace cordon::test
