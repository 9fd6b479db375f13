// Proves the Kamailio fixture with real sockets and hand-written SIP: what a
// Cordon client will meet (challenges, TLS certificates, routing over its own
// connection) is really there. Label: integration.
#include "digest_answer.hpp"
#include "kamailio_fixture.hpp"
#include "sip_test_client.hpp"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <thread>
#include <variant>

namespace cordon::test {
namespace {

const SipUser alice{"alice", "alice-password"};
const SipUser bob{"bob", "bob-password"};
const std::string registrar_uri = "sip:cordon.test";

// One client socket of one transport, talking to the fixture.
class Peer {
public:
    static Result<Peer> open(const Kamailio &kamailio, const std::string &transport)
    {
        if (transport == "UDP") {
            auto socket = UdpSipSocket::open();
            if (!socket) {
                return socket.error();
            }
            return Peer(transport, kamailio.ports().udp, std::move(*socket));
        }
        auto connection = transport == "TLS"
                              ? StreamSipConnection::connect_tls(kamailio.ports().tls, kamailio.ca_file(), "cordon.test")
                              : StreamSipConnection::connect_tcp(kamailio.ports().tcp);
        if (!connection) {
            return connection.error();
        }
        return Peer(transport, 0, std::move(*connection));
    }

    // Fills in the transport and this socket's port, and sends.
    Result<void> send(SipRequest request)
    {
        request.transport = transport_;
        request.local_port = local_port();
        return send(to_text(request));
    }

    // send(), then the first final response (or nothing).
    std::optional<std::string> exchange(const SipRequest &request)
    {
        if (!send(request)) {
            return std::nullopt;
        }
        while (auto message = receive()) {
            if (status_code(*message) >= 200) {
                return message;
            }
        }
        return std::nullopt;
    }

    Result<void> send(const std::string &text)
    {
        if (auto *udp = std::get_if<UdpSipSocket>(&socket_)) {
            return udp->send_to(server_port_, text);
        }
        return std::get<StreamSipConnection>(socket_).send(text);
    }

    std::optional<std::string> receive()
    {
        if (auto *udp = std::get_if<UdpSipSocket>(&socket_)) {
            return udp->receive();
        }
        return std::get<StreamSipConnection>(socket_).receive();
    }

    std::uint16_t local_port() const
    {
        if (const auto *udp = std::get_if<UdpSipSocket>(&socket_)) {
            return udp->local_port();
        }
        return std::get<StreamSipConnection>(socket_).local_port();
    }

private:
    Peer(std::string transport, std::uint16_t server_port, std::variant<UdpSipSocket, StreamSipConnection> socket)
        : transport_(std::move(transport)), server_port_(server_port), socket_(std::move(socket))
    {
    }

    std::string transport_;
    std::uint16_t server_port_;
    std::variant<UdpSipSocket, StreamSipConnection> socket_;
};

SipRequest register_request(const SipUser &user)
{
    SipRequest request;
    request.method = "REGISTER";
    request.request_uri = registrar_uri;
    request.from_user = user.name;
    request.to_user = user.name;
    request.call_id = "register-" + user.name + "-" + std::to_string(getpid()) + "@cordon.test";
    return request;
}

std::string only_header(const std::string &message, std::string_view name)
{
    const auto values = header_values(message, name);
    return values.size() == 1 ? values.front() : "(" + std::to_string(values.size()) + " values)";
}

class KamailioFixtureTest : public ::testing::Test {
protected:
    void start(const KamailioOptions &options = {})
    {
        auto started = Kamailio::start(options);
        ASSERT_TRUE(started) << started.error().message;
        kamailio_ = std::move(*started);
    }

    void open_peer(const std::string &transport, std::optional<Peer> &peer)
    {
        auto opened = Peer::open(*kamailio_, transport);
        ASSERT_TRUE(opened) << opened.error().message;
        peer.emplace(std::move(*opened));
    }

    // REGISTER, expect the 401 challenge, answer it; returns the challenge
    // header and the final response.
    void register_with_digest(Peer &peer, const SipUser &user, std::string &challenge, std::string &final_response)
    {
        SipRequest request = register_request(user);
        const auto challenged = peer.exchange(request);
        ASSERT_TRUE(challenged) << "no answer to REGISTER";
        ASSERT_EQ(status_code(*challenged), 401) << *challenged;
        challenge = only_header(*challenged, "WWW-Authenticate");
        const auto answer = answer_digest(challenge, user, "REGISTER", registrar_uri);
        ASSERT_TRUE(answer) << "not a digest challenge: " << challenge;
        request.cseq = 2;
        request.extra_headers = {"Authorization: " + *answer};
        const auto answered = peer.exchange(request);
        ASSERT_TRUE(answered) << "no answer to the authenticated REGISTER";
        final_response = *answered;
    }

