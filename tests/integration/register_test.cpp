// Cordon's user agent registering with a real Kamailio, through the built-in
// transport and auth plugins: each transport, refused credentials, refused
// certificates, Basic only over TLS, no listening socket, no password in
// the log.
#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/kamailio_fixture.hpp"
#include "tests/integration/process_sockets.hpp"

namespace cordon {
namespace {

using namespace std::chrono_literals;

uint16_t port_for(const test::Kamailio &kamailio, const std::string &transport)
{
    return transport == "udp" ? kamailio.ports().udp : transport == "tcp" ? kamailio.ports().tcp : kamailio.ports().tls;
}

Profile profile_for(const test::Kamailio &kamailio, const std::string &transport, const std::string &user,
                    const std::string &password)
{
    Profile profile;
    profile.identity = "sip:" + user + "@cordon.test";
    profile.password = password;
    profile.transport = transport;
    profile.outbound_proxy = "127.0.0.1:" + std::to_string(port_for(kamailio, transport));
    profile.local_address = "127.0.0.1";
    profile.tls.ca_file = kamailio.ca_file().string();
    return profile;
}

UserAgentOptions quick_keep_alives()
{
    UserAgentOptions options;
    options.keep_alive_interval = 1s;
    return options;
}

// Runs one agent until its registration settles (registered, or failed for
// good) or the deadline passes; records every state it went through.
struct Agent {
    boost::asio::io_context loop;
    test::CapturingLogger logger;
    std::unique_ptr<PluginRegistry> plugins = test::builtin_plugins(logger);
    std::unique_ptr<UserAgent> ua;
    std::vector<RegistrationStatus> states;

    explicit Agent(const Profile &profile, UserAgentOptions options = quick_keep_alives())
    {
        auto created = UserAgent::create(loop, *plugins, profile, options, logger);
        EXPECT_TRUE(created.ok()) << created.error().message;
        if (created) {
            ua = std::move(created.value());
            ua->on_registration([this](const RegistrationStatus &status) { states.push_back(status); });
        }
    }

    bool settled() const
    {
        return !states.empty() && (states.back().state == RegistrationState::registered ||
                                   states.back().state == RegistrationState::unregistered ||
                                   (states.back().state == RegistrationState::failed && !states.back().will_retry));
    }

    void run_until_settled(std::chrono::milliseconds limit = 10s)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!settled() && std::chrono::steady_clock::now() < deadline) {
            loop.run_for(20ms);
            loop.restart();
        }
    }

    void run_for(std::chrono::milliseconds duration)
    {
        loop.run_for(duration);
        loop.restart();
    }

    const RegistrationStatus &last() const { return states.back(); }
};

std::unique_ptr<test::Kamailio> start_kamailio(const test::KamailioOptions &options = {})
{
    auto kamailio = test::Kamailio::start(options);
    EXPECT_TRUE(kamailio.ok()) << kamailio.error().message;
    return kamailio ? std::move(kamailio.value()) : nullptr;
}

class RegisterOverEachTransport : public ::testing::TestWithParam<std::string> {};

TEST_P(RegisterOverEachTransport, ChallengedThenRegisteredThenUnregistered)
{
    test::KamailioOptions options;
    options.digest_algorithm = test::DigestAlgorithm::sha256;
    auto kamailio = start_kamailio(options);
    ASSERT_TRUE(kamailio);
    Agent agent(profile_for(*kamailio, GetParam(), "alice", "alice-password"));
    ASSERT_TRUE(agent.ua);
    agent.ua->register_account();
    agent.run_until_settled();
    ASSERT_FALSE(agent.states.empty());
    ASSERT_EQ(agent.last().state, RegistrationState::registered) << agent.last().reason;
    EXPECT_EQ(agent.last().status_code, 200);
    EXPECT_GT(agent.last().expires_s, 0u);
    const auto flow = agent.ua->signalling_flow();
    ASSERT_TRUE(flow);
    EXPECT_EQ(flow->remote.port, port_for(*kamailio, GetParam()));
    EXPECT_EQ(flow->local.address, "127.0.0.1");
    if (GetParam() == "tls") {
        EXPECT_EQ(flow->protocol_version.rfind("TLSv1.", 0), 0u) << flow->protocol_version;
        EXPECT_FALSE(flow->cipher.empty());
    }
    agent.ua->unregister();
    agent.run_until_settled();
    EXPECT_EQ(agent.last().state, RegistrationState::unregistered) << agent.last().reason;
}

