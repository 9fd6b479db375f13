// Recipient certificates encryption-smime refuses to encrypt to, each named
// in the refusal: out of its dates, a key that cannot take part in the
// envelope, a keyUsage without the bit the key's use needs. Trust is the
// operator's configuration, so a self-signed certificate is fine.
#include <gtest/gtest.h>

#include <string>

#include "tests/encryption/smime_test_support.hpp"

namespace cordon::test {
namespace {

using std::chrono::hours;

struct RefusedCase {
    const char *name;
    SmimeCertificateSpec spec;
    const char *reason; // a part of the message
};

class SmimeRefusedRecipient : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(SmimeRefusedRecipient, IsCertificateUnusable)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    const PemIdentity recipient = make_smime_identity(GetParam().spec);
    auto outer = loaded->plugin->encrypt("text/plain", "hello", recipient.certificate);
    ASSERT_FALSE(outer.ok());
    EXPECT_EQ(outer.error().code, ErrorCode::certificate_unusable);
    EXPECT_NE(outer.error().message.find(GetParam().reason), std::string::npos) << outer.error().message;
    EXPECT_NE(outer.error().message.find("CN=bob"), std::string::npos) << outer.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SmimeRefusedRecipient,
    ::testing::Values(
        RefusedCase{"expired", with_validity(smime_spec(KeyType::rsa_2048), -hours(48), -hours(1)), "expired at"},
        RefusedCase{"not_yet_valid", with_validity(smime_spec(KeyType::rsa_2048), hours(2), hours(48)),
                    "not valid before"},
        RefusedCase{"rsa_sign_only", smime_spec(KeyType::rsa_2048, "digitalSignature"),
                    "keyUsage without keyEncipherment"},
        RefusedCase{"ec_sign_only", smime_spec(KeyType::ec_p256, "digitalSignature"), "keyUsage without keyAgreement"},
        RefusedCase{"ec_key_encipherment_only", smime_spec(KeyType::ec_p256, "keyEncipherment"),
                    "keyUsage without keyAgreement"},
        RefusedCase{"rsa_1024", smime_spec(KeyType::rsa_1024), "RSA key of 1024 bits"},
        RefusedCase{"ed25519", smime_spec(KeyType::ed25519), "neither RSA"}),
    [](const auto &refused) { return std::string(refused.param.name); });

TEST(SmimeAcceptedRecipient, KeyUsageWithTheNeededBitIsFine)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    for (const SmimeCertificateSpec &spec : {smime_spec(KeyType::rsa_2048, "keyEncipherment, digitalSignature"),
                                             smime_spec(KeyType::ec_p256, "keyAgreement")}) {
        const PemIdentity recipient = make_smime_identity(spec);
        auto outer = loaded->plugin->encrypt("text/plain", "hello", recipient.certificate);
        ASSERT_TRUE(outer.ok()) << outer.error().message;
        auto identity = loaded->plugin->create_identity(recipient.certificate, recipient.key);
        ASSERT_TRUE(identity.ok()) << identity.error().message;
        auto inner = (*identity)->decrypt(outer->content_type, outer->body);
        ASSERT_TRUE(inner.ok()) << inner.error().message;
        EXPECT_EQ(inner->body, "hello");
    }
}

TEST(SmimeAcceptedRecipient, ExpiredOwnCertificateStillDecrypts)
{
    // What was sent while the certificate was valid stays readable; only
    // encrypting to an expired certificate is refused.
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    const PemIdentity expired = make_smime_identity(with_validity(smime_spec(KeyType::ec_p256), -hours(48), -hours(1)));
    auto identity = loaded->plugin->create_identity(expired.certificate, expired.key);
    ASSERT_TRUE(identity.ok()) << identity.error().message;
}

TEST(SmimeAcceptedRecipient, NotPemIsUnusable)
{
    auto loaded = load_smime_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    auto outer = loaded->plugin->encrypt("text/plain", "hello", "this is not a certificate");
    ASSERT_FALSE(outer.ok());
    EXPECT_EQ(outer.error().code, ErrorCode::certificate_unusable);
    EXPECT_NE(outer.error().message.find("not a PEM certificate"), std::string::npos) << outer.error().message;
}

} // namespace
} // namespace cordon::test
