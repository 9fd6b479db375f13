// The body policy of encryption.body_mode against a fake plugin that
// records what it is asked: every way a body is sent (plain, encrypted,
// refused with the reason) and received (plain, decrypted, rejected), and
// the address certificates are found by.
#include <gtest/gtest.h>

#include "body_protection/body_protection.hpp"
#include "body_protection/peer_address.hpp"

namespace cordon::test {
namespace {

constexpr char bob[] = "sip:bob@example.com";
constexpr char bob_pem[] = "BOB'S CERTIFICATE";
constexpr char smime[] = "application/pkcs7-mime;smime-type=authEnveloped-data";
const NextHop udp{"udp", false};
const NextHop tls{"tls", true};

// "Encrypts" by prefixing the certificate it was given; fails with
// certificate_unusable for the certificate "EXPIRED".
class FakePlugin final : public BodyEncryptionPlugin {
public:
    const std::string &id() const override { return id_; }
    Result<EncryptedBody> encrypt(std::string_view content_type, std::string_view body,
                                  std::string_view certificate) const override
    {
        if (certificate == "EXPIRED") {
            return Error{ErrorCode::certificate_unusable, "certificate CN=bob expired at 2026-01-01"};
        }
        return EncryptedBody{smime,
                             std::string(certificate) + "|" + std::string(content_type) + "|" + std::string(body)};
    }
    Result<std::shared_ptr<const BodyIdentity>> create_identity(std::string_view, std::string_view) const override
    {
        return Error{ErrorCode::unsupported, "not in this test"};
    }

private:
    std::string id_ = "org.cordon.test.fake";
};

// Decrypts "ok" to text/plain "hello" and anything else to the error given.
class FakeIdentity final : public BodyIdentity {
public:
    Result<Body> decrypt(std::string_view, std::string_view body) const override
    {
        if (body == "ok") {
            return Body{"text/plain", "hello"};
        }
        return Error{ErrorCode::authentication_failed, "authentication failed (altered or not for this key)"};
    }
};

class BodyPolicy : public ::testing::Test {
protected:
    BodyProtection protection(BodyMode mode, bool with_plugin = true, bool with_certificate = true,
                              bool with_identity = true) const
    {
        BodyProtectionParts parts;
        parts.mode = mode;
        parts.plugin = with_plugin ? &plugin_ : nullptr;
        if (with_identity) {
            parts.identity = std::make_shared<FakeIdentity>();
        }
        if (with_certificate) {
            parts.peer_certificates[bob] = bob_pem;
        }
        return BodyProtection(std::move(parts));
    }

    FakePlugin plugin_;
};

TEST_F(BodyPolicy, OffSendsPlainOverEveryHop)
{
    for (const NextHop &hop : {udp, tls}) {
        auto sent = protection(BodyMode::off).protect(bob, hop, "text/plain", "hi");
        ASSERT_TRUE(sent.ok()) << sent.error().message;
        EXPECT_FALSE(sent->encrypted);
        EXPECT_EQ(sent->content_type, "text/plain");
        EXPECT_EQ(sent->body, "hi");
    }
}

TEST_F(BodyPolicy, WhenNoTlsSendsPlainOverTlsAndEncryptsOverUdp)
{
    const auto policy = protection(BodyMode::when_no_tls);
    auto over_tls = policy.protect(bob, tls, "text/plain", "hi");
    ASSERT_TRUE(over_tls.ok());
    EXPECT_FALSE(over_tls->encrypted);
    auto over_udp = policy.protect(bob, udp, "text/plain", "hi");
    ASSERT_TRUE(over_udp.ok()) << over_udp.error().message;
    EXPECT_TRUE(over_udp->encrypted);
    EXPECT_EQ(over_udp->content_type, smime);
    EXPECT_EQ(over_udp->body, std::string(bob_pem) + "|text/plain|hi");
}

TEST_F(BodyPolicy, AlwaysEncryptsOverTlsToo)
{
    auto sent = protection(BodyMode::always).protect(bob, tls, "text/plain", "hi");
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    EXPECT_TRUE(sent->encrypted);
}

TEST_F(BodyPolicy, RecipientIsFoundByAddressOfRecord)
{
    const auto policy = protection(BodyMode::always);
    for (const char *recipient :
         {"sips:bob@EXAMPLE.com", "SIP:bob@example.com:5060;transport=udp", "sip:bob@example.com?subject=x"}) {
        auto sent = policy.protect(recipient, udp, "text/plain", "hi");
        ASSERT_TRUE(sent.ok()) << recipient << ": " << sent.error().message;
        EXPECT_TRUE(sent->encrypted);
    }
    auto other_user = policy.protect("sip:Bob@example.com", udp, "text/plain", "hi");
    ASSERT_FALSE(other_user.ok());
    EXPECT_EQ(other_user.error().code, ErrorCode::encryption_unavailable);
}

TEST_F(BodyPolicy, NoCertificateRefusesWithTheReasonAndTheSetting)
{
    auto sent = protection(BodyMode::when_no_tls, true, false).protect(bob, udp, "text/plain", "hi");
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::encryption_unavailable);
    EXPECT_EQ(sent.error().message, "encryption.body_mode is when-no-tls and the next hop is udp, and no certificate "
                                    "for sip:bob@example.com is configured (encryption.peer_certificates): the "
                                    "message is not sent");
    auto always = protection(BodyMode::always, true, false).protect(bob, tls, "text/plain", "hi");
    ASSERT_FALSE(always.ok());
    EXPECT_NE(always.error().message.find("encryption.body_mode is always, and no certificate"), std::string::npos)
        << always.error().message;
}

TEST_F(BodyPolicy, NoPluginRefuses)
{
    auto sent = protection(BodyMode::when_no_tls, false).protect(bob, udp, "text/plain", "hi");
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::encryption_unavailable);
    EXPECT_NE(sent.error().message.find("no body encryption plugin is loaded"), std::string::npos);
}

