// Media encryption plugins that lie in their replies, each a real shared
// library (tests/plugins/fixtures/hostile_media_encryption.c): every lie is
// a contract violation naming the plugin, and an untrusted encryption plugin
// is never loaded.
#include <gtest/gtest.h>

#include <filesystem>

#include "cordon/host/plugins.hpp"
#include "cordon/media_encryption.h"
#include "tests/encryption/encryption_test_support.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon::test {
namespace {

namespace fs = std::filesystem;

const fs::path fixture_root = CORDON_TEST_FIXTURE_DIR;
constexpr char fixture_id[] = "org.cordon.test.encryption";

struct LoadedFixture {
    CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
};

std::unique_ptr<LoadedFixture> load_trusted(const std::string &fixture)
{
    auto loaded = std::make_unique<LoadedFixture>();
    const fs::path directory = fixture_root / fixture;
    loaded->registry = PluginRegistry::load({{directory}, {directory}, {}, {}}, loaded->logger);
    return loaded;
}

// Offers, accepts the fixture's own answer, then protects and unprotects one
// RTP packet: the first failure on the way.
Result<size_t> exercise(const std::string &fixture)
{
    auto loaded = load_trusted(fixture);
    const auto *plugin = loaded->registry->find_media_encryption(fixture_id);
    EXPECT_NE(plugin, nullptr) << (loaded->registry->records().empty() ? "" : loaded->registry->records()[0].reason);
    if (plugin == nullptr) {
        return Error{ErrorCode::not_found, "not loaded"};
    }
    auto exchange = plugin->start(SignallingSecurity::tls);
    if (!exchange) {
        return exchange.error();
    }
    auto offer = (*exchange)->offer();
    if (!offer) {
        return offer.error();
    }
    auto protection = (*exchange)->accept_answer(*offer);
    if (!protection) {
        return protection.error();
    }
    Packet packet = rtp_packet(1, 20);
    auto length = (*protection)->protect_rtp(packet.buffer, packet.length);
    if (!length) {
        return length.error();
    }
    return (*protection)->unprotect_rtp(packet.buffer, *length);
}

struct LieCase {
    const char *fixture;
    const char *fragment;
};

class LyingMediaEncryptionPlugin : public testing::TestWithParam<LieCase> {};

TEST_P(LyingMediaEncryptionPlugin, IsAContractViolationNamingThePlugin)
{
    const LieCase &lie = GetParam();
    auto result = exercise(lie.fixture);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::contract_violation) << result.error().message;
    EXPECT_NE(result.error().message.find(fixture_id), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find(lie.fragment), std::string::npos) << result.error().message;
    EXPECT_EQ(result.error().message.find('\n'), std::string::npos);
    EXPECT_EQ(result.error().message.find('\r'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    EveryLie, LyingMediaEncryptionPlugin,
    testing::Values(LieCase{"media_lies_protect_length",
                            "protect_rtp broke the media encryption contract: length 97 is past the "
                            "capacity 96"},
                    LieCase{"media_unprotect_below_header", "hold at least the 12-byte header"},
                    LieCase{"media_length_on_failure", "it failed but reported a length of 36"},
                    LieCase{"media_unterminated_attribute", "attribute 0 is not NUL-terminated within its 256 bytes"},
                    LieCase{"media_crlf_attribute", "attribute 0 holds a control character (CR, LF...)"},
                    LieCase{"media_overhead_too_big", "overhead 9 is outside 1..8"}),
    [](const testing::TestParamInfo<LieCase> &param) { return std::string(param.param.fixture); });

TEST(HostileMediaEncryption, AnHonestFixtureWorks)
{
    auto result = exercise("media_honest");
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(*result, 32u);
}

TEST(HostileMediaEncryption, AnUnknownStatusIsAnInternalError)
{
    auto result = exercise("media_unknown_status");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::plugin_failure);
    EXPECT_NE(result.error().message.find("unknown status 42"), std::string::npos) << result.error().message;
}

TEST(HostileMediaEncryption, ABadInterfaceIsRefusedAtLoad)
{
    for (const auto &[fixture, fragment] :
         {std::pair{"media_bad_profile", "sdp_profile is not 1..63 letters"},
          std::pair{"media_null_unprotect", "required media encryption function unprotect_rtp is missing"}}) {
        auto loaded = load_trusted(fixture);
        ASSERT_EQ(loaded->registry->records().size(), 1u);
        const PluginRecord &record = loaded->registry->records().front();
        EXPECT_FALSE(record.loaded);
        EXPECT_NE(record.reason.find(fragment), std::string::npos) << record.reason;
        EXPECT_TRUE(loaded->registry->media_encryption_plugins().empty());
    }
}

TEST(HostileMediaEncryption, AnUntrustedEncryptionPluginIsNeverLoaded)
{
    CapturingLogger logger;
    auto registry = PluginRegistry::load({{fixture_root / "media_honest"}, {}, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    const PluginRecord &record = registry->records().front();
    EXPECT_FALSE(record.loaded);
    EXPECT_FALSE(record.trusted);
    EXPECT_NE(record.reason.find("untrusted"), std::string::npos) << record.reason;
    EXPECT_TRUE(registry->media_encryption_plugins().empty());
}

} // namespace
} // namespace cordon::test
