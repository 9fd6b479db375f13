// Every way an offered a=crypto value can be refused by encryption-srtp,
// each with its status and its reason, and what is accepted at the edges
// (README.md of the plugin states the choices).
#include <gtest/gtest.h>

#include "cordon/media_encryption.h"
#include "tests/encryption/encryption_test_support.hpp"

namespace cordon::test {
namespace {

// Base64 of 30 bytes (AES-CM key and salt) and of 28 (GCM).
const std::string key30 = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
const std::string key28 = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVuQA==";
const std::string aes = "1 AES_CM_128_HMAC_SHA1_80 inline:";

struct RefusalCase {
    const char *name;
    std::string value;
    ErrorCode code;
    const char *reason;
};

class SdesRefusal : public testing::TestWithParam<RefusalCase> {};

TEST_P(SdesRefusal, IsRefusedWithItsReason)
{
    auto loaded = load_srtp_plugin();
    ASSERT_NE(loaded->plugin, nullptr);
    auto answerer = loaded->plugin->start(SignallingSecurity::tls);
    ASSERT_TRUE(answerer.ok());
    const RefusalCase &refusal = GetParam();
    auto answer = (*answerer)->answer({refusal.value});
    ASSERT_FALSE(answer.ok()) << refusal.value;
    EXPECT_EQ(answer.error().code, refusal.code) << to_string(answer.error().code) << ": " << answer.error().message;
    EXPECT_NE(answer.error().message.find(refusal.reason), std::string::npos) << answer.error().message;
    EXPECT_EQ(answer.error().message.find(key30), std::string::npos) << "a refusal never repeats key material";
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, SdesRefusal,
    testing::Values(
        RefusalCase{"bad_base64", aes + "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubG!z", ErrorCode::malformed_input,
                    "crypto 1: the key is not base64"},
        RefusalCase{"base64_without_padding", "1 AEAD_AES_128_GCM inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVuQA",
                    ErrorCode::malformed_input, "the key is not base64"},
        RefusalCase{"base64_stray_bits", "1 AEAD_AES_128_GCM inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubB==",
                    ErrorCode::malformed_input, "the key is not base64"},
        RefusalCase{"key_too_short", aes + key28, ErrorCode::malformed_input,
                    "the key is 28 bytes; AES_CM_128_HMAC_SHA1_80 needs 30"},
        RefusalCase{"key_too_long", "1 AEAD_AES_128_GCM inline:" + key30, ErrorCode::malformed_input,
                    "the key is 30 bytes; AEAD_AES_128_GCM needs 28"},
        RefusalCase{"tag_zero", "0 AES_CM_128_HMAC_SHA1_80 inline:" + key30, ErrorCode::malformed_input,
                    "the tag is not a decimal from 1 to 999999999"},
        RefusalCase{"tag_too_large", "1000000000 AES_CM_128_HMAC_SHA1_80 inline:" + key30, ErrorCode::malformed_input,
                    "the tag is not a decimal from 1 to 999999999"},
        RefusalCase{"tag_leading_zero", "01 AES_CM_128_HMAC_SHA1_80 inline:" + key30, ErrorCode::malformed_input,
                    "without leading zeros"},
        RefusalCase{"tag_not_digits", "x1 AES_CM_128_HMAC_SHA1_80 inline:" + key30, ErrorCode::malformed_input,
                    "the tag is not"},
        RefusalCase{"suite_not_token", "1 AES-CM inline:" + key30, ErrorCode::malformed_input,
                    "the crypto suite is not a token"},
        RefusalCase{"no_key_params", "1 AES_CM_128_HMAC_SHA1_80", ErrorCode::malformed_input,
                    "no key parameters after the suite"},
        RefusalCase{"lifetime_power_too_large", aes + key30 + "|2^49", ErrorCode::malformed_input,
                    "the key lifetime is not"},
        RefusalCase{"lifetime_not_a_number", aes + key30 + "|2^x", ErrorCode::malformed_input,
                    "the key lifetime is not"},
        RefusalCase{"lifetime_zero", aes + key30 + "|0", ErrorCode::malformed_input, "the key lifetime is not"},
        RefusalCase{"two_lifetimes", aes + key30 + "|2^20|2^20", ErrorCode::malformed_input, "the key lifetime is not"},
        RefusalCase{"after_mki", aes + key30 + "|1:4|2^20", ErrorCode::malformed_input, "something follows the MKI"},
        RefusalCase{"control_byte", aes + key30 + "\x01", ErrorCode::malformed_input, "a control or non-ASCII byte"},
        RefusalCase{"too_many_session_params", aes + key30 + " -A -B -C -D -E -F -G -H -I", ErrorCode::malformed_input,
                    "more than 8 session parameters"}),
    [](const testing::TestParamInfo<RefusalCase> &param) { return std::string(param.param.name); });

INSTANTIATE_TEST_SUITE_P(
    Unacceptable, SdesRefusal,
    testing::Values(RefusalCase{"unknown_suite", "1 AES_256_CM_HMAC_SHA1_80 inline:" + key30,
                                ErrorCode::no_acceptable_crypto, "unknown crypto suite AES_256_CM_HMAC_SHA1_80"},
                    RefusalCase{"mki", aes + key30 + "|2^20|1:4", ErrorCode::no_acceptable_crypto,
                                "the key has an MKI, which is not supported"},
                    RefusalCase{"two_keys", aes + key30 + "|1:4;inline:" + key30, ErrorCode::no_acceptable_crypto,
                                "more than one key"},
                    RefusalCase{"unencrypted_srtp", aes + key30 + " UNENCRYPTED_SRTP", ErrorCode::no_acceptable_crypto,
                                "session parameter UNENCRYPTED_SRTP is not supported"},
                    RefusalCase{"kdr", aes + key30 + " KDR=1", ErrorCode::no_acceptable_crypto,
                                "session parameter KDR=1 is not supported"},
                    RefusalCase{"other_key_method", "1 AES_CM_128_HMAC_SHA1_80 uri:sip:keys.example.com",
                                ErrorCode::no_acceptable_crypto, "the key method is not \"inline:\""}),
    [](const testing::TestParamInfo<RefusalCase> &param) { return std::string(param.param.name); });

TEST(SdesRefusal, AMalformedValueRefusesTheWholeOffer)
{
    auto loaded = load_srtp_plugin();
    auto answerer = loaded->plugin->start(SignallingSecurity::tls);
    ASSERT_TRUE(answerer.ok());
    auto answer = (*answerer)->answer({aes + key30, "2 AEAD_AES_128_GCM inline:" + key30});
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::malformed_input);
    EXPECT_NE(answer.error().message.find("crypto 2: the key is 30 bytes"), std::string::npos)
        << answer.error().message;
}

TEST(SdesRefusal, TheHostRefusesValuesPastTheAbiLimits)
{
    auto loaded = load_srtp_plugin();
    auto answerer = loaded->plugin->start(SignallingSecurity::tls);
    ASSERT_TRUE(answerer.ok());
    auto too_long = (*answerer)->answer({aes + key30 + " -" + std::string(CORDON_MEDIA_ATTRIBUTE_BYTES, 'X')});
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code, ErrorCode::malformed_input);
    EXPECT_NE(too_long.error().message.find("longer than 255 bytes"), std::string::npos) << too_long.error().message;
    auto too_many = (*answerer)->answer(std::vector<std::string>(CORDON_MEDIA_MAX_ATTRIBUTES + 1, aes + key30));
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().code, ErrorCode::malformed_input);
    auto with_nul = (*answerer)->answer({aes + key30 + std::string(1, '\0')});
    ASSERT_FALSE(with_nul.ok());
    EXPECT_EQ(with_nul.error().code, ErrorCode::malformed_input);
}

TEST(SdesRefusal, WhatTheGrammarAllowsIsAccepted)
{
    auto loaded = load_srtp_plugin();
    for (const std::string &value :
         {aes + key30 + "|2^31", aes + key30 + "|1048576", "999999999\tAES_CM_128_HMAC_SHA1_80  inline:" + key30,
          aes + key30 + " -FEC_ORDER=FEC_SRTP -WSH=64", "7 AEAD_AES_128_GCM inline:" + key28}) {
        auto answerer = loaded->plugin->start(SignallingSecurity::tls);
        ASSERT_TRUE(answerer.ok());
        auto answer = (*answerer)->answer({value});
        ASSERT_TRUE(answer.ok()) << value << ": " << answer.error().message;
        // The answer keeps the offer's tag.
        EXPECT_EQ(answer->attributes[0].substr(0, value.find_first_of(" \t")),
                  value.substr(0, value.find_first_of(" \t")));
    }
}

} // namespace
} // namespace cordon::test
