// The request-digest itself, through the plugin's static library, with a
// fixed cnonce: RFC 7616 section 3.9.1's vectors, and the variants the RFC
// has no vector for, whose expected values were computed apart from this code
// (Python's hashlib, the formulas of RFC 7616 section 3.4.1 and RFC 2617).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

extern "C" {
#include "auth-digest/digest_response.h"
}

namespace cordon {
namespace {

auth_text text(std::string_view value) { return {value.data(), value.size()}; }

constexpr std::string_view rfc_nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr std::string_view rfc_cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
constexpr std::string_view sdp_body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n";

// The RFC 7616 section 3.9.1 request, with the algorithm, qop, method and URI
// a case changes.
digest_response_input rfc_input(const char *algorithm, digest_qop qop, std::string_view method, std::string_view uri)
{
    digest_response_input input{};
    input.algorithm = digest_algorithm_named(text(algorithm));
    input.qop = qop;
    input.username = text("Mufasa");
    input.realm = text("http-auth@example.org");
    input.password = text("Circle of Life");
    input.nonce = text(rfc_nonce);
    input.cnonce = text(rfc_cnonce);
    input.nonce_count = text("00000001");
    input.method = text(method);
    input.uri = text(uri);
    return input;
}

std::string response_of(const digest_response_input &input)
{
    char response[DIGEST_MAX_HEX_CHARS + 1];
    EXPECT_TRUE(digest_compute_response(&input, response));
    return response;
}

TEST(DigestVectors, Rfc7616Md5)
{
    EXPECT_EQ(response_of(rfc_input("MD5", DIGEST_QOP_AUTH, "GET", "/dir/index.html")),
              "8ca523f5e9506fed4657c9700eebdbec");
}

TEST(DigestVectors, Rfc7616Sha256)
{
    EXPECT_EQ(response_of(rfc_input("SHA-256", DIGEST_QOP_AUTH, "GET", "/dir/index.html")),
              "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST(DigestVectors, Sha512Over256)
{
    EXPECT_EQ(response_of(rfc_input("SHA-512-256", DIGEST_QOP_AUTH, "GET", "/dir/index.html")),
              "430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0");
}

TEST(DigestVectors, AuthIntHashesTheBody)
{
    auto input = rfc_input("SHA-256", DIGEST_QOP_AUTH_INT, "INVITE", "sip:bob@example.org");
    input.body = reinterpret_cast<const uint8_t *>(sdp_body.data());
    input.body_length = sdp_body.size();
    EXPECT_EQ(response_of(input), "560954d7f212a4687675fd45039c3ec505ddfed6ff54a29c665782a3b3fcda8e");
    // One byte of the body changed changes the response.
    const std::string altered = std::string(sdp_body.substr(0, sdp_body.size() - 3)) + "2\r\n";
    input.body = reinterpret_cast<const uint8_t *>(altered.data());
    EXPECT_NE(response_of(input), "560954d7f212a4687675fd45039c3ec505ddfed6ff54a29c665782a3b3fcda8e");
}

TEST(DigestVectors, SessionVariantHashesNonceAndCnonceIntoA1)
{
    EXPECT_EQ(response_of(rfc_input("MD5-sess", DIGEST_QOP_AUTH, "REGISTER", "sip:example.org")),
              "81471fa935d0701a44f3a207a487e663");
}

TEST(DigestVectors, WithoutQopAsRfc2069)
{
    EXPECT_EQ(response_of(rfc_input("MD5", DIGEST_QOP_NONE, "REGISTER", "sip:example.org")),
              "ff2b4f0717f824b7cca1a6c41bb98dac");
}

TEST(DigestVectors, AlgorithmNamesAreCaseInsensitiveAndUnknownOnesAreNotGuessed)
{
    ASSERT_NE(digest_algorithm_named(text("sha-256")), nullptr);
    EXPECT_STREQ(digest_algorithm_named(text("sha-256"))->name, "SHA-256");
    EXPECT_EQ(digest_algorithm_named(text("SHA-1")), nullptr);
    EXPECT_EQ(digest_algorithm_named(text("SHA-256 ")), nullptr);
    EXPECT_EQ(digest_algorithm_named(text("")), nullptr);
}

} // namespace
} // namespace cordon
