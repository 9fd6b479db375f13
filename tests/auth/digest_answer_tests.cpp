// The Digest plugin as the host loads it: challenges as servers send them,
// answers read back and their responses recomputed independently.
#include <gtest/gtest.h>

#include "cordon/host/settings.hpp"
#include "tests/auth/auth_test_support.hpp"

namespace cordon {
namespace {

using test::answer_params;
using test::builtin_auth;
using test::expected_response;
using test::register_request;
using test::session_of;

// As Kamailio's auth module sends it (www_challenge with qop "auth").
const std::string kamailio_challenge =
    "Digest realm=\"sip.example.com\", nonce=\"Z4X8aGeF3wz1m0Uq2Hc6cC8B1e+kJ0Dh\", qop=\"auth\"";

const AuthPlugin &digest()
{
    const AuthPlugin *plugin = builtin_auth().digest;
    EXPECT_NE(plugin, nullptr);
    return *plugin;
}

// Answers and checks that the answer reads back and its response is right.
std::map<std::string, std::string> answered(AuthSession &session, const AuthRequest &request,
                                            const std::vector<std::string> &challenges, AuthAnswer *out = nullptr)
{
    auto answer = session.answer(request, challenges);
    EXPECT_TRUE(answer.ok()) << answer.error().message;
    if (!answer.ok()) {
        return {};
    }
    auto params = answer_params(answer->header_value);
    EXPECT_FALSE(params.empty()) << answer->header_value;
    if (params.empty()) {
        return {};
    }
    EXPECT_EQ(params.at("response"), expected_response(params, request)) << answer->header_value;
    if (out != nullptr) {
        *out = *answer;
    }
    return params;
}

TEST(DigestPlugin, IsLoadedAndTriedBeforeBasic)
{
    const auto plugins = builtin_auth().registry->auth_plugins();
    ASSERT_GE(plugins.size(), 2u);
    EXPECT_EQ(plugins[0]->id(), "org.cordon.auth.digest");
    EXPECT_EQ(plugins[0]->scheme(), "Digest");
    EXPECT_EQ(plugins[0]->preference(), 100u);
    EXPECT_EQ(plugins[1]->id(), "org.cordon.auth.basic");
    EXPECT_EQ(plugins[1]->scheme(), "Basic");
}

TEST(DigestPlugin, AnswersAKamailioChallenge)
{
    auto session = session_of(digest());
    const AuthRequest request = register_request();
    AuthAnswer answer;
    const auto params = answered(*session, request, {kamailio_challenge}, &answer);
    ASSERT_FALSE(params.empty());
    EXPECT_EQ(params.at("username"), "alice");
    EXPECT_EQ(params.at("realm"), "sip.example.com");
    EXPECT_EQ(params.at("nonce"), "Z4X8aGeF3wz1m0Uq2Hc6cC8B1e+kJ0Dh");
    EXPECT_EQ(params.at("uri"), "sip:sip.example.com");
    EXPECT_EQ(params.at("algorithm"), "MD5");
    EXPECT_EQ(params.at("qop"), "auth");
    EXPECT_EQ(params.at("nc"), "00000001");
    EXPECT_EQ(params.at("cnonce").size(), 32u);
    EXPECT_FALSE(params.contains("opaque"));
    EXPECT_EQ(answer.chosen, 0u);
    EXPECT_EQ(answer.realm, "sip.example.com");
    EXPECT_EQ(answer.algorithm, "MD5");
    EXPECT_FALSE(answer.stale);
}

TEST(DigestPlugin, AnswersA407AsA401)
{
    auto session = session_of(digest());
    AuthRequest request = register_request();
    request.method = "INVITE";
    request.request_uri = "sip:bob@example.com";
    request.from_proxy = true;
    const auto params = answered(*session, request, {kamailio_challenge});
    ASSERT_FALSE(params.empty());
    EXPECT_EQ(params.at("uri"), "sip:bob@example.com");
}

TEST(DigestPlugin, ChoosesTheStrongestAlgorithmOffered)
{
    auto session = session_of(digest());
    const std::vector<std::string> challenges = {
        "Digest realm=\"a.example\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"",
        "Digest realm=\"a.example\", nonce=\"n2\", algorithm=SHA-512-256, qop=\"auth\"",
        "Digest realm=\"a.example\", nonce=\"n3\", algorithm=SHA-256, qop=\"auth\"",
    };
    AuthAnswer answer;
    const auto params = answered(*session, register_request(), challenges, &answer);
    ASSERT_FALSE(params.empty());
    EXPECT_EQ(answer.chosen, 1u);
    EXPECT_EQ(answer.algorithm, "SHA-512-256");
    EXPECT_EQ(params.at("nonce"), "n2");
    EXPECT_EQ(params.at("response").size(), 64u);
}

TEST(DigestPlugin, AnswersSha256AndTheSessVariants)
{
    auto session = session_of(digest());
    for (const char *algorithm : {"SHA-256", "sha-256-SESS", "MD5-sess", "SHA-512-256-sess"}) {
        AuthAnswer answer;
        const auto params = answered(
            *session, register_request(),
            {std::string("Digest realm=\"r\", nonce=\"n-") + algorithm + "\", qop=\"auth\", algorithm=" + algorithm},
            &answer);
        EXPECT_FALSE(params.empty()) << algorithm;
    }
}

TEST(DigestPlugin, RefusesMd5UnderTheSetting)
{
    Settings settings;
    settings.profile.refuse_md5 = true;
    auto session = session_of(digest(), auth_params_from_settings(settings, digest()));

    auto refused = session->answer(register_request(), {kamailio_challenge});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::unsupported);
    EXPECT_NE(refused.error().message.find("MD5 is refused by policy"), std::string::npos) << refused.error().message;

