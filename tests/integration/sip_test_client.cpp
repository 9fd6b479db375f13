#include "tests/integration/sip_test_client.hpp"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

namespace cordon::test {

namespace {

constexpr std::size_t max_message_bytes = 65536;
constexpr std::string_view header_end = "\r\n\r\n";

std::string system_error(const std::string &what) { return what + ": " + std::strerror(errno); }

sockaddr_in loopback(std::uint16_t port)
{
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

std::uint16_t bound_port(int fd)
{
    sockaddr_in address = {};
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    return ntohs(address.sin_port);
}

bool wait_readable(int fd, std::chrono::milliseconds timeout)
{
    pollfd watched{fd, POLLIN, 0};
    int ready = 0;
    do {
        ready = poll(&watched, 1, static_cast<int>(timeout.count()));
    } while (ready < 0 && errno == EINTR);
    return ready > 0;
}

std::string lower(std::string_view text)
{
    std::string result(text);
    for (char &c : result) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

std::string unique_token()
{
    static std::atomic<unsigned> counter{0};
    return std::to_string(getpid()) + "x" + std::to_string(++counter) + "x" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

std::string tls_failure(SSL *ssl, const std::string &host_name)
{
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK) {
        return "TLS: certificate of " + host_name + " refused: " + X509_verify_cert_error_string(verified);
    }
    const unsigned long code = ERR_get_error();
    char text[256] = "handshake failed";
    if (code != 0) {
        ERR_error_string_n(code, text, sizeof text);
    }
    ERR_clear_error();
    return std::string("TLS: ") + text;
}

} // namespace

Result<UdpSipSocket> UdpSipSocket::open(const std::string &local_address)
{
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(0);
    if (inet_pton(AF_INET, local_address.c_str(), &address.sin_addr) != 1) {
        if (fd >= 0) {
            close(fd);
        }
        return Error{ErrorCode::invalid_argument, "not an IPv4 address: " + local_address};
    }
    if (fd < 0 || bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        Error error{ErrorCode::io, system_error("UDP socket on " + local_address)};
        if (fd >= 0) {
            close(fd);
        }
        return error;
    }
    return UdpSipSocket(fd, bound_port(fd));
}

UdpSipSocket::UdpSipSocket(UdpSipSocket &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)), local_port_(other.local_port_)
{
}

UdpSipSocket &UdpSipSocket::operator=(UdpSipSocket &&other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) {
            close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
        local_port_ = other.local_port_;
    }
    return *this;
}

UdpSipSocket::~UdpSipSocket()
{
    if (fd_ >= 0) {
        close(fd_);
    }
}

Result<void> UdpSipSocket::send_to(std::uint16_t port, std::string_view message)
{
    const sockaddr_in address = loopback(port);
    if (sendto(fd_, message.data(), message.size(), 0, reinterpret_cast<const sockaddr *>(&address), sizeof address) !=
        static_cast<ssize_t>(message.size())) {
        return Error{ErrorCode::io, system_error("UDP send to port " + std::to_string(port))};
    }
    return {};
}

std::optional<std::string> UdpSipSocket::receive(std::chrono::milliseconds timeout)
{
    if (!wait_readable(fd_, timeout)) {
        return std::nullopt;
    }
    std::string datagram(max_message_bytes, '\0');
    const ssize_t got = recv(fd_, datagram.data(), datagram.size(), 0);
    if (got < 0) {
        return std::nullopt;
    }
    datagram.resize(static_cast<std::size_t>(got));
    return datagram;
}

Result<StreamSipConnection> StreamSipConnection::connect_tcp(std::uint16_t port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in address = loopback(port);
    // Lets a test listen on this connection's port once it is closed and in
    // TIME_WAIT (to see whether the server ever connects back to it).
    const int reuse = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse) != 0 ||
        connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        Error error{ErrorCode::io, system_error("TCP connect to 127.0.0.1:" + std::to_string(port))};
        if (fd >= 0) {
            close(fd);
        }
        return error;
    }
    return StreamSipConnection(fd, bound_port(fd));
}

Result<TcpSipListener> TcpSipListener::open()
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in address = loopback(0);
    if (fd < 0 || bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 || listen(fd, 4) != 0) {
        Error error{ErrorCode::io, system_error("TCP listener on 127.0.0.1")};
        if (fd >= 0) {
            close(fd);
        }
        return error;
    }
    return TcpSipListener(fd, bound_port(fd));
}

TcpSipListener::TcpSipListener(TcpSipListener &&other) noexcept : fd_(std::exchange(other.fd_, -1)), port_(other.port_)
{
}

