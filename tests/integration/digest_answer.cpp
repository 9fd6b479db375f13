#include "tests/integration/digest_answer.hpp"

#include "tests/integration/sip_test_client.hpp"

#include <openssl/evp.h>

#include <cstdio>

namespace cordon::test {

namespace {

constexpr std::string_view nonce_count = "00000001";
constexpr std::string_view client_nonce = "cordon-test-cnonce";

} // namespace

std::string hex_digest(DigestAlgorithm algorithm, std::string_view text)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const EVP_MD *type = algorithm == DigestAlgorithm::sha256 ? EVP_sha256() : EVP_md5();
    if (EVP_Digest(text.data(), text.size(), digest, &length, type, nullptr) != 1) {
        return {};
    }
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", digest[i]);
        hex += pair;
    }
    return hex;
}

std::optional<std::string> answer_digest(std::string_view challenge, const SipUser &user, std::string_view method,
                                         std::string_view uri)
{
    const auto realm = auth_parameter(challenge, "realm");
    const auto nonce = auth_parameter(challenge, "nonce");
    if (!challenge.starts_with("Digest ") || !realm || !nonce) {
        return std::nullopt;
    }
    const std::string algorithm_name = auth_parameter(challenge, "algorithm").value_or("MD5");
    const DigestAlgorithm algorithm = algorithm_name == "SHA-256" ? DigestAlgorithm::sha256 : DigestAlgorithm::md5;
    const bool qop_auth = auth_parameter(challenge, "qop").value_or("").find("auth") != std::string::npos;

    const std::string ha1 = hex_digest(algorithm, user.name + ":" + *realm + ":" + user.password);
    const std::string ha2 = hex_digest(algorithm, std::string(method) + ":" + std::string(uri));
    const std::string response = qop_auth ? hex_digest(algorithm, ha1 + ":" + *nonce + ":" + std::string(nonce_count) +
                                                                      ":" + std::string(client_nonce) + ":auth:" + ha2)
                                          : hex_digest(algorithm, ha1 + ":" + *nonce + ":" + ha2);

    std::string answer = "Digest username=\"" + user.name + "\", realm=\"" + *realm + "\", nonce=\"" + *nonce +
                         "\", uri=\"" + std::string(uri) + "\", response=\"" + response +
                         "\", algorithm=" + algorithm_name;
    if (qop_auth) {
        answer += ", qop=auth, nc=" + std::string(nonce_count) + ", cnonce=\"" + std::string(client_nonce) + "\"";
    }
    if (const auto opaque = auth_parameter(challenge, "opaque")) {
        answer += ", opaque=\"" + *opaque + "\"";
    }
    return answer;
}

} // namespace cordon::test