    std::unique_ptr<Kamailio> kamailio_;
};

TEST_F(KamailioFixtureTest, OptionsToTheServerAreAnsweredOverUdp)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    const auto reply = peer->exchange(SipRequest{});

    ASSERT_TRUE(reply);
    EXPECT_EQ(status_code(*reply), 200) << *reply;
}

TEST_F(KamailioFixtureTest, RegisterOverUdpIsChallengedWithMd5DigestForCordonTest)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    const auto reply = peer->exchange(register_request(alice));

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    const std::string challenge = only_header(*reply, "WWW-Authenticate");
    EXPECT_TRUE(challenge.starts_with("Digest ")) << challenge;
    EXPECT_EQ(auth_parameter(challenge, "realm"), "cordon.test") << challenge;
    EXPECT_EQ(auth_parameter(challenge, "algorithm"), "MD5") << challenge;
    EXPECT_EQ(auth_parameter(challenge, "qop"), "auth") << challenge;
    EXPECT_FALSE(auth_parameter(challenge, "nonce").value_or("").empty()) << challenge;
    EXPECT_FALSE(auth_parameter(challenge, "stale")) << challenge;
}

TEST_F(KamailioFixtureTest, RegisterIsChallengedWithSha256WhenAsked)
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    const auto reply = peer->exchange(register_request(alice));

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    EXPECT_EQ(auth_parameter(only_header(*reply, "WWW-Authenticate"), "algorithm"), "SHA-256") << *reply;
}

TEST_F(KamailioFixtureTest, CorrectMd5AnswerRegistersWithTheSourceAddressRemembered)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, alice, challenge, response));

    ASSERT_EQ(status_code(response), 200) << response;
    // fix_nated_register: the client's own address, not its Contact, is where requests for it go.
    EXPECT_NE(only_header(response, "Contact").find("received=\"sip:127.0.0.1:" + std::to_string(peer->local_port())),
              std::string::npos)
        << response;
}

TEST_F(KamailioFixtureTest, CorrectSha256AnswerRegisters)
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, bob, challenge, response));

    EXPECT_EQ(auth_parameter(challenge, "algorithm"), "SHA-256");
    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, WrongPasswordIsChallengedAgain)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, {"alice", "not-her-password"}, challenge, response));

    EXPECT_EQ(status_code(response), 401) << response;
}

TEST_F(KamailioFixtureTest, AnotherUsersCredentialsAreForbidden)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    const auto challenged = peer->exchange(request);
    ASSERT_TRUE(challenged);
    const auto answer = answer_digest(only_header(*challenged, "WWW-Authenticate"), bob, "REGISTER", registrar_uri);
    ASSERT_TRUE(answer);

    request.cseq = 2;
    request.extra_headers = {"Authorization: " + *answer};
    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    EXPECT_EQ(status_code(*reply), 403) << *reply;
}

TEST_F(KamailioFixtureTest, PasswordsWithDbTextSeparatorsAreStoredAsGiven)
{
    const SipUser carol{"carol", R"(c:o\l:on)"};
    KamailioOptions options;
    options.users = {carol};
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, carol, challenge, response));

    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, RegisterOverTcpIsChallengedAndAccepted)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TCP", peer));

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, alice, challenge, response));

    EXPECT_EQ(auth_parameter(challenge, "realm"), "cordon.test");
    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, RegisterOverTlsWithTheCaAndNameVerified)
{
    KamailioOptions options;
    options.digest_algorithm = DigestAlgorithm::sha256;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", peer));  // verifies ca_file() and the name cordon.test

    std::string challenge;
    std::string response;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*peer, alice, challenge, response));

    EXPECT_EQ(auth_parameter(challenge, "algorithm"), "SHA-256");
    EXPECT_EQ(status_code(response), 200) << response;
}

TEST_F(KamailioFixtureTest, GoodCertificateAlsoNamesLocalhostAnd127001)
{
    ASSERT_NO_FATAL_FAILURE(start());

    for (const std::string name : {"localhost", "127.0.0.1"}) {
        // SSL_set1_host takes an IP literal as an IP to check against the IP SANs.
        auto connection = StreamSipConnection::connect_tls(kamailio_->ports().tls, kamailio_->ca_file(), name);
        EXPECT_TRUE(connection) << name << ": " << connection.error().message;
    }
}

struct RefusedCertificate {
    ServerCertificate kind;
    long verify_error;
};

void PrintTo(const RefusedCertificate &refused, std::ostream *out)
{
    *out << X509_verify_cert_error_string(refused.verify_error);
}

class KamailioCertificateTest : public KamailioFixtureTest,
                                public ::testing::WithParamInterface<RefusedCertificate> {};

