// The TLS material a test server presents: a CA that clients trust and a
// server certificate made for one of the cases a client must accept or refuse.
#pragma once

#include <cordon/host/result.hpp>

#include <filesystem>

namespace cordon::demo {

enum class ServerCertificate {
    good,       // names cordon.test and localhost, IP 127.0.0.1; signed by the CA
    other_name, // valid and signed by the CA, but only for other.test (no IP)
    unknown_ca, // like good, but signed by a CA that clients are not given
    expired,    // like good, but its validity ended yesterday
};

struct CertificateFiles {
    std::filesystem::path ca;          // PEM: the CA a client should trust
    std::filesystem::path certificate; // PEM: the server's certificate
    std::filesystem::path private_key; // PEM: the server's key (mode 0600)
};

// Makes a fresh CA and server certificate (EC P-256, SHA-256) and writes
// them into `directory`, which must exist.
Result<CertificateFiles> make_server_certificates(const std::filesystem::path &directory, ServerCertificate kind);

} // namespace cordon::demo