INSTANTIATE_TEST_SUITE_P(Transports, RegisterOverEachTransport, ::testing::Values("udp", "tcp", "tls"));

TEST(RegisterWithKamailio, WrongPasswordFailsClearlyAndIsNotRetried)
{
    auto kamailio = start_kamailio();
    ASSERT_TRUE(kamailio);
    Agent agent(profile_for(*kamailio, "tls", "alice", "not-the-password"));
    ASSERT_TRUE(agent.ua);
    agent.ua->register_account();
    agent.run_until_settled();
    ASSERT_EQ(agent.last().state, RegistrationState::failed);
    EXPECT_FALSE(agent.last().will_retry);
    EXPECT_NE(agent.last().reason.find("refused"), std::string::npos) << agent.last().reason;
    const std::size_t changes = agent.states.size();
    agent.run_for(2500ms);
    EXPECT_EQ(agent.states.size(), changes) << "nothing is sent again on its own";
}

TEST(RegisterWithKamailio, RefusingMd5FailsAgainstAnMd5OnlyServerAndPassesWithSha256)
{
    auto md5_only = start_kamailio();
    ASSERT_TRUE(md5_only);
    Profile profile = profile_for(*md5_only, "tls", "alice", "alice-password");
    profile.refuse_md5 = true;
    Agent refusing(profile);
    ASSERT_TRUE(refusing.ua);
    refusing.ua->register_account();
    refusing.run_until_settled();
    ASSERT_EQ(refusing.last().state, RegistrationState::failed);
    EXPECT_FALSE(refusing.last().will_retry);
    EXPECT_NE(refusing.last().reason.find("MD5"), std::string::npos) << refusing.last().reason;

    test::KamailioOptions options;
    options.digest_algorithm = test::DigestAlgorithm::sha256;
    auto sha256 = start_kamailio(options);
    ASSERT_TRUE(sha256);
    Profile strict = profile_for(*sha256, "tls", "alice", "alice-password");
    strict.refuse_md5 = true;
    Agent agent(strict);
    ASSERT_TRUE(agent.ua);
    agent.ua->register_account();
    agent.run_until_settled();
    EXPECT_EQ(agent.last().state, RegistrationState::registered) << agent.last().reason;
}

struct CertificateCase {
    test::ServerCertificate certificate;
    const char *expected; // in the failure's reason
};

class RefusedCertificate : public ::testing::TestWithParam<CertificateCase> {};

TEST_P(RefusedCertificate, EndsRegistrationWithTheReasonAndNoRetry)
{
    test::KamailioOptions options;
    options.certificate = GetParam().certificate;
    auto kamailio = start_kamailio(options);
    ASSERT_TRUE(kamailio);
    Agent agent(profile_for(*kamailio, "tls", "alice", "alice-password"));
    ASSERT_TRUE(agent.ua);
    agent.ua->register_account();
    agent.run_until_settled();
    ASSERT_EQ(agent.last().state, RegistrationState::failed);
    EXPECT_FALSE(agent.last().will_retry);
    EXPECT_NE(agent.last().reason.find(GetParam().expected), std::string::npos) << agent.last().reason;
}

INSTANTIATE_TEST_SUITE_P(Certificates, RefusedCertificate,
                         ::testing::Values(CertificateCase{test::ServerCertificate::other_name, "another name"},
                                           CertificateCase{test::ServerCertificate::unknown_ca, "trusted CA"},
                                           CertificateCase{test::ServerCertificate::expired, "expired"}));

TEST(RegisterWithKamailio, BasicIsRefusedOverTcpAndAnsweredOverTls)
{
    test::KamailioOptions options;
    options.basic_auth = true;
    auto kamailio = start_kamailio(options);
    ASSERT_TRUE(kamailio);

    Agent plain(profile_for(*kamailio, "tcp", "alice", "alice-password"));
    ASSERT_TRUE(plain.ua);
    plain.ua->register_account();
    plain.run_until_settled();
    ASSERT_EQ(plain.last().state, RegistrationState::failed);
    EXPECT_FALSE(plain.last().will_retry);
    EXPECT_NE(plain.last().reason.find("TLS"), std::string::npos) << plain.last().reason;

    Agent secure(profile_for(*kamailio, "tls", "alice", "alice-password"));
    ASSERT_TRUE(secure.ua);
    secure.ua->register_account();
    secure.run_until_settled();
    EXPECT_EQ(secure.last().state, RegistrationState::registered) << secure.last().reason;
}

