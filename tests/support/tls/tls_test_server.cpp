#include "tests/support/tls/tls_test_server.hpp"

#include <openssl/ssl.h>

#include <array>
#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

namespace cordon::test {

namespace ssl = boost::asio::ssl;
using boost::asio::ip::tcp;

// Shared with the handlers in flight, which may outlive the server object.
struct TlsTestServer::State : std::enable_shared_from_this<State> {
    State(boost::asio::io_context &io, ssl::context::method method)
        : loop(io), context(method), acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0))
    {
    }

    void accept_next();
    void read_more();

    boost::asio::io_context &loop;
    ssl::context context;
    tcp::acceptor acceptor;
    std::shared_ptr<ssl::stream<tcp::socket>> next;       // waiting for a client
    std::shared_ptr<ssl::stream<tcp::socket>> connection; // the last one whose handshake finished
    std::array<char, 4096> buffer{};
    bool done = false;
    bool failed = false;
    std::string failure;
    std::string client_subject;
    std::string server_name;
    std::string received;
};

namespace {

std::string subject_of(X509 *certificate)
{
    if (certificate == nullptr) {
        return {};
    }
    char line[256] = {};
    X509_NAME_oneline(X509_get_subject_name(certificate), line, sizeof line);
    return line;
}

void require(bool ok, const char *what)
{
    if (!ok) {
        throw std::runtime_error(std::string("setting up the TLS test server: ") + what + " failed");
    }
}

} // namespace

void TlsTestServer::State::accept_next()
{
    next = std::make_shared<ssl::stream<tcp::socket>>(loop, context);
    acceptor.async_accept(
        next->lowest_layer(), [self = shared_from_this(), current = next](const boost::system::error_code &error) {
            if (error) {
                return;
            }
            self->done = false;
            self->failed = false;
            self->received.clear();
            current->async_handshake(ssl::stream_base::server, [self, current](const boost::system::error_code &shake) {
                if (shake) {
                    self->failed = true;
                    self->failure = shake.message();
                } else {
                    self->done = true;
                    self->connection = current;
                    SSL *raw = current->native_handle();
                    self->client_subject = subject_of(SSL_get0_peer_certificate(raw));
                    const char *name = SSL_get_servername(raw, TLSEXT_NAMETYPE_host_name);
                    self->server_name = name != nullptr ? name : "";
                    self->read_more();
                }
                self->accept_next();
            });
        });
}

void TlsTestServer::State::read_more()
{
    connection->async_read_some(
        boost::asio::buffer(buffer),
        [self = shared_from_this(), current = connection](const boost::system::error_code &error, size_t length) {
            if (error || current != self->connection) {
                return;
            }
            self->received.append(self->buffer.data(), length);
            self->read_more();
        });
}

TlsTestServer::TlsTestServer(boost::asio::io_context &loop, const TestCertificate &certificate,
                             TlsServerOptions options)
    : state_(std::make_shared<State>(loop, ssl::context::tls_server))
{
    SSL_CTX *context = state_->context.native_handle();
    if (options.legacy_security) {
        SSL_CTX_set_security_level(context, 0);
        require(SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0") == 1, "cipher list");
    }
    require(options.min_version == 0 || SSL_CTX_set_min_proto_version(context, options.min_version) == 1,
            "minimum version");
    require(options.max_version == 0 || SSL_CTX_set_max_proto_version(context, options.max_version) == 1,
            "maximum version");
    require(SSL_CTX_use_certificate(context, certificate.certificate()) == 1, "certificate");
    require(SSL_CTX_use_PrivateKey(context, certificate.key()) == 1, "key");
    if (options.client_ca != nullptr) {
        require(X509_STORE_add_cert(SSL_CTX_get_cert_store(context), options.client_ca->root().certificate()) == 1,
                "client CA");
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
    state_->accept_next();
}

TlsTestServer::~TlsTestServer()
{
    boost::system::error_code ignored;
    state_->acceptor.close(ignored);
    if (state_->connection) {
        state_->connection->lowest_layer().close(ignored);
    }
}

uint16_t TlsTestServer::port() const { return state_->acceptor.local_endpoint().port(); }
bool TlsTestServer::handshake_done() const { return state_->done; }
bool TlsTestServer::handshake_failed() const { return state_->failed; }
const std::string &TlsTestServer::failure() const { return state_->failure; }
const std::string &TlsTestServer::client_subject() const { return state_->client_subject; }
const std::string &TlsTestServer::server_name() const { return state_->server_name; }
const std::string &TlsTestServer::received() const { return state_->received; }

void TlsTestServer::send(const std::string &bytes)
{
    auto current = state_->connection;
    if (!current) {
        throw std::logic_error("TlsTestServer::send before a handshake finished");
    }
    auto copy = std::make_shared<std::string>(bytes);
    boost::asio::async_write(*current, boost::asio::buffer(*copy),
                             [current, copy](const boost::system::error_code &, size_t) {});
}

} // namespace cordon::test