TEST_P(KamailioCertificateTest, ClientVerifyingCordonTestRefusesIt)
{
    KamailioOptions options;
    options.certificate = GetParam().kind;
    ASSERT_NO_FATAL_FAILURE(start(options));

    auto connection = StreamSipConnection::connect_tls(kamailio_->ports().tls, kamailio_->ca_file(), "cordon.test");

    ASSERT_FALSE(connection);
    EXPECT_NE(connection.error().message.find(X509_verify_cert_error_string(GetParam().verify_error)),
              std::string::npos)
        << connection.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, KamailioCertificateTest,
    ::testing::Values(RefusedCertificate{ServerCertificate::other_name, X509_V_ERR_HOSTNAME_MISMATCH},
                      RefusedCertificate{ServerCertificate::unknown_ca, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY},
                      RefusedCertificate{ServerCertificate::expired, X509_V_ERR_CERT_HAS_EXPIRED}),
    [](const auto &instance) {
        switch (instance.param.kind) {
        case ServerCertificate::other_name: return std::string("OtherName");
        case ServerCertificate::unknown_ca: return std::string("UnknownCa");
        case ServerCertificate::expired: return std::string("Expired");
        case ServerCertificate::good: break;
        }
        return std::string("Good");
    });

TEST_F(KamailioFixtureTest, BasicOptionChallengesWithBasicAndAcceptsOnlyTheRightAnswer)
{
    KamailioOptions options;
    options.basic_auth = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", peer));
    SipRequest request = register_request(alice);

    const auto challenged = peer->exchange(request);
    ASSERT_TRUE(challenged);
    ASSERT_EQ(status_code(*challenged), 401) << *challenged;
    EXPECT_EQ(only_header(*challenged, "WWW-Authenticate"), "Basic realm=\"cordon.test\"") << *challenged;

    request.cseq = 2;
    request.extra_headers = {"Authorization: Basic YWxpY2U6bm90LWhlci1wYXNzd29yZA=="};  // alice:not-her-password
    const auto refused = peer->exchange(request);
    ASSERT_TRUE(refused);
    EXPECT_EQ(status_code(*refused), 401) << *refused;

    request.cseq = 3;
    request.extra_headers = {"Authorization: Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ="};  // alice:alice-password
    const auto accepted = peer->exchange(request);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(status_code(*accepted), 200) << *accepted;
}

TEST_F(KamailioFixtureTest, BasicCredentialsOfAnotherUserDoNotRegisterThisOne)
{
    KamailioOptions options;
    options.basic_auth = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    request.extra_headers = {"Authorization: Basic Ym9iOmJvYi1wYXNzd29yZA=="};  // bob:bob-password

    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    EXPECT_EQ(status_code(*reply), 401) << *reply;
}

TEST_F(KamailioFixtureTest, MessageIsProxyChallengedThenDeliveredOverTheCalleesOwnConnection)
{
    ASSERT_NO_FATAL_FAILURE(start());
    std::optional<Peer> bob_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("TLS", bob_peer));
    std::string challenge;
    std::string registered;
    ASSERT_NO_FATAL_FAILURE(register_with_digest(*bob_peer, bob, challenge, registered));
    ASSERT_EQ(status_code(registered), 200) << registered;
    std::optional<Peer> alice_peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", alice_peer));

    SipRequest message;
    message.method = "MESSAGE";
    message.request_uri = "sip:bob@cordon.test";
    message.from_user = "alice";
    message.to_user = "bob";
    message.extra_headers = {"Content-Type: text/plain"};
    message.body = "hello over your own connection";
    const auto challenged = alice_peer->exchange(message);
    ASSERT_TRUE(challenged);
    ASSERT_EQ(status_code(*challenged), 407) << *challenged;
    const auto answer = answer_digest(only_header(*challenged, "Proxy-Authenticate"), alice, "MESSAGE",
                                      message.request_uri);
    ASSERT_TRUE(answer) << *challenged;
    message.cseq = 2;
    message.extra_headers.push_back("Proxy-Authorization: " + *answer);
    ASSERT_TRUE(alice_peer->send(message));

    const auto delivered = bob_peer->receive();
    ASSERT_TRUE(delivered) << "bob's TLS connection got nothing";
    EXPECT_TRUE(delivered->starts_with("MESSAGE ")) << *delivered;
    EXPECT_TRUE(delivered->ends_with("\r\n\r\nhello over your own connection")) << *delivered;
    EXPECT_TRUE(header_values(*delivered, "Proxy-Authorization").empty()) << "credentials leaked to the callee";
}

