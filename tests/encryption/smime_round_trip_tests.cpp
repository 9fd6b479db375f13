// encryption-smime through the registry as the host loads it: bodies to RSA
// (key transport) and EC (key agreement) recipients and back, what the
// outer entity looks like, identities that cannot be made, and envelopes
// for someone else.
#include <gtest/gtest.h>

#include <string>

#include "cordon/body_encryption.h"
#include "tests/encryption/smime_test_support.hpp"

namespace cordon::test {
namespace {

class SmimeRoundTrip : public ::testing::TestWithParam<KeyType> {
protected:
    void SetUp() override
    {
        loaded_ = load_smime_plugin();
        ASSERT_NE(loaded_->plugin, nullptr);
        bob_ = make_smime_identity(smime_spec(GetParam()));
        auto identity = loaded_->plugin->create_identity(bob_.certificate, bob_.key);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        identity_ = *identity;
    }

    const BodyEncryptionPlugin &plugin() const { return *loaded_->plugin; }

    std::unique_ptr<SmimePlugin> loaded_;
    PemIdentity bob_;
    std::shared_ptr<const BodyIdentity> identity_;
};

TEST_P(SmimeRoundTrip, BodyComesBackWithItsContentType)
{
    const std::string text = "Hello Bob, this is a secret.\r\nSecond line.";
    auto outer = plugin().encrypt("text/plain;charset=UTF-8", text, bob_.certificate);
    ASSERT_TRUE(outer.ok()) << outer.error().message;
    EXPECT_EQ(outer->content_type, "application/pkcs7-mime;smime-type=authEnveloped-data;name=smime.p7m");
    EXPECT_EQ(outer->body.find("secret"), std::string::npos) << "plaintext visible in the envelope";
    auto inner = identity_->decrypt(outer->content_type, outer->body);
    ASSERT_TRUE(inner.ok()) << inner.error().message;
    EXPECT_EQ(inner->content_type, "text/plain;charset=UTF-8");
    EXPECT_EQ(inner->body, text);
}

TEST_P(SmimeRoundTrip, BinaryAndEmptyAndLargestBodies)
{
    std::string binary;
    for (int i = 0; i < 512; ++i) {
        binary.push_back(static_cast<char>(i % 256)); // NULs, CR, LF and bytes above 0x7F
    }
    const std::string largest(CORDON_BODY_MAX_BYTES, 'x');
    for (const std::string &body : {binary, std::string(), largest}) {
        auto outer = plugin().encrypt("application/octet-stream", body, bob_.certificate);
        ASSERT_TRUE(outer.ok()) << outer.error().message;
        EXPECT_LE(outer->body.size(), CORDON_BODY_MAX_ENVELOPE_BYTES);
        auto inner = identity_->decrypt(outer->content_type, outer->body);
        ASSERT_TRUE(inner.ok()) << inner.error().message;
        EXPECT_EQ(inner->body, body);
    }
}

TEST_P(SmimeRoundTrip, EachEnvelopeHasItsOwnKey)
{
    auto first = plugin().encrypt("text/plain", "same", bob_.certificate);
    auto second = plugin().encrypt("text/plain", "same", bob_.certificate);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_NE(first->body, second->body);
}

TEST_P(SmimeRoundTrip, EnvelopeForSomeoneElseIsNotForThisRecipient)
{
    const PemIdentity carol = make_smime_identity(smime_spec(GetParam(), "", "carol"));
    auto outer = plugin().encrypt("text/plain", "for carol", carol.certificate);
    ASSERT_TRUE(outer.ok()) << outer.error().message;
    auto inner = identity_->decrypt(outer->content_type, outer->body);
    ASSERT_FALSE(inner.ok());
    EXPECT_EQ(inner.error().code, ErrorCode::not_for_this_recipient) << inner.error().message;
}

TEST_P(SmimeRoundTrip, BodyOverTheLimitIsRefusedBeforeThePlugin)
{
    auto outer = plugin().encrypt("text/plain", std::string(CORDON_BODY_MAX_BYTES + 1, 'x'), bob_.certificate);
    ASSERT_FALSE(outer.ok());
    EXPECT_EQ(outer.error().code, ErrorCode::invalid_argument);
}

TEST_P(SmimeRoundTrip, ContentTypeThatCouldInjectHeadersIsRefused)
{
    for (const char *type : {"text/plain\r\nX-Evil: 1", "text", "", "/plain", "text/plain\n"}) {
        auto outer = plugin().encrypt(type, "x", bob_.certificate);
        ASSERT_FALSE(outer.ok()) << type;
        EXPECT_EQ(outer.error().code, ErrorCode::invalid_argument);
    }
}

INSTANTIATE_TEST_SUITE_P(Keys, SmimeRoundTrip, ::testing::Values(KeyType::rsa_2048, KeyType::ec_p256),
                         [](const auto &key) { return key.param == KeyType::rsa_2048 ? "rsa" : "ec"; });

TEST(SmimeIdentity, KeyOfAnotherCertificateIsRefused)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    const PemIdentity bob = make_smime_identity(smime_spec(KeyType::ec_p256));
    const PemIdentity carol = make_smime_identity(smime_spec(KeyType::ec_p256, "", "carol"));
    auto identity = loaded->plugin->create_identity(bob.certificate, carol.key);
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code, ErrorCode::certificate_unusable);
    EXPECT_NE(identity.error().message.find("does not belong"), std::string::npos) << identity.error().message;
}

