// "Secure next hop" means an authenticated peer: over TLS whose server was
// not verified (tls.verify = false, against a Kamailio whose certificate
// comes from a CA the agent is not given) Basic is not answered, SDES keys
// are not offered and encryption.body_mode when-no-tls encrypts bodies, as
// over plain TCP. The same steps against a verified server are the control.
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/kamailio_fixture.hpp"

namespace cordon::test {
namespace {

constexpr const char *unverified_hop = "tls whose server was not verified (tls.verify = false)";

enum class Server { verified, unverified };

KamailioOptions basic_challenges()
{
    KamailioOptions options;
    options.basic_auth = true;
    return options;
}

UserAgentOptions media_encryption(MediaEncryption mode)
{
    UserAgentOptions options;
    options.media_encryption = mode;
    return options;
}

class TlsHop : public ::testing::Test {
protected:
    // Kamailio with a certificate the agents verify, or one from an unknown CA
    // that they accept only because tls.verify is false.
    void start(Server server, KamailioOptions options = {})
    {
        server_ = server;
        options.certificate = server == Server::verified ? ServerCertificate::good : ServerCertificate::unknown_ca;
        auto started = Kamailio::start(options);
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
    }

    void join(Party &party, const std::string &user, UserAgentOptions options = {})
    {
        Profile profile = fixture_profile(*kamailio_, user, "tls");
        profile.tls.verify = server_ == Server::verified;
        auto created = UserAgent::create(loop_, *plugins_, profile, options, logger_);
        ASSERT_TRUE(created.ok()) << created.error().message;
        party.ua = std::move(created.value());
        party.ua->on_registration([&party](const RegistrationStatus &s) { party.registrations.push_back(s); });
        party.ua->register_account();
        run_until(loop_, [&] {
            return !party.registrations.empty() &&
                   (registered(party) || party.registrations.back().state == RegistrationState::failed);
        });
    }

    // Under media.encryption optional: alice calls bob, bob answers; the
    // SRTP suite of alice's answered call ("" for plain RTP).
    std::string answered_call_encryption()
    {
        join(alice_, "alice", media_encryption(MediaEncryption::optional));
        join(bob_, "bob", media_encryption(MediaEncryption::optional));
        EXPECT_TRUE(registered(alice_) && registered(bob_));
        bob_.ua->on_incoming_call([this](std::shared_ptr<Call> call) {
            bob_.call = call;
            (void)call->answer(CallAudio{});
        });
        auto call = alice_.ua->call("sip:bob@cordon.test", CallAudio{});
        EXPECT_TRUE(call.ok()) << call.error().message;
        if (!call) {
            return "no call";
        }
        alice_.call = call.value();
        alice_.call->on_event([this](const CallEvent &event) { alice_.events.push_back(event); });
        run_until(loop_, [&] { return has(alice_, CallEvent::Kind::answered); });
        EXPECT_TRUE(has(alice_, CallEvent::Kind::answered));
        const auto stats = alice_.call->media_stats();
        return stats ? stats->encryption : "no media";
    }

    void TearDown() override
    {
        if (HasFailure()) {
            for (const auto &line : logger_.lines()) {
                std::printf("  log: %s\n", line.c_str());
            }
        }
    }

    boost::asio::io_context loop_;
    CapturingLogger logger_;
    std::unique_ptr<PluginRegistry> plugins_ = builtin_plugins(logger_);
    std::unique_ptr<Kamailio> kamailio_;
    Server server_ = Server::verified;
    Party alice_;
    Party bob_;
};

TEST_F(TlsHop, BasicIsNotAnsweredToAnUnverifiedServer)
{
    start(Server::unverified, basic_challenges());
    join(alice_, "alice");
    ASSERT_FALSE(alice_.registrations.empty());
    const RegistrationStatus &last = alice_.registrations.back();
    ASSERT_EQ(last.state, RegistrationState::failed) << "Basic was answered to an unauthenticated server";
    EXPECT_FALSE(last.will_retry);
    EXPECT_NE(last.reason.find(unverified_hop), std::string::npos) << last.reason;
    EXPECT_NE(last.reason.find("Basic"), std::string::npos) << last.reason;
}

TEST_F(TlsHop, BasicIsAnsweredToAVerifiedServer)
{
    start(Server::verified, basic_challenges());
    join(alice_, "alice");
    ASSERT_TRUE(registered(alice_)) << alice_.registrations.back().reason;
}

TEST_F(TlsHop, RequiredMediaEncryptionRefusesToCallThroughAnUnverifiedServer)
{
    start(Server::unverified);
    join(alice_, "alice", media_encryption(MediaEncryption::required));
    ASSERT_TRUE(registered(alice_)) << alice_.registrations.back().reason;
    const auto call = alice_.ua->call("sip:bob@cordon.test", CallAudio{});
    ASSERT_FALSE(call.ok()) << "SDES keys would have gone to an unauthenticated server";
    EXPECT_EQ(call.error().code, ErrorCode::unavailable);
    EXPECT_NE(call.error().message.find(unverified_hop), std::string::npos) << call.error().message;
}

// Optional media encryption calls, as over TCP, with no keys in the SDP.
TEST_F(TlsHop, OptionalMediaEncryptionOffersNoKeysThroughAnUnverifiedServer)
{
    start(Server::unverified);
    EXPECT_EQ(answered_call_encryption(), "");
}

TEST_F(TlsHop, OptionalMediaEncryptionOffersKeysThroughAVerifiedServer)
{
    start(Server::verified);
    EXPECT_EQ(answered_call_encryption(), "AES_CM_128_HMAC_SHA1_80");
}

// No certificate for bob is configured, so a body that must be encrypted is
// refused; one that may go plain is sent.
TEST_F(TlsHop, WhenNoTlsEncryptsBodiesThroughAnUnverifiedServer)
{
    UserAgentOptions options;
    options.body_encryption.mode = BodyMode::when_no_tls;
    start(Server::unverified);
    join(alice_, "alice", options);
    ASSERT_TRUE(registered(alice_)) << alice_.registrations.back().reason;
    const auto sent = alice_.ua->send_message("sip:bob@cordon.test", "text/plain", "the door code is 4711", nullptr);
    ASSERT_FALSE(sent.ok()) << "the body went in clear to an unauthenticated server";
    EXPECT_EQ(sent.error().code, ErrorCode::encryption_unavailable);
    EXPECT_NE(sent.error().message.find(std::string("the next hop is ") + unverified_hop), std::string::npos)
        << sent.error().message;
}

TEST_F(TlsHop, WhenNoTlsSendsBodiesPlainThroughAVerifiedServer)
{
    UserAgentOptions options;
    options.body_encryption.mode = BodyMode::when_no_tls;
    start(Server::verified);
    join(alice_, "alice", options);
    ASSERT_TRUE(registered(alice_)) << alice_.registrations.back().reason;
    const auto sent = alice_.ua->send_message("sip:bob@cordon.test", "text/plain", "hello bob", nullptr);
    EXPECT_TRUE(sent.ok()) << sent.error().message;
}

} // namespace
} // namespace cordon::test
