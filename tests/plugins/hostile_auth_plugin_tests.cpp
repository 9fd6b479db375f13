// Auth plugins that lie in their replies, each a real shared library
// (fixtures/hostile_auth.c): every lie is a contract violation naming the
// plugin, and the host goes on answering with an honest plugin afterwards.
#include <gtest/gtest.h>

#include <filesystem>

#include "cordon/auth.h"
#include "cordon/host/plugins.hpp"
#include "tests/plugins/capturing_logger.hpp"

namespace cordon {
namespace {

namespace fs = std::filesystem;

const fs::path fixture_root = CORDON_TEST_FIXTURE_DIR;
const std::vector<std::string> one_challenge = {"Digest realm=\"r\", nonce=\"n\""};

struct LoadedAuth {
    test::CapturingLogger logger;
    std::unique_ptr<PluginRegistry> registry;
};

std::unique_ptr<LoadedAuth> load_trusted(const std::string &fixture)
{
    auto loaded = std::make_unique<LoadedAuth>();
    const fs::path directory = fixture_root / fixture;
    loaded->registry = PluginRegistry::load({{directory}, {directory}, {}, {}}, loaded->logger);
    return loaded;
}

AuthRequest request()
{
    AuthRequest request;
    request.method = "REGISTER";
    request.request_uri = "sip:example.com";
    request.username = "alice";
    request.password = "fixture-password";
    return request;
}

Result<AuthAnswer> answer_with(const std::string &fixture, const std::vector<std::string> &challenges)
{
    auto loaded = load_trusted(fixture);
    const auto plugins = loaded->registry->auth_plugins();
    EXPECT_EQ(plugins.size(), 1u) << (loaded->registry->records().empty() ? "" : loaded->registry->records()[0].reason);
    if (plugins.empty()) {
        return Error{ErrorCode::not_found, "not loaded"};
    }
    auto session = plugins.front()->create({});
    if (!session) {
        return session.error();
    }
    return (*session)->answer(request(), challenges);
}

struct LieCase {
    const char *fixture;
    const char *fragment;
};

class LyingAuthPlugin : public testing::TestWithParam<LieCase> {};

TEST_P(LyingAuthPlugin, IsAContractViolationNamingThePlugin)
{
    const LieCase &lie = GetParam();
    auto answer = answer_with(lie.fixture, one_challenge);
    ASSERT_FALSE(answer.ok()) << answer->header_value;
    EXPECT_EQ(answer.error().code, ErrorCode::contract_violation) << answer.error().message;
    EXPECT_NE(answer.error().message.find("org.cordon.test.auth"), std::string::npos) << answer.error().message;
    EXPECT_NE(answer.error().message.find(lie.fragment), std::string::npos) << answer.error().message;
    EXPECT_EQ(answer.error().message.find('\n'), std::string::npos);

    // The host is alive and an honest plugin answers.
    auto honest = answer_with("auth_honest", one_challenge);
    ASSERT_TRUE(honest.ok()) << honest.error().message;
    EXPECT_EQ(honest->header_value, "Digest username=\"fixture\"");
    EXPECT_EQ(honest->realm, "fixture");
}

INSTANTIATE_TEST_SUITE_P(
    EveryLie, LyingAuthPlugin,
    testing::Values(LieCase{"auth_lies_length", "answer length 4097 is outside 1..4096"},
                    LieCase{"auth_bad_chosen", "chose challenge 1 of 1"},
                    LieCase{"auth_injects_crlf", "control character"},
                    LieCase{"auth_unterminated_realm", "outcome realm is not NUL-terminated within its 256 bytes"},
                    LieCase{"auth_unterminated_refusal", "outcome refusal is not NUL-terminated"},
                    LieCase{"auth_stale_not_boolean", "stale is 7"},
                    LieCase{"auth_length_on_failure", "failed but reported 5 bytes"},
                    LieCase{"auth_create_without_session", "create returned ok without a session"}),
    [](const testing::TestParamInfo<LieCase> &param) { return std::string(param.param.fixture); });

TEST(HostileAuthPlugin, AnUnknownStatusIsAnInternalError)
{
    auto answer = answer_with("auth_unknown_status", one_challenge);
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::plugin_failure);
    EXPECT_NE(answer.error().message.find("unknown status 42 (treated as internal plugin error)"), std::string::npos)
        << answer.error().message;
}

TEST(HostileAuthPlugin, ABadInterfaceIsRefusedAtLoad)
{
    for (const auto &[fixture, fragment] :
         {std::pair{"auth_bad_scheme", "auth scheme is not a token"},
          std::pair{"auth_null_answer", "required auth function answer is missing"}}) {
        auto loaded = load_trusted(fixture);
        ASSERT_EQ(loaded->registry->records().size(), 1u);
        const PluginRecord &record = loaded->registry->records().front();
        EXPECT_FALSE(record.loaded);
        EXPECT_NE(record.reason.find(fragment), std::string::npos) << record.reason;
        EXPECT_TRUE(loaded->registry->auth_plugins().empty());
    }
}

TEST(HostileAuthPlugin, AnUntrustedAuthPluginIsNeverLoaded)
{
    test::CapturingLogger logger;
    auto registry = PluginRegistry::load({{fixture_root / "auth_honest"}, {}, {}, {}}, logger);
    ASSERT_EQ(registry->records().size(), 1u);
    EXPECT_FALSE(registry->records().front().loaded);
    EXPECT_NE(registry->records().front().reason.find("untrusted"), std::string::npos)
        << registry->records().front().reason;
    EXPECT_TRUE(registry->auth_plugins().empty());
}

TEST(HostileAuthPlugin, ChallengesPastTheAbiNeverReachThePlugin)
{
    // auth_lies_length would break the contract if it were called at all.
    auto too_long = answer_with("auth_lies_length", {std::string(CORDON_AUTH_MAX_CHALLENGE_BYTES + 1, 'x')});
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code, ErrorCode::malformed_input) << too_long.error().message;
    auto too_many = answer_with("auth_lies_length",
                                std::vector<std::string>(CORDON_AUTH_MAX_CHALLENGES + 1, one_challenge.front()));
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().code, ErrorCode::malformed_input) << too_many.error().message;
}

} // namespace
} // namespace cordon
