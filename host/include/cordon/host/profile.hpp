// Who the user is and how to reach the registrar: the account a UserAgent
// signals for (user_agent.hpp), and what its TLS hop trusts.
#pragma once

#include <cstdint>
#include <string>

namespace cordon {

// How the TLS transport judges the server. Verification is on unless turned
// off here; turning it off is for tests against throw-away certificates.
struct TlsTrust {
    std::string ca_file; // PEM; empty: the system's trust store
    bool verify = true;
    std::string min_version = "1.2"; // "1.2" or "1.3"
    std::string certificate_file;    // optional client certificate (PEM)
    std::string private_key_file;
};

struct Profile {
    std::string identity; // address of record, "sip:alice@example.com"
    std::string display_name;
    std::string registrar;         // "sip:example.com"; empty: the identity's domain
    std::string outbound_proxy;    // "host" or "host:port"; empty: the registrar's host
    std::string transport = "tls"; // "udp", "tcp" or "tls"
    std::string username;          // empty: the identity's user part
    std::string password;          // never logged
    std::string local_address;     // numeric; empty: the address the system routes from
    std::uint32_t register_expires_s = 600;
    std::string tls_server_name; // empty: the registrar's domain (RFC 5922)
    TlsTrust tls;
    bool refuse_md5 = false; // digest: refuse challenges that offer only MD5
};

} // namespace cordon