TcpSipListener &TcpSipListener::operator=(TcpSipListener &&other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) {
            close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
        port_ = other.port_;
    }
    return *this;
}

TcpSipListener::~TcpSipListener()
{
    if (fd_ >= 0) {
        close(fd_);
    }
}

std::optional<StreamSipConnection> TcpSipListener::accept(std::chrono::milliseconds timeout)
{
    pollfd waiting{fd_, POLLIN, 0};
    if (poll(&waiting, 1, static_cast<int>(timeout.count())) != 1) {
        return std::nullopt;
    }
    const int connection = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) {
        return std::nullopt;
    }
    return StreamSipConnection(connection, bound_port(connection));
}

Result<StreamSipConnection> StreamSipConnection::connect_tls(std::uint16_t port, const std::filesystem::path &ca_file,
                                                             const std::string &host_name)
{
    auto connection = connect_tcp(port);
    if (!connection) {
        return connection.error();
    }
    struct ContextFree {
        void operator()(SSL_CTX *context) const { SSL_CTX_free(context); }
    };
    std::unique_ptr<SSL_CTX, ContextFree> context(SSL_CTX_new(TLS_client_method()));
    if (!context || SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION) != 1 ||
        SSL_CTX_load_verify_locations(context.get(), ca_file.c_str(), nullptr) != 1) {
        return Error{ErrorCode::io, "TLS: cannot use CA file " + ca_file.string()};
    }
    SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
    connection->ssl_.reset(SSL_new(context.get()));
    SSL *ssl = connection->ssl_.get();
    // SSL_set_tlsext_host_name() spelled out: the macro's C cast breaks -Wold-style-cast.
    void *sni = const_cast<char *>(host_name.c_str());
    if (ssl == nullptr || SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, sni) != 1 ||
        SSL_set1_host(ssl, host_name.c_str()) != 1 || SSL_set_fd(ssl, connection->fd_) != 1) {
        return Error{ErrorCode::io, "TLS: cannot set up a client for " + host_name};
    }
    if (SSL_connect(ssl) != 1) {
        return Error{ErrorCode::io, tls_failure(ssl, host_name)};
    }
    return connection;
}

StreamSipConnection::StreamSipConnection(StreamSipConnection &&other) noexcept
    : fd_(std::exchange(other.fd_, -1)), local_port_(other.local_port_), ssl_(std::move(other.ssl_)),
      buffer_(std::move(other.buffer_))
{
}

StreamSipConnection &StreamSipConnection::operator=(StreamSipConnection &&other) noexcept
{
    if (this != &other) {
        close_connection();
        fd_ = std::exchange(other.fd_, -1);
        local_port_ = other.local_port_;
        ssl_ = std::move(other.ssl_);
        buffer_ = std::move(other.buffer_);
    }
    return *this;
}

StreamSipConnection::~StreamSipConnection() { close_connection(); }

void StreamSipConnection::close_connection()
{
    if (ssl_) {
        SSL_shutdown(ssl_.get());
        ssl_.reset();
    }
    if (fd_ >= 0) {
        close(fd_);
        fd_ = -1;
    }
}

Result<void> StreamSipConnection::send(std::string_view message)
{
    while (!message.empty()) {
        ssize_t sent = 0;
        if (ssl_) {
            const int written = SSL_write(ssl_.get(), message.data(), static_cast<int>(message.size()));
            sent = written > 0 ? written : -1;
        } else {
            sent = ::send(fd_, message.data(), message.size(), MSG_NOSIGNAL);
        }
        if (sent < 0 && errno != EINTR) {
            return Error{ErrorCode::io, system_error("stream send")};
        }
        message.remove_prefix(static_cast<std::size_t>(std::max<ssize_t>(sent, 0)));
    }
    return {};
}

std::optional<std::string> StreamSipConnection::take_message()
{
    const std::size_t end = buffer_.find(header_end);
    if (end == std::string::npos) {
        return std::nullopt;
    }
    std::size_t body_length = 0;
    const auto lengths = header_values(std::string_view(buffer_).substr(0, end + 2), "Content-Length");
    if (!lengths.empty()) {
        const std::string &text = lengths.front();
        const auto [rest, failure] = std::from_chars(text.data(), text.data() + text.size(), body_length);
        if (failure != std::errc() || rest != text.data() + text.size() || body_length > max_message_bytes) {
            close_connection(); // a server that frames badly: no more messages from it
            return std::nullopt;
        }
    }
    const std::size_t total = end + header_end.size() + body_length;
    if (buffer_.size() < total) {
        return std::nullopt;
    }
    std::string message = buffer_.substr(0, total);
    buffer_.erase(0, total);
    return message;
}