    auto sess = session->answer(register_request(), {"Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess, qop=auth"});
    ASSERT_FALSE(sess.ok());
    EXPECT_EQ(sess.error().code, ErrorCode::unsupported);

    AuthAnswer answer;
    const std::vector<std::string> both = {kamailio_challenge,
                                           "Digest realm=\"sip.example.com\", nonce=\"n\", algorithm=SHA-256"};
    EXPECT_FALSE(answered(*session, register_request(), both, &answer).empty());
    EXPECT_EQ(answer.chosen, 1u);
}

TEST(DigestPlugin, AnswersMd5ByDefault)
{
    EXPECT_EQ(auth_params_from_settings(Settings{}, digest()), (AuthParams{{"refuse_md5", "false"}}));
    EXPECT_TRUE(auth_params_from_settings(Settings{}, *builtin_auth().basic).empty());
}

TEST(DigestPlugin, HashesTheBodyWhenOnlyAuthIntIsOffered)
{
    auto session = session_of(digest());
    AuthRequest request = register_request();
    request.method = "INVITE";
    const std::string body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n";
    request.body = std::span(reinterpret_cast<const uint8_t *>(body.data()), body.size());
    const auto only_int = answered(*session, request, {"Digest realm=\"r\", nonce=\"n1\", qop=\"auth-int\""});
    ASSERT_FALSE(only_int.empty());
    EXPECT_EQ(only_int.at("qop"), "auth-int");

    // Both offered: auth, since intermediaries may rewrite a body (README.md).
    const auto both = answered(*session, request, {"Digest realm=\"r\", nonce=\"n2\", qop=\"auth-int, auth\""});
    ASSERT_FALSE(both.empty());
    EXPECT_EQ(both.at("qop"), "auth");
}

TEST(DigestPlugin, CountsPerNonce)
{
    auto session = session_of(digest());
    const std::string first = "Digest realm=\"r\", nonce=\"first\", qop=\"auth\"";
    const std::string second = "Digest realm=\"r\", nonce=\"second\", qop=\"auth\"";
    const auto a = answered(*session, register_request(), {first});
    const auto b = answered(*session, register_request(), {first});
    const auto c = answered(*session, register_request(), {second});
    const auto d = answered(*session, register_request(), {first});
    ASSERT_FALSE(a.empty() || b.empty() || c.empty() || d.empty());
    EXPECT_EQ(a.at("nc"), "00000001");
    EXPECT_EQ(b.at("nc"), "00000002");
    EXPECT_EQ(c.at("nc"), "00000001");
    EXPECT_EQ(d.at("nc"), "00000003");
    EXPECT_NE(a.at("cnonce"), b.at("cnonce"));

    // Another session keeps its own counts.
    auto other = session_of(digest());
    EXPECT_EQ(answered(*other, register_request(), {first}).at("nc"), "00000001");
}

TEST(DigestPlugin, ReportsAStaleNonce)
{
    auto session = session_of(digest());
    AuthAnswer answer;
    answered(*session, register_request(), {"Digest realm=\"r\", nonce=\"new\", stale=TRUE, qop=\"auth\""}, &answer);
    EXPECT_TRUE(answer.stale);
    answered(*session, register_request(), {"Digest realm=\"r\", nonce=\"new2\", stale=false, qop=\"auth\""}, &answer);
    EXPECT_FALSE(answer.stale);
}

TEST(DigestPlugin, AnswersWithoutQopAsRfc2069)
{
    auto session = session_of(digest());
    const auto params = answered(*session, register_request(), {"Digest realm=\"r\", nonce=\"n\""});
    ASSERT_FALSE(params.empty());
    EXPECT_FALSE(params.contains("qop"));
    EXPECT_FALSE(params.contains("cnonce"));
    EXPECT_FALSE(params.contains("nc"));
}

TEST(DigestPlugin, EchoesOpaqueAndQuotesWhatNeedsIt)
{
    auto session = session_of(digest());
    AuthRequest request = register_request();
    request.username = "al\"ice\\";
    AuthAnswer answer;
    const auto params = answered(
        *session, request, {"Digest realm=\"r \\\"q\\\"\", nonce=\"n\\\\1\", opaque=\"o\\\"p\", qop=auth"}, &answer);
    ASSERT_FALSE(params.empty());
    EXPECT_EQ(params.at("username"), "al\"ice\\");
    EXPECT_EQ(params.at("realm"), "r \"q\"");
    EXPECT_EQ(params.at("nonce"), "n\\1");
    EXPECT_EQ(params.at("opaque"), "o\"p");
    EXPECT_NE(answer.header_value.find("username=\"al\\\"ice\\\\\""), std::string::npos) << answer.header_value;
    EXPECT_NE(answer.header_value.find("opaque=\"o\\\"p\""), std::string::npos) << answer.header_value;
    EXPECT_EQ(answer.realm, "r \"q\"");
}

TEST(DigestPlugin, SkipsAnUnanswerableChallengeAndAnswersTheNext)
{
    auto session = session_of(digest());
    for (const char *unusable :
         {"Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1", "Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"",
          "Digest realm=\"r\" nonce=\"n\""}) {
        AuthAnswer answer;
        EXPECT_FALSE(answered(*session, register_request(),
                              {unusable, "Digest realm=\"r\", nonce=\"n2\", algorithm=MD5"}, &answer)
                         .empty())
            << unusable;
        EXPECT_EQ(answer.chosen, 1u) << unusable;
    }
}

TEST(DigestPlugin, RefusesCredentialsThatWouldInjectHeaders)
{
    auto session = session_of(digest());
    const auto refused = [&](AuthRequest request, const char *fragment) {
        auto answer = session->answer(request, {kamailio_challenge});
        ASSERT_FALSE(answer.ok());
        EXPECT_EQ(answer.error().code, ErrorCode::invalid_argument);
        EXPECT_NE(answer.error().message.find(fragment), std::string::npos) << answer.error().message;
    };
    AuthRequest request = register_request();
    request.username = "alice\r\nVia: SIP/2.0/UDP evil";
    refused(request, "username contains a control character");
    request = register_request();
    request.request_uri = "sip:a@b\nRoute: <sip:evil>";
    refused(request, "request URI contains a control character");
    request = register_request();
    request.username = "al\xC0\xAFice";
    refused(request, "not valid UTF-8");
    request = register_request();
    request.method = "REGISTER X";
    refused(request, "method is not a token");
    request = register_request();
    request.password = std::string("sec\0ret", 7);
    refused(request, "password contains a NUL byte");
}

TEST(DigestPlugin, AnswersAUtf8Username)
{
    auto session = session_of(digest());
    AuthRequest request = register_request();
    request.username = "J\xC3\xA4s\xC3\xB8n";
    const auto params = answered(*session, request, {kamailio_challenge});
    ASSERT_FALSE(params.empty());
    EXPECT_EQ(params.at("username"), request.username);
}

} // namespace
} // namespace cordon
