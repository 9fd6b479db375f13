// Body encryption plugins that lie in their replies, each a real shared
// library (tests/plugins/fixtures/hostile_body_encryption.c): every lie is a
// contract violation naming the plugin, an interface that fails validation
// refuses the plugin, and an encryption plugin that serves neither media
// nor bodies is refused.
#include <gtest/gtest.h>

#include <filesystem>

#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

const fs::path fixture_root = CORDON_TEST_FIXTURE_DIR;
constexpr char fixture_id[] = "org.cordon.test.body";

struct LoadedFixture {
    CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
    const BodyEncryptionPlugin *plugin = nullptr;
};

std::unique_ptr<LoadedFixture> load_trusted(const std::string &fixture)
{
    auto loaded = std::make_unique<LoadedFixture>();
    const fs::path directory = fixture_root / fixture;
    loaded->registry = PluginRegistry::load({{directory}, {directory}, {}, {}}, loaded->logger);
    loaded->plugin = loaded->registry->find_body_encryption(fixture_id);
    return loaded;
}

std::string refusal_of(const LoadedFixture &loaded)
{
    return loaded.registry->records().empty() ? "" : loaded.registry->records()[0].reason;
}

TEST(HostileBodyEncryption, HonestFixtureRoundTrips)
{
    auto loaded = load_trusted("body_honest");
    ASSERT_NE(loaded->plugin, nullptr) << refusal_of(*loaded);
    auto outer = loaded->plugin->encrypt("text/plain", "hello", "certificate");
    ASSERT_TRUE(outer.ok()) << outer.error().message;
    EXPECT_EQ(outer->content_type, "application/pkcs7-mime;smime-type=authEnveloped-data");
    auto identity = loaded->plugin->create_identity("certificate", "key");
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    auto inner = (*identity)->decrypt(outer->content_type, outer->body);
    ASSERT_TRUE(inner.ok()) << inner.error().message;
    EXPECT_EQ(inner->body, "hello");
}

TEST(HostileBodyEncryption, PluginAskingForRoomIsCalledAgainWithIt)
{
    auto loaded = load_trusted("body_grows");
    ASSERT_NE(loaded->plugin, nullptr) << refusal_of(*loaded);
    auto identity = loaded->plugin->create_identity("certificate", "key");
    ASSERT_TRUE(identity.ok()) << identity.error().message;
    auto inner = (*identity)->decrypt("application/pkcs7-mime", "abc");
    ASSERT_TRUE(inner.ok()) << inner.error().message;
    EXPECT_EQ(inner->body, "abcabc");
}

struct LieCase {
    const char *fixture;
    const char *problem; // a part of the message
};

class BodyLies : public ::testing::TestWithParam<LieCase> {};

TEST_P(BodyLies, AreContractViolations)
{
    auto loaded = load_trusted(GetParam().fixture);
    ASSERT_NE(loaded->plugin, nullptr) << refusal_of(*loaded);
    auto outer = loaded->plugin->encrypt("text/plain", "hello", "certificate");
    ASSERT_FALSE(outer.ok());
    EXPECT_EQ(outer.error().code, ErrorCode::contract_violation) << outer.error().message;
    EXPECT_NE(outer.error().message.find(fixture_id), std::string::npos) << outer.error().message;
    EXPECT_NE(outer.error().message.find(GetParam().problem), std::string::npos) << outer.error().message;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BodyLies,
                         ::testing::Values(LieCase{"body_lies_length", "past the capacities"},
                                           LieCase{"body_retry_forever", "asked for larger buffers again"},
                                           LieCase{"body_asks_too_much", "past the limits"},
                                           LieCase{"body_false_too_small", "asked for no more than they hold"},
                                           LieCase{"body_length_on_failure", "failed but reported lengths"},
                                           LieCase{"body_wrong_outer_type", "not application/pkcs7-mime"},
                                           LieCase{"body_crlf_type", "not a printable type/subtype"}),
                         [](const auto &lie) { return std::string(lie.param.fixture); });

TEST(HostileBodyEncryption, UnknownStatusIsAnInternalError)
{
    auto loaded = load_trusted("body_unknown_status");
    ASSERT_NE(loaded->plugin, nullptr) << refusal_of(*loaded);
    auto outer = loaded->plugin->encrypt("text/plain", "hello", "certificate");
    ASSERT_FALSE(outer.ok());
    EXPECT_EQ(outer.error().code, ErrorCode::plugin_failure) << outer.error().message;
}

TEST(HostileBodyEncryption, IdentityLiesAreContractViolations)
{
    for (const char *fixture : {"body_unterminated_refusal", "body_identity_without_object"}) {
        auto loaded = load_trusted(fixture);
        ASSERT_NE(loaded->plugin, nullptr) << refusal_of(*loaded);
        auto identity = loaded->plugin->create_identity("certificate", "key");
        ASSERT_FALSE(identity.ok()) << fixture;
        EXPECT_EQ(identity.error().code, ErrorCode::contract_violation) << identity.error().message;
    }
}

TEST(HostileBodyEncryption, BadInterfacesRefuseThePlugin)
{
    const LieCase cases[] = {
        {"body_null_decrypt", "decrypt is missing"},
        {"body_small_struct", "struct_size"},
        {"encryption_no_interface", "\"cordon.media-encryption/1\" or \"cordon.body-encryption/1\""},
    };
    for (const LieCase &refused : cases) {
        auto loaded = load_trusted(refused.fixture);
        EXPECT_EQ(loaded->plugin, nullptr) << refused.fixture;
        ASSERT_EQ(loaded->registry->records().size(), 1u);
        EXPECT_FALSE(loaded->registry->records()[0].loaded);
        EXPECT_NE(refusal_of(*loaded).find(refused.problem), std::string::npos) << refusal_of(*loaded);
    }
}

TEST(HostileBodyEncryption, PluginServingBothIsListedUnderBoth)
{
    auto loaded = load_trusted("encryption_both");
    ASSERT_NE(loaded->plugin, nullptr) << refusal_of(*loaded);
    EXPECT_NE(loaded->registry->find_media_encryption(fixture_id), nullptr);
    EXPECT_EQ(loaded->registry->media_encryption_plugins().size(), 1u);
    EXPECT_EQ(loaded->registry->body_encryption_plugins().size(), 1u);
}

TEST(HostileBodyEncryption, OneBadInterfaceRefusesTheOtherToo)
{
    auto loaded = load_trusted("encryption_both_media_broken");
    EXPECT_EQ(loaded->plugin, nullptr);
    EXPECT_EQ(loaded->registry->find_media_encryption(fixture_id), nullptr);
    EXPECT_NE(refusal_of(*loaded).find("sdp_profile"), std::string::npos) << refusal_of(*loaded);
}

TEST(HostileBodyEncryption, UntrustedEncryptionPluginIsNeverLoaded)
{
    CapturingLogger logger;
    const fs::path directory = fixture_root / "body_honest";
    auto registry = PluginRegistry::load({{directory}, {}, {}, {}}, logger);
    EXPECT_EQ(registry->find_body_encryption(fixture_id), nullptr);
    ASSERT_EQ(registry->records().size(), 1u);
    EXPECT_FALSE(registry->records()[0].loaded);
}

} // namespace
} // namespace cordon::test
