// Raw SIP over loopback sockets, for tests that speak to a real server with
// hand-written text: no Cordon SIP code involved, so these tests check the
// server (and the fixture), never Cordon against itself.
#pragma once

#include <cordon/host/result.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cordon::test {

constexpr std::chrono::milliseconds default_reply_timeout{3000};

class UdpSipSocket {
public:
    // Bound to local_address (a loopback address: any of 127.0.0.0/8), a port of the kernel's choice.
    static Result<UdpSipSocket> open(const std::string &local_address = "127.0.0.1");

    UdpSipSocket(UdpSipSocket &&other) noexcept;
    UdpSipSocket &operator=(UdpSipSocket &&other) noexcept;
    ~UdpSipSocket();

    std::uint16_t local_port() const { return local_port_; }
    Result<void> send_to(std::uint16_t port, std::string_view message);
    // One datagram, or nothing once `timeout` has passed.
    std::optional<std::string> receive(std::chrono::milliseconds timeout = default_reply_timeout);

private:
    UdpSipSocket(int fd, std::uint16_t local_port) : fd_(fd), local_port_(local_port) {}
    int fd_ = -1;
    std::uint16_t local_port_ = 0;
};

// A TCP connection, or TLS over one, that reads whole messages by Content-Length.
class StreamSipConnection {
public:
    static Result<StreamSipConnection> connect_tcp(std::uint16_t port);
    // Verifies the server's certificate against `ca_file` and `host_name`
    // (also sent as SNI); a failed verification is an error naming the reason.
    static Result<StreamSipConnection> connect_tls(std::uint16_t port, const std::filesystem::path &ca_file,
                                                   const std::string &host_name);

    StreamSipConnection(StreamSipConnection &&other) noexcept;
    StreamSipConnection &operator=(StreamSipConnection &&other) noexcept;
    ~StreamSipConnection();

    std::uint16_t local_port() const { return local_port_; }
    Result<void> send(std::string_view message);
    // One whole message (header section and Content-Length bytes of body),
    // or nothing when the connection ends or `timeout` passes first.
    std::optional<std::string> receive(std::chrono::milliseconds timeout = default_reply_timeout);

private:
    friend class TcpSipListener;
    struct SslFree {
        void operator()(SSL *ssl) const { SSL_free(ssl); }
    };
    StreamSipConnection(int fd, std::uint16_t local_port) : fd_(fd), local_port_(local_port) {}
    std::optional<std::string> take_message();
    void close_connection();

    int fd_ = -1;
    std::uint16_t local_port_ = 0;
    std::unique_ptr<SSL, SslFree> ssl_;
    std::string buffer_;
};

// A TCP listening socket on 127.0.0.1 (a port of the kernel's choice), for
// tests where the test plays the server a Cordon agent connects to.
class TcpSipListener {
public:
    static Result<TcpSipListener> open();

    TcpSipListener(TcpSipListener &&other) noexcept;
    TcpSipListener &operator=(TcpSipListener &&other) noexcept;
    ~TcpSipListener();

    std::uint16_t port() const { return port_; }
    // The next connection, or nothing once `timeout` has passed.
    std::optional<StreamSipConnection> accept(std::chrono::milliseconds timeout = default_reply_timeout);

private:
    TcpSipListener(int fd, std::uint16_t port) : fd_(fd), port_(port) {}
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

// A request as a test writes it; to_text() adds Via (with a fresh branch),
// Max-Forwards, From (with a tag), To, Call-ID, CSeq, Contact and Content-Length.
struct SipRequest {
    std::string method = "OPTIONS";
    std::string request_uri = "sip:cordon.test";
    std::string transport = "UDP"; // Via and Contact: UDP, TCP or TLS
    std::uint16_t local_port = 9;  // Via sent-by port; the server answers to the source port (rport)
    std::string from_user = "probe";
    std::string to_user = "probe";
    std::string domain = "cordon.test";
    std::string call_id;  // empty: a fresh one
    std::string from_tag; // empty: a fresh one
    std::string to_tag;   // empty: none (a request outside a dialog)
    unsigned cseq = 1;
    std::vector<std::string> extra_headers; // whole header lines, without CRLF
    std::string body;
};
std::string to_text(const SipRequest &request);

// The status code of a response, or 0 when `message` is not one.
int status_code(std::string_view message);
// The value of every header field called `name` (case-insensitive; compact forms not handled).
std::vector<std::string> header_values(std::string_view message, std::string_view name);
// A parameter of a challenge or credentials value (`Digest realm="x", nonce="y"`), unquoted.
std::optional<std::string> auth_parameter(std::string_view header_value, std::string_view name);

} // namespace cordon::test
