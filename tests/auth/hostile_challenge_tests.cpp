// Challenges a hostile or broken server sends, each refused with the status
// and reason expected, the host carrying on after every one.
#include <gtest/gtest.h>

#include "cordon/auth.h"
#include "tests/auth/auth_test_support.hpp"

namespace cordon {
namespace {

using test::builtin_auth;
using test::register_request;
using test::session_of;

struct HostileCase {
    const char *name;
    std::string challenge;
    ErrorCode code;
    const char *reason_fragment;
};

std::string many_params(size_t count)
{
    std::string text = "Digest realm=\"r\", nonce=\"n\"";
    for (size_t i = 0; i < count; ++i) {
        text += ", x" + std::to_string(i) + "=1";
    }
    return text;
}

const ErrorCode malformed = ErrorCode::malformed_input;
const ErrorCode unsupported = ErrorCode::unsupported;

class HostileChallenge : public testing::TestWithParam<HostileCase> {};

TEST_P(HostileChallenge, IsRefusedWithItsReason)
{
    const HostileCase &hostile = GetParam();
    ASSERT_NE(builtin_auth().digest, nullptr);
    auto session = session_of(*builtin_auth().digest);
    auto answer = session->answer(register_request(), {hostile.challenge});
    ASSERT_FALSE(answer.ok()) << answer->header_value;
    EXPECT_EQ(answer.error().code, hostile.code) << answer.error().message;
    EXPECT_NE(answer.error().message.find(hostile.reason_fragment), std::string::npos) << answer.error().message;
    EXPECT_EQ(answer.error().message.find('\n'), std::string::npos);

    // The same session answers a good challenge afterwards.
    EXPECT_TRUE(session->answer(register_request(), {"Digest realm=\"r\", nonce=\"n\""}).ok());
}

INSTANTIATE_TEST_SUITE_P(
    EveryCase, HostileChallenge,
    testing::Values(
        HostileCase{"unterminated_quote", "Digest realm=\"r\", nonce=\"abc", malformed, "unterminated quoted string"},
        HostileCase{"escaped_closing_quote", "Digest nonce=\"n\", realm=\"r\\\"", malformed, "unterminated"},
        HostileCase{"backslash_at_end", "Digest nonce=\"n\", realm=\"r\\", malformed, "unterminated"},
        HostileCase{"control_character", "Digest realm=\"r\x01\", nonce=\"n\"", malformed, "control character"},
        HostileCase{"crlf_injection", "Digest realm=\"r\", nonce=\"n\"\r\nVia: SIP/2.0/UDP evil", malformed,
                    "control character"},
        HostileCase{"escaped_lf", "Digest realm=\"r\\\n\", nonce=\"n\"", malformed, "control character"},
        HostileCase{"nul_byte", std::string("Digest realm=\"r\0\", nonce=\"n\"", 28), malformed, "control character"},
        HostileCase{"tab_in_quoted_string", "Digest realm=\"r\", nonce=\"n\tn\"", malformed,
                    "a tab inside a quoted string"},
        HostileCase{"delete_byte", "Digest realm=\"r\x7f\", nonce=\"n\"", malformed, "control character"},
        HostileCase{"duplicate_parameter", "Digest realm=\"a\", realm=\"b\", nonce=\"n\"", malformed, "twice"},
        HostileCase{"duplicate_in_other_case", "Digest realm=\"a\", nonce=\"n\", NONCE=\"m\"", malformed, "twice"},
        HostileCase{"missing_realm", "Digest nonce=\"n\", qop=\"auth\"", malformed, "realm is missing"},
        HostileCase{"missing_nonce", "Digest realm=\"r\"", malformed, "nonce is missing"},
        HostileCase{"empty_nonce", "Digest realm=\"r\", nonce=\"\"", malformed, "nonce is missing or empty"},
        HostileCase{"missing_comma", "Digest realm=\"r\" nonce=\"n\"", malformed, "unexpected text after"},
        HostileCase{"empty_list_element", "Digest realm=\"r\",, nonce=\"n\"", malformed, "expected a parameter"},
        HostileCase{"semicolon", "Digest realm=\"r\"; nonce=\"n\"", malformed, "unexpected text after"},
        HostileCase{"trailing_comma", "Digest realm=\"r\", nonce=\"n\",", malformed, "expected a parameter"},
        HostileCase{"token68", "Digest YWxhZGRpbjpvcGVu", malformed, "token68"},
        HostileCase{"token68_padded", "Digest YWxhZGRpbjpvcGVu==", malformed, "neither a token nor"},
        HostileCase{"no_parameters", "Digest", malformed, "not followed by parameters"},
        HostileCase{"another_scheme", "Basic realm=\"r\"", malformed, "another scheme"},
        HostileCase{"scheme_glued", "Digestrealm=\"r\", nonce=\"n\"", malformed, "another scheme"},
        HostileCase{"value_missing", "Digest realm=, nonce=\"n\"", malformed, "neither a token nor"},
        HostileCase{"stale_not_boolean", "Digest realm=\"r\", nonce=\"n\", stale=maybe", malformed, "stale"},
        HostileCase{"qop_empty_element", "Digest realm=\"r\", nonce=\"n\", qop=\"auth,,auth-int\"", malformed,
                    "qop list is malformed"},
        HostileCase{"qop_not_a_list", "Digest realm=\"r\", nonce=\"n\", qop=\"auth auth-int\"", malformed,
                    "qop list is malformed"},
        HostileCase{"too_many_parameters", many_params(30), malformed, "too many parameters"},
        HostileCase{"unknown_algorithm", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1", unsupported,
                    "algorithm is unknown to this plugin (\"SHA-1\")"},
        HostileCase{"no_usable_qop", "Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"", unsupported,
                    "neither auth nor auth-int"},
        HostileCase{"sess_without_qop", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256-sess", unsupported,
                    "-sess algorithm needs a qop"},
        HostileCase{"realm_not_ascii", "Digest realm=\"r\xC3\xA9\", nonce=\"n\"", unsupported,
                    "realm is not printable ASCII"},
        HostileCase{"realm_too_long", "Digest realm=\"" + std::string(300, 'r') + "\", nonce=\"n\"", unsupported,
                    "longer than 255"},
        HostileCase{"longer_than_the_abi_allows",
                    "Digest realm=\"r\", nonce=\"" + std::string(CORDON_AUTH_MAX_CHALLENGE_BYTES, 'n') + "\"",
                    malformed, "a challenge has 1..4096"},
        HostileCase{"empty", "", malformed, "a challenge has 1..4096"}),
    [](const testing::TestParamInfo<HostileCase> &param) { return std::string(param.param.name); });

TEST(HostileChallenges, MoreThanTheAbiAllowsAreRefusedBeforeThePlugin)
{
    ASSERT_NE(builtin_auth().digest, nullptr);
    auto session = session_of(*builtin_auth().digest);
    const std::vector<std::string> challenges(CORDON_AUTH_MAX_CHALLENGES + 1, "Digest realm=\"r\", nonce=\"n\"");
    auto answer = session->answer(register_request(), challenges);
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::malformed_input);
    EXPECT_NE(answer.error().message.find("at most 16 are answered"), std::string::npos) << answer.error().message;
    EXPECT_EQ(session->answer(register_request(), {}).error().code, ErrorCode::invalid_argument);
}

TEST(HostileChallenges, MalformedIsReportedOnlyWhenNoneParses)
{
    ASSERT_NE(builtin_auth().digest, nullptr);
    auto session = session_of(*builtin_auth().digest);
    auto mixed = session->answer(register_request(), {"Digest realm=\"r", "Digest realm=\"r\", nonce=\"n\", "
                                                                          "algorithm=SHA-1"});
    ASSERT_FALSE(mixed.ok());
    EXPECT_EQ(mixed.error().code, ErrorCode::unsupported);
    // The first problem is what the refusal names.
    EXPECT_NE(mixed.error().message.find("challenge 0: malformed: unterminated"), std::string::npos)
        << mixed.error().message;
}

} // namespace
} // namespace cordon
