// A TLS server on a test's Asio loop (Boost.Asio's OpenSSL stream), with
// the protocol versions, security level and client-certificate demand a test
// sets. It serves one connection at a time, records how its handshake went
// and what the client sent, and can answer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "tests/support/tls/test_certificates.hpp"

namespace cordon::test {

struct TlsServerOptions {
    int min_version = 0; // 0: OpenSSL's default (TLS1_VERSION etc. otherwise)
    int max_version = 0; // 0: the highest OpenSSL has
    // Security level 0, which an old-version server (TLS 1.1) needs to run at all.
    bool legacy_security = false;
    // When set: a client certificate issued by this CA is required.
    const TestCa *client_ca = nullptr;
};

class TlsTestServer {
public:
    // Listens on 127.0.0.1 (ephemeral port) with certificate.
    TlsTestServer(boost::asio::io_context &loop, const TestCertificate &certificate, TlsServerOptions options = {});
    ~TlsTestServer();
    TlsTestServer(const TlsTestServer &) = delete;
    TlsTestServer &operator=(const TlsTestServer &) = delete;

    uint16_t port() const;

    // The last connection's handshake: done, or failed (with OpenSSL's reason).
    bool handshake_done() const;
    bool handshake_failed() const;
    const std::string &failure() const;
    // What the client presented and asked for.
    const std::string &client_subject() const; // "" when it sent no certificate
    const std::string &server_name() const;    // the SNI; "" when none
    const std::string &received() const;
    // Sends to the current connection once its handshake is done.
    void send(const std::string &bytes);

    struct State;

private:
    std::shared_ptr<State> state_;
};

} // namespace cordon::test