TEST(RegisterWithKamailio, NoListeningSocketAndNoDatagramSocketOnAFixedPort)
{
    auto kamailio = start_kamailio();
    ASSERT_TRUE(kamailio);
    const auto before = test::process_sockets();
    Agent over_udp(profile_for(*kamailio, "udp", "alice", "alice-password"));
    Agent over_tls(profile_for(*kamailio, "tls", "bob", "bob-password"));
    ASSERT_TRUE(over_udp.ua && over_tls.ua);
    over_udp.ua->register_account();
    over_tls.ua->register_account();
    over_udp.run_until_settled();
    over_tls.run_until_settled();
    ASSERT_EQ(over_udp.last().state, RegistrationState::registered) << over_udp.last().reason;
    ASSERT_EQ(over_tls.last().state, RegistrationState::registered) << over_tls.last().reason;

    const auto sockets = test::process_sockets();
    ASSERT_GT(sockets.size(), before.size()) << "the agents' sockets are seen";
    const auto [low, high] = test::ephemeral_port_range();
    int udp_sockets = 0;
    for (const auto &socket : sockets) {
        EXPECT_FALSE(socket.listening) << socket.protocol << " listening on " << socket.local_address << ":"
                                       << socket.local_port;
        if (socket.protocol.rfind("udp", 0) == 0) {
            ++udp_sockets;
            EXPECT_EQ(socket.local_address, "127.0.0.1") << "bound to the chosen interface, not a wildcard";
            EXPECT_GE(socket.local_port, low) << "an ephemeral port";
            EXPECT_LE(socket.local_port, high);
            EXPECT_EQ(socket.remote_port, kamailio->ports().udp) << "connected to the registrar only";
        }
    }
    EXPECT_EQ(udp_sockets, 1);
}

// RFC 5626 section 4.4.1: Kamailio answers each CRLF ping with a pong, so a
// one-second pong timeout holds and the registration is never redone.
TEST(RegisterWithKamailio, KeepAlivesAreAnsweredAndHoldTheStreamFlows)
{
    auto kamailio = start_kamailio();
    ASSERT_TRUE(kamailio);
    for (const char *transport : {"tcp", "tls"}) {
        UserAgentOptions options;
        options.keep_alive_interval = 1s;
        options.keep_alive_timeout = 1s;
        Agent agent(profile_for(*kamailio, transport, "alice", "alice-password"), options);
        ASSERT_TRUE(agent.ua);
        agent.ua->register_account();
        agent.run_until_settled();
        ASSERT_EQ(agent.last().state, RegistrationState::registered) << agent.last().reason;
        const std::size_t changes = agent.states.size();
        agent.run_for(3500ms);
        EXPECT_GE(agent.ua->counters().keep_alives_sent, 3u) << transport;
        EXPECT_EQ(agent.states.size(), changes) << transport << ": the flow was never lost";
        EXPECT_EQ(agent.ua->counters().messages_rejected, 0u);
    }
}

TEST(RegisterWithKamailio, ThePasswordNeverReachesTheLogAtDebugLevel)
{
    const std::string password = "Pw-7f3a9-never-logged";
    test::KamailioOptions options;
    options.users = {{"alice", password}};
    auto kamailio = start_kamailio(options);
    ASSERT_TRUE(kamailio);
    std::vector<std::string> lines;
    for (const char *transport : {"udp", "tls"}) {
        Agent agent(profile_for(*kamailio, transport, "alice", password));
        ASSERT_TRUE(agent.ua);
        agent.ua->register_account();
        agent.run_until_settled();
        EXPECT_EQ(agent.last().state, RegistrationState::registered) << agent.last().reason;
        agent.ua->unregister();
        agent.run_until_settled();
        const auto logged = agent.logger.lines();
        lines.insert(lines.end(), logged.begin(), logged.end());
    }
    // A wrong password takes the refusal paths too.
    Agent wrong(profile_for(*kamailio, "tcp", "alice", password + "-wrong"));
    ASSERT_TRUE(wrong.ua);
    wrong.ua->register_account();
    wrong.run_until_settled();
    const auto logged = wrong.logger.lines();
    lines.insert(lines.end(), logged.begin(), logged.end());
    ASSERT_FALSE(lines.empty());
    for (const std::string &line : lines) {
        EXPECT_EQ(line.find(password), std::string::npos) << line;
    }
}

} // namespace
} // namespace cordon
