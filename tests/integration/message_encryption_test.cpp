// MESSAGE bodies over UDP (no TLS) through a real Kamailio that logs every
// body it relays: encrypted with S/MIME by the sender (encryption.body_mode
// when-no-tls), so the proxy sees no plaintext, and decrypted by the
// receiver; a tampered envelope is answered 493 and never delivered.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/user_agent.hpp"
#include "demo/server_support.hpp"
#include "tests/encryption/smime_test_support.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/kamailio_test_support.hpp"
#include "tests/integration/sip_dialog_support.hpp"

namespace cordon::test {
namespace {

constexpr const char *secret = "the door code is 4711";

class EncryptedMessages : public ::testing::Test {
protected:
    void SetUp() override
    {
        KamailioOptions options;
        options.log_message_bodies = true;
        auto started = Kamailio::start(options);
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        auto directory = demo::make_run_directory("cordon-smime-");
        ASSERT_TRUE(directory) << directory.error().message;
        directory_ = *directory;
        alice_id_ = make_smime_identity(smime_spec(KeyType::rsa_2048, "keyEncipherment", "alice"));
        bob_id_ = make_smime_identity(smime_spec(KeyType::ec_p256, "keyAgreement", "bob"));
        for (const auto &[name, identity] : {std::pair{"alice", &alice_id_}, std::pair{"bob", &bob_id_}}) {
            ASSERT_TRUE(demo::write_text(directory_ / (std::string(name) + ".crt"), identity->certificate));
            ASSERT_TRUE(demo::write_text(directory_ / (std::string(name) + ".key"), identity->key));
        }
        alice_ = agent("alice", "bob");
        bob_ = agent("bob", "alice");
        ASSERT_TRUE(alice_ && bob_);
        bob_->on_message([this](const IncomingMessage &message) { received_.push_back(message); });
        alice_->register_account();
        bob_->register_account();
        run_until(loop_, [&] {
            return alice_->registration().state == RegistrationState::registered &&
                   bob_->registration().state == RegistrationState::registered;
        });
        ASSERT_EQ(bob_->registration().state, RegistrationState::registered);
    }

    void TearDown() override
    {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
        if (HasFailure()) {
            for (const auto &line : logger_.lines()) {
                std::printf("  log: %s: %s\n", line.source.c_str(), line.message.c_str());
            }
        }
    }

    // user over UDP, with its own identity and the peer's certificate.
    std::unique_ptr<UserAgent> agent(const std::string &user, const std::string &peer)
    {
        UserAgentOptions options;
        options.body_encryption.mode = BodyMode::when_no_tls;
        options.body_encryption.certificate_file = directory_ / (user + ".crt");
        options.body_encryption.private_key_file = directory_ / (user + ".key");
        options.body_encryption.peer_certificates["sip:" + peer + "@cordon.test"] = directory_ / (peer + ".crt");
        auto created =
            UserAgent::create(loop_, *smime_->registry, fixture_profile(*kamailio_, user, "udp"), options, logger_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        return created ? std::move(created.value()) : nullptr;
    }

    boost::asio::io_context loop_;
    CapturingLogger logger_;
    // The built-in plugins, as the host loads them (encryption-smime among them).
    std::unique_ptr<SmimePlugin> smime_ = load_smime_plugin();
    std::unique_ptr<Kamailio> kamailio_;
    std::filesystem::path directory_;
    PemIdentity alice_id_;
    PemIdentity bob_id_;
    std::unique_ptr<UserAgent> alice_;
    std::unique_ptr<UserAgent> bob_;
    std::vector<IncomingMessage> received_;
};

TEST_F(EncryptedMessages, OverUdpTheProxySeesNoPlaintextAndTheReceiverReadsIt)
{
    std::vector<RequestOutcome> outcomes;
    ASSERT_TRUE(alice_->send_message("sip:bob@cordon.test", "text/plain", secret,
                                     [&](const RequestOutcome &outcome) { outcomes.push_back(outcome); }));
    run_until(loop_, [&] { return !outcomes.empty() && !received_.empty(); });
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].status_code, 200) << outcomes[0].reason;
    ASSERT_EQ(received_.size(), 1u);
    EXPECT_TRUE(received_[0].encrypted);
    EXPECT_EQ(received_[0].body, secret);
    EXPECT_EQ(received_[0].content_type, "text/plain");
    EXPECT_EQ(received_[0].from, "sip:alice@cordon.test");

    const std::string log = kamailio_->log_text();
    EXPECT_NE(log.find("cordon-message-body:"), std::string::npos) << "Kamailio logged the body it relayed";
    EXPECT_EQ(log.find(secret), std::string::npos) << "the plaintext crossed the proxy";
    EXPECT_EQ(log.find("door code"), std::string::npos);
}

TEST_F(EncryptedMessages, WithoutAPeerCertificateTheMessageIsNotSent)
{
    const auto sent = alice_->send_message("sip:carol@cordon.test", "text/plain", secret, nullptr);
    ASSERT_FALSE(sent);
    EXPECT_EQ(sent.error().code, ErrorCode::encryption_unavailable);
    EXPECT_NE(sent.error().message.find("sip:carol@cordon.test"), std::string::npos) << sent.error().message;
    EXPECT_EQ(kamailio_->log_text().find(secret), std::string::npos);
}

TEST_F(EncryptedMessages, ATamperedEnvelopeIsAnswered493AndNotDelivered)
{
    // A genuine envelope for bob, one byte changed, sent by a raw client as alice.
    auto envelope = smime_->plugin->encrypt("text/plain", secret, bob_id_.certificate);
    ASSERT_TRUE(envelope) << envelope.error().message;
    std::string body = envelope->body;
    body[body.size() / 2] = static_cast<char>(body[body.size() / 2] ^ 0x01);

    auto peer = Peer::open(*kamailio_, "UDP");
    ASSERT_TRUE(peer) << peer.error().message;
    Inbox inbox(*peer);
    SipRequest request;
    request.method = "MESSAGE";
    request.request_uri = "sip:bob@cordon.test";
    request.from_user = "alice";
    request.to_user = "bob";
    request.extra_headers = {"Content-Type: " + envelope->content_type, "Content-Transfer-Encoding: binary"};
    request.body = body;
    std::optional<std::string> answer;
    std::thread client([&] { answer = send_authenticated(*peer, inbox, request, SipUser{"alice", "alice-password"}); });
    run_until(loop_, [&] { return bob_->counters().messages_undecipherable > 0; });
    client.join();
    ASSERT_TRUE(answer) << "no final answer to the tampered MESSAGE";
    EXPECT_EQ(status_code(*answer), 493) << *answer;
    EXPECT_TRUE(received_.empty()) << "nothing reached the application";
    EXPECT_EQ(bob_->counters().messages_undecipherable, 1u);
}

} // namespace
} // namespace cordon::test