TEST_F(KamailioFixtureTest, ExpiredNonceIsChallengedAgainWithoutStaleByDefault)
{
    KamailioOptions options;
    options.nonce_expire = std::chrono::seconds(1);
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    const auto first = peer->exchange(request);
    ASSERT_TRUE(first);
    const auto answer = answer_digest(only_header(*first, "WWW-Authenticate"), alice, "REGISTER", registrar_uri);
    ASSERT_TRUE(answer);

    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    request.cseq = 2;
    request.extra_headers = {"Authorization: " + *answer};
    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    EXPECT_FALSE(auth_parameter(only_header(*reply, "WWW-Authenticate"), "stale")) << *reply;
}

TEST_F(KamailioFixtureTest, ExpiredNonceIsMarkedStaleWhenAsked)
{
    KamailioOptions options;
    options.nonce_expire = std::chrono::seconds(1);
    options.stale_on_expired_nonce = true;
    ASSERT_NO_FATAL_FAILURE(start(options));
    std::optional<Peer> peer;
    ASSERT_NO_FATAL_FAILURE(open_peer("UDP", peer));
    SipRequest request = register_request(alice);
    const auto first = peer->exchange(request);
    ASSERT_TRUE(first);
    const auto answer = answer_digest(only_header(*first, "WWW-Authenticate"), alice, "REGISTER", registrar_uri);
    ASSERT_TRUE(answer);

    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    request.cseq = 2;
    request.extra_headers = {"Authorization: " + *answer};
    const auto reply = peer->exchange(request);

    ASSERT_TRUE(reply);
    ASSERT_EQ(status_code(*reply), 401) << *reply;
    EXPECT_EQ(auth_parameter(only_header(*reply, "WWW-Authenticate"), "stale"), "true") << *reply;
}

bool group_gone(pid_t group, std::chrono::milliseconds within)
{
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (kill(-group, 0) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return errno == ESRCH;
}

TEST_F(KamailioFixtureTest, StopEndsEveryKamailioProcess)
{
    ASSERT_NO_FATAL_FAILURE(start());
    const pid_t group = kamailio_->process_group();
    ASSERT_GT(group, 0);
    ASSERT_EQ(kill(-group, 0), 0);

    kamailio_->stop();

    EXPECT_FALSE(kamailio_->running());
    EXPECT_TRUE(group_gone(group, std::chrono::milliseconds(0)));
}

TEST(KamailioFixtureDeathTest, KamailioDiesWithATestProcessThatDies)
{
    const auto group_file = std::filesystem::temp_directory_path() /
                            ("cordon-kamailio-group-" + std::to_string(getpid()));
    // The child starts Kamailio, says which group it runs in, and ends
    // without any destructor: as a crash would.
    EXPECT_EXIT(
        {
            auto kamailio = Kamailio::start();
            if (!kamailio) {
                _exit(2);
            }
            std::ofstream(group_file) << (*kamailio)->process_group() << '\n'
                                      << (*kamailio)->runtime_directory().string() << '\n';
            _exit(3);
        },
        ::testing::ExitedWithCode(3), "");

    pid_t group = -1;
    std::string runtime_directory;
    std::ifstream(group_file) >> group >> runtime_directory;
    std::filesystem::remove(group_file);
    ASSERT_GT(group, 0);
    EXPECT_TRUE(group_gone(group, std::chrono::seconds(5))) << "Kamailio's group " << group << " outlived its test";
    std::error_code ignored;
    std::filesystem::remove_all(runtime_directory, ignored);
}

TEST(KamailioFixtureStartTest, MissingKamailioFailsNamingInstallDeps)
{
    KamailioOptions options;
    options.executable = "/nonexistent/sbin/kamailio";

    auto kamailio = Kamailio::start(options);

    ASSERT_FALSE(kamailio);
    EXPECT_NE(kamailio.error().message.find("scripts/install-deps.sh"), std::string::npos) << kamailio.error().message;
}

TEST(KamailioFixtureStartTest, ServerThatExitsAtOnceFailsTheStartAndKeepsItsFiles)
{
    KamailioOptions options;
    options.executable = "/bin/false";

    auto kamailio = Kamailio::start(options);

    ASSERT_FALSE(kamailio);
    const std::string &message = kamailio.error().message;
    EXPECT_NE(message.find("exited during start-up"), std::string::npos) << message;
    const std::string kept = "(files kept in ";
    const std::size_t at = message.find(kept);
    ASSERT_NE(at, std::string::npos) << message;
    const std::filesystem::path directory = message.substr(at + kept.size(), message.find(')', at) - at - kept.size());
    EXPECT_TRUE(std::filesystem::exists(directory / "kamailio.cfg")) << directory;
    std::error_code ignored;
    std::filesystem::remove_all(directory, ignored);
}

}  // namespace
}  // namespace cordon::test