TEST_F(BodyPolicy, UnusableCertificateRefusesWithThePluginsReason)
{
    BodyProtectionParts parts;
    parts.mode = BodyMode::always;
    parts.plugin = &plugin_;
    parts.peer_certificates[bob] = "EXPIRED";
    auto sent = BodyProtection(std::move(parts)).protect(bob, tls, "text/plain", "hi");
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().code, ErrorCode::certificate_unusable);
    EXPECT_NE(sent.error().message.find("expired at 2026-01-01"), std::string::npos) << sent.error().message;
    EXPECT_NE(sent.error().message.find("not sent"), std::string::npos) << sent.error().message;
}

TEST_F(BodyPolicy, RecipientThatIsNotASipUriIsRefused)
{
    for (const char *recipient :
         {"tel:+123", "bob@example.com", "sip:example.com", "sip:@example.com", "sip:bob@", "sip:bob@exa mple.com"}) {
        auto sent = protection(BodyMode::always).protect(recipient, udp, "text/plain", "hi");
        ASSERT_FALSE(sent.ok()) << recipient;
        EXPECT_EQ(sent.error().code, ErrorCode::invalid_argument) << recipient;
    }
}

TEST_F(BodyPolicy, PlainBodiesAreReceivedAsTheyCame)
{
    for (const BodyMode mode : {BodyMode::off, BodyMode::when_no_tls, BodyMode::always}) {
        auto received = protection(mode).unprotect("text/plain", "hi");
        ASSERT_TRUE(received.ok());
        EXPECT_FALSE(received->encrypted);
        EXPECT_EQ(received->body.body, "hi");
    }
}

TEST_F(BodyPolicy, EncryptedBodiesAreDecryptedInEveryMode)
{
    for (const BodyMode mode : {BodyMode::off, BodyMode::when_no_tls, BodyMode::always}) {
        auto received = protection(mode).unprotect("Application/PKCS7-MIME; smime-type=authEnveloped-data", "ok");
        ASSERT_TRUE(received.ok()) << received.error().message;
        EXPECT_TRUE(received->encrypted);
        EXPECT_EQ(received->body.content_type, "text/plain");
        EXPECT_EQ(received->body.body, "hello");
    }
}

TEST_F(BodyPolicy, UndecryptableBodiesAreRejectedNeverDelivered)
{
    auto tampered = protection(BodyMode::when_no_tls).unprotect(smime, "tampered");
    ASSERT_FALSE(tampered.ok());
    EXPECT_EQ(tampered.error().code, ErrorCode::authentication_failed);
    auto no_identity = protection(BodyMode::when_no_tls, true, true, false).unprotect(smime, "ok");
    ASSERT_FALSE(no_identity.ok());
    EXPECT_EQ(no_identity.error().code, ErrorCode::encryption_unavailable);
    EXPECT_NE(no_identity.error().message.find("encryption.certificate_file"), std::string::npos);
    auto no_plugin = protection(BodyMode::when_no_tls, false).unprotect(smime, "ok");
    ASSERT_FALSE(no_plugin.ok());
    EXPECT_EQ(no_plugin.error().code, ErrorCode::encryption_unavailable);
}

TEST(PeerAddress, IsTheAddressOfRecord)
{
    EXPECT_EQ(peer_address("sip:bob@example.com"), "sip:bob@example.com");
    EXPECT_EQ(peer_address("SIPS:bob@Example.COM:5061;transport=tls?x=y"), "sip:bob@example.com");
    EXPECT_EQ(peer_address("sip:bob@[2001:db8::1]:5060"), "sip:bob@[2001:db8::1]");
    EXPECT_EQ(peer_address("sip:bob@[2001:db8::1"), std::nullopt);
    EXPECT_EQ(peer_address("sip:bob@example.com\r\n"), std::nullopt);
    EXPECT_EQ(peer_address("sip:" + std::string(max_peer_uri_bytes, 'a') + "@x"), std::nullopt);
    EXPECT_EQ(peer_address("mailto:bob@example.com"), std::nullopt);
}

} // namespace
} // namespace cordon::test