std::optional<std::string> StreamSipConnection::receive(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        // Keep-alive CRLFs between messages are not messages.
        while (buffer_.starts_with("\r\n")) {
            buffer_.erase(0, 2);
        }
        if (auto message = take_message()) {
            return message;
        }
        if (fd_ < 0 || buffer_.size() > max_message_bytes) {
            return std::nullopt;
        }
        // TLS may hold decrypted bytes that poll() cannot see.
        const bool pending = ssl_ && SSL_pending(ssl_.get()) > 0;
        using std::chrono::duration_cast, std::chrono::milliseconds, std::chrono::steady_clock;
        const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
        // A deadline that has passed still looks once, without waiting.
        if (!pending && !wait_readable(fd_, std::max(left, milliseconds(0)))) {
            return std::nullopt;
        }
        char chunk[4096];
        const ssize_t got = ssl_ ? SSL_read(ssl_.get(), chunk, sizeof chunk) : recv(fd_, chunk, sizeof chunk, 0);
        if (got <= 0) {
            return std::nullopt;
        }
        buffer_.append(chunk, static_cast<std::size_t>(got));
    }
}

std::string to_text(const SipRequest &request)
{
    const std::string call_id = request.call_id.empty() ? unique_token() + "@cordon.test" : request.call_id;
    const std::string transport = lower(request.transport);
    std::string text = request.method + " " + request.request_uri + " SIP/2.0\r\n";
    text += "Via: SIP/2.0/" + request.transport + " 127.0.0.1:" + std::to_string(request.local_port) +
            ";rport;branch=z9hG4bK" + unique_token() + "\r\n";
    text += "Max-Forwards: 70\r\n";
    const std::string from_tag = request.from_tag.empty() ? unique_token() : request.from_tag;
    text += "From: <sip:" + request.from_user + "@" + request.domain + ">;tag=" + from_tag + "\r\n";
    text += "To: <sip:" + request.to_user + "@" + request.domain + ">" +
            (request.to_tag.empty() ? "" : ";tag=" + request.to_tag) + "\r\n";
    text += "Call-ID: " + call_id + "\r\n";
    text += "CSeq: " + std::to_string(request.cseq) + " " + request.method + "\r\n";
    // A client without a listening port: the server must use its connection.
    text += "Contact: <sip:" + request.from_user + "@" + unique_token() + ".invalid;transport=" + transport + ">\r\n";
    for (const auto &line : request.extra_headers) {
        text += line + "\r\n";
    }
    text += "Content-Length: " + std::to_string(request.body.size()) + "\r\n\r\n" + request.body;
    return text;
}

int status_code(std::string_view message)
{
    constexpr std::string_view version = "SIP/2.0 ";
    if (!message.starts_with(version) || message.size() < version.size() + 3) {
        return 0;
    }
    int code = 0;
    for (const char digit : message.substr(version.size(), 3)) {
        if (digit < '0' || digit > '9') {
            return 0;
        }
        code = code * 10 + (digit - '0');
    }
    return code;
}

std::vector<std::string> header_values(std::string_view message, std::string_view name)
{
    std::vector<std::string> values;
    const std::string wanted = lower(name);
    std::size_t position = message.find("\r\n");
    while (position != std::string_view::npos) {
        const std::size_t start = position + 2;
        const std::size_t end = message.find("\r\n", start);
        const std::string_view line = message.substr(start, end == std::string_view::npos ? end : end - start);
        if (line.empty()) {
            break;
        }
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && lower(trim(line.substr(0, colon))) == wanted) {
            values.emplace_back(trim(line.substr(colon + 1)));
        }
        position = end;
    }
    return values;
}

std::optional<std::string> auth_parameter(std::string_view header_value, std::string_view name)
{
    const std::string text = lower(header_value);
    const std::string key = lower(name) + "=";
    std::size_t at = 0;
    while ((at = text.find(key, at)) != std::string::npos) {
        const bool starts_word = at == 0 || text[at - 1] == ' ' || text[at - 1] == ',';
        at += key.size();
        if (!starts_word) {
            continue;
        }
        if (at < header_value.size() && header_value[at] == '"') {
            const std::size_t close = header_value.find('"', at + 1);
            return std::string(header_value.substr(at + 1, close - at - 1));
        }
        const std::size_t end = header_value.find(',', at);
        return std::string(trim(header_value.substr(at, end == std::string_view::npos ? end : end - at)));
    }
    return std::nullopt;
}

} // namespace cordon::test
