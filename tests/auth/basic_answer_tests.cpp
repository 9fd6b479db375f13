// The Basic plugin as the host loads it: answered over TLS only.
#include <gtest/gtest.h>

#include "tests/auth/auth_test_support.hpp"

namespace cordon {
namespace {

using test::builtin_auth;
using test::register_request;
using test::session_of;

const AuthPlugin &basic()
{
    const AuthPlugin *plugin = builtin_auth().basic;
    EXPECT_NE(plugin, nullptr);
    return *plugin;
}

size_t lines_containing(std::string_view fragment)
{
    size_t count = 0;
    for (const auto &line : builtin_auth().logger.lines()) {
        count += line.message.find(fragment) != std::string::npos ? 1 : 0;
    }
    return count;
}

TEST(BasicPlugin, RefusesWithoutTlsAndSaysWhyInOneWarning)
{
    auto session = session_of(basic());
    const size_t warnings_before = lines_containing("basic: not answering");
    auto answer = session->answer(register_request(false), {"Basic realm=\"WallyWorld\""});
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::unsupported);
    EXPECT_NE(answer.error().message.find("Basic credentials are sent only to a verified TLS next hop"),
              std::string::npos)
        << answer.error().message;
    EXPECT_EQ(lines_containing("basic: not answering"), warnings_before + 1);
    bool warned = false;
    for (const auto &line : builtin_auth().logger.lines()) {
        if (line.message.find("basic: not answering") != std::string::npos) {
            warned = line.level == LogLevel::warning && line.source == "org.cordon.auth.basic" &&
                     line.message.find("Basic would send the password to whoever it is") != std::string::npos;
        }
    }
    EXPECT_TRUE(warned);
}

TEST(BasicPlugin, AnswersOverTls)
{
    auto session = session_of(basic());
    AuthRequest request = register_request(true);
    request.username = "Aladdin";
    request.password = "open sesame";
    auto answer = session->answer(request, {"Basic realm=\"WallyWorld\", charset=\"UTF-8\""});
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    EXPECT_EQ(answer->header_value, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="); // RFC 7617 section 2
    EXPECT_EQ(answer->realm, "WallyWorld");
    EXPECT_EQ(answer->algorithm, "");
    EXPECT_EQ(answer->chosen, 0u);
}

TEST(BasicPlugin, AnswersTheFirstChallengeThatReads)
{
    auto session = session_of(basic());
    auto answer = session->answer(register_request(true), {"Basic charset=\"UTF-8\"", "Basic realm=\"second\""});
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    EXPECT_EQ(answer->chosen, 1u);
    EXPECT_EQ(answer->realm, "second");
}

TEST(BasicPlugin, RefusesWhatBasicCannotCarry)
{
    auto session = session_of(basic());
    const auto refused = [&](AuthRequest request, const char *fragment) {
        auto answer = session->answer(request, {"Basic realm=\"r\""});
        ASSERT_FALSE(answer.ok());
        EXPECT_EQ(answer.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(answer.error().message.find(fragment), std::string::npos) << answer.error().message;
    };
    AuthRequest request = register_request(true);
    request.username = "ali:ce";
    refused(request, "contains ':'");
    request.username = "alice\r\n";
    refused(request, "username contains a control character");
    request = register_request(true);
    request.password += "\x7f";
    refused(request, "password contains a control character");
}

TEST(BasicPlugin, RefusesMalformedChallengesAndOtherCharsets)
{
    auto session = session_of(basic());
    for (const char *challenge : {"Basic charset=\"UTF-8\"", "Basic realm=\"r\", charset=\"latin1\"", "Basic realm=\"r",
                                  "Basic realm=\"r\", realm=\"s\"", "Digest realm=\"r\""}) {
        auto answer = session->answer(register_request(true), {challenge});
        ASSERT_FALSE(answer.ok()) << challenge;
        EXPECT_EQ(answer.error().code, ErrorCode::malformed_input) << challenge;
    }
}

TEST(BasicPlugin, TakesNoParameters)
{
    auto created = basic().create({{"refuse_md5", "true"}});
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(created.error().message.find("Basic takes no parameters"), std::string::npos) << created.error().message;
}

} // namespace
} // namespace cordon