TEST(SmimeIdentity, EncryptedOrGarbledKeyIsRefusedWithoutPrompting)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    const PemIdentity bob = make_smime_identity(smime_spec(KeyType::ec_p256));
    for (const std::string &key : {encrypted_key_pem(bob, "secret passphrase"), std::string("not a key")}) {
        auto identity = loaded->plugin->create_identity(bob.certificate, key);
        ASSERT_FALSE(identity.ok());
        EXPECT_EQ(identity.error().code, ErrorCode::malformed_input) << identity.error().message;
    }
    auto identity =
        loaded->plugin->create_identity("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", bob.key);
    ASSERT_FALSE(identity.ok());
    EXPECT_EQ(identity.error().code, ErrorCode::malformed_input) << identity.error().message;
}

TEST(SmimeIdentity, OversizedInputsAreRefusedBeforeThePlugin)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    const PemIdentity bob = make_smime_identity(smime_spec(KeyType::ec_p256));
    const std::string huge(CORDON_BODY_MAX_CERTIFICATE_BYTES + 1, 'A');
    EXPECT_EQ(loaded->plugin->create_identity(huge, bob.key).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(loaded->plugin->create_identity(bob.certificate, "").error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(loaded->plugin->encrypt("text/plain", "x", huge).error().code, ErrorCode::invalid_argument);
    auto identity = loaded->plugin->create_identity(bob.certificate, bob.key);
    ASSERT_TRUE(identity.ok());
    const std::string envelope_too_big(CORDON_BODY_MAX_ENVELOPE_BYTES + 1, '\x30');
    EXPECT_EQ((*identity)->decrypt(auth_enveloped_type, envelope_too_big).error().code, ErrorCode::malformed_input);
    EXPECT_EQ((*identity)->decrypt(auth_enveloped_type, "").error().code, ErrorCode::malformed_input);
}

TEST(SmimeRegistry, SmimeServesBodiesOnlyAndSrtpMediaOnly)
{
    auto loaded = load_smime_plugin();
    EXPECT_EQ(loaded->registry->find_media_encryption(smime_plugin_id), nullptr);
    EXPECT_NE(loaded->registry->find_media_encryption("org.cordon.encryption.srtp"), nullptr);
    EXPECT_EQ(loaded->registry->find_body_encryption("org.cordon.encryption.srtp"), nullptr);
    ASSERT_EQ(loaded->registry->body_encryption_plugins().size(), 1u);
    EXPECT_EQ(loaded->registry->body_encryption_plugins()[0]->id(), smime_plugin_id);
}

} // namespace
} // namespace cordon::test
