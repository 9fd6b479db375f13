// The password never reaches the log: every path of both plugins (answers,
// refusals, malformed and hostile challenges) runs with the log capturing
// everything down to debug, and no line may hold the password, nor its Basic
// encoding.
#include <gtest/gtest.h>

#include "cordon/host/settings.hpp"
#include "tests/auth/auth_test_support.hpp"

namespace cordon {
namespace {

using test::builtin_auth;
using test::register_request;
using test::session_of;
using test::test_password;

TEST(CredentialsInLogs, NoLineEverHoldsThePassword)
{
    test::BuiltinAuth &auth = builtin_auth();
    ASSERT_NE(auth.digest, nullptr);
    ASSERT_NE(auth.basic, nullptr);
    Settings refusing;
    refusing.profile.refuse_md5 = true;
    auto digest = session_of(*auth.digest);
    auto strict_digest = session_of(*auth.digest, auth_params_from_settings(refusing, *auth.digest));
    auto basic = session_of(*auth.basic);

    const std::vector<std::string> challenges = {
        "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"",
        "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\", algorithm=SHA-256-sess, stale=true, opaque=\"o\"",
        "Digest realm=\"r\", nonce=\"n\"",
        "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1",
        "Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"",
        "Digest realm=\"r\", nonce=\"n",
        "Digest realm=\"r\x01\", nonce=\"n\"",
        "Digest realm=\"r\", realm=\"x\", nonce=\"n\"",
        "Basic realm=\"r\"",
        "Basic realm=\"r",
    };
    AuthRequest broken = register_request();
    broken.username = "alice\r\n";
    for (const bool secure : {false, true}) {
        for (const std::string &challenge : challenges) {
            for (AuthSession *session : {digest.get(), strict_digest.get(), basic.get()}) {
                (void)session->answer(register_request(secure), {challenge});
                broken.next_hop_secure = secure;
                (void)session->answer(broken, {challenge});
            }
        }
        (void)digest->answer(register_request(secure), challenges);
        (void)basic->answer(register_request(secure), challenges);
    }

    const std::string basic_encoded = "YWxpY2U6VHIwdWI0ZG9yJjMtbmV2ZXItbG9nZ2Vk"; // "alice:" + test_password
    const auto lines = auth.logger.lines();
    size_t plugin_lines = 0;
    for (const auto &line : lines) {
        EXPECT_EQ(line.message.find(test_password), std::string::npos) << line.message;
        EXPECT_EQ(line.message.find(basic_encoded), std::string::npos) << line.message;
        plugin_lines += line.source.starts_with("org.cordon.auth.") ? 1 : 0;
    }
    // The paths above did log (debug lines on every answer and refusal).
    EXPECT_GT(plugin_lines, challenges.size());
}

} // namespace
} // namespace cordon
