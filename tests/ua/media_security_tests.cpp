// media.encryption applied to offers and answers (host/src/ua/media_security):
// which profile and keys an offer carries, which offers and answers each mode
// accepts, and the refusals, against a fake key exchange.
#include <gtest/gtest.h>

#include "ua/media_security.hpp"

namespace cordon::ua {
namespace {

const std::string fake_profile = "RTP/SAVP";
const std::string fake_attribute = "crypto";
const std::string our_key = "1 FAKE_SUITE inline:ours";
const std::string acceptable_key = "1 FAKE_SUITE inline:theirs";
const std::string unacceptable_key = "1 OTHER_SUITE inline:theirs";

class FakeProtection final : public MediaProtection {
public:
    const std::string &suite() const override { return suite_; }
    size_t max_overhead() const override { return 0; }
    Result<size_t> protect_rtp(std::span<uint8_t>, size_t length) override { return length; }
    Result<size_t> unprotect_rtp(std::span<uint8_t>, size_t length) override { return length; }
    Result<size_t> protect_rtcp(std::span<uint8_t>, size_t length) override { return length; }
    Result<size_t> unprotect_rtcp(std::span<uint8_t>, size_t length) override { return length; }

private:
    std::string suite_ = "FAKE_SUITE";
};

bool acceptable(const std::vector<std::string> &values)
{
    return std::find(values.begin(), values.end(), acceptable_key) != values.end();
}

class FakeKeyExchange final : public MediaKeyExchange {
public:
    const std::string &sdp_profile() const override { return fake_profile; }
    const std::string &sdp_attribute() const override { return fake_attribute; }
    Result<std::vector<std::string>> offer() override { return std::vector<std::string>{our_key}; }
    Result<std::shared_ptr<MediaProtection>> accept_answer(const std::vector<std::string> &answer) override
    {
        if (!acceptable(answer)) {
            return Error{ErrorCode::no_acceptable_crypto, "not the suite offered"};
        }
        return std::shared_ptr<MediaProtection>(std::make_shared<FakeProtection>());
    }
    Result<Answer> answer(const std::vector<std::string> &offer) override
    {
        if (!acceptable(offer)) {
            return Error{ErrorCode::no_acceptable_crypto, "no suite this plugin knows"};
        }
        return Answer{{our_key}, std::make_shared<FakeProtection>()};
    }
};

class FakePlugin final : public MediaEncryptionPlugin {
public:
    const std::string &id() const override { return id_; }
    const std::string &sdp_profile() const override { return fake_profile; }
    size_t max_overhead() const override { return 0; }
    Result<std::unique_ptr<MediaKeyExchange>> start(SignallingSecurity security) const override
    {
        if (security != SignallingSecurity::tls) {
            return Error{ErrorCode::signalling_not_secure, "keys only over TLS"};
        }
        return std::unique_ptr<MediaKeyExchange>(std::make_unique<FakeKeyExchange>());
    }

private:
    std::string id_ = "test.fake-encryption";
};

sip::SessionDescription description(const std::string &profile, std::vector<std::string> crypto = {})
{
    sip::SessionDescription sdp;
    sdp.audio_profile = profile;
    sdp.crypto = std::move(crypto);
    return sdp;
}

const FakePlugin plugin;

const sip::NextHopSecurity verified_tls{true, "tls"};
const sip::NextHopSecurity plain_tcp{false, "tcp"};
const sip::NextHopSecurity unverified_tls{false, "tls whose server was not verified (tls.verify = false)"};

MediaSecurity started(MediaEncryption mode, const sip::NextHopSecurity &next_hop = verified_tls)
{
    auto security = MediaSecurity::start(mode, &plugin, next_hop);
    EXPECT_TRUE(security.ok()) << security.error().message;
    return std::move(*security);
}

TEST(MediaSecurity, RequiredWithoutAPluginIsRefusedNamingTheBuiltInOne)
{
    auto security = MediaSecurity::start(MediaEncryption::required, nullptr, verified_tls);
    ASSERT_FALSE(security.ok());
    EXPECT_EQ(security.error().code, ErrorCode::unavailable);
    EXPECT_NE(security.error().message.find("encryption-srtp"), std::string::npos);
}

TEST(MediaSecurity, RequiredOverPlainSignallingIsRefusedBeforeAnyKeyExists)
{
    auto security = MediaSecurity::start(MediaEncryption::required, &plugin, plain_tcp);
    ASSERT_FALSE(security.ok());
    EXPECT_NE(security.error().message.find("next hop is tcp, not an authenticated TLS server"), std::string::npos)
        << security.error().message;
}

TEST(MediaSecurity, RequiredOverUnverifiedTlsIsRefusedNamingTheSetting)
{
    auto security = MediaSecurity::start(MediaEncryption::required, &plugin, unverified_tls);
    ASSERT_FALSE(security.ok());
    EXPECT_EQ(security.error().code, ErrorCode::unavailable);
    EXPECT_NE(security.error().message.find("tls.verify = false"), std::string::npos) << security.error().message;
}

TEST(MediaSecurity, OptionalOverUnverifiedTlsOffersNoKeys)
{
    MediaSecurity security = started(MediaEncryption::optional, unverified_tls);
    auto offer = description("RTP/AVP");
    ASSERT_TRUE(security.add_to_offer(offer).ok());
    EXPECT_EQ(offer.audio_profile, "RTP/AVP");
    EXPECT_TRUE(offer.crypto.empty());
}

TEST(MediaSecurity, RequiredOffersTheSecureProfileWithKeysAndNeedsKeysBack)
{
    MediaSecurity security = started(MediaEncryption::required);
    auto offer = description("RTP/AVP");
    ASSERT_TRUE(security.add_to_offer(offer).ok());
    EXPECT_EQ(offer.audio_profile, "RTP/SAVP");
    EXPECT_EQ(offer.crypto, std::vector<std::string>{our_key});

    auto plain_answer = security.accept_answer(description("RTP/SAVP"));
    ASSERT_FALSE(plain_answer.ok());
    EXPECT_EQ(plain_answer.error().code, ErrorCode::no_acceptable_crypto);
    auto keyed_answer = security.accept_answer(description("RTP/SAVP", {acceptable_key}));
    ASSERT_TRUE(keyed_answer.ok()) << keyed_answer.error().message;
    EXPECT_NE(keyed_answer.value(), nullptr);
}

TEST(MediaSecurity, OptionalOffersKeysUnderThePlainProfileAndAcceptsAPlainAnswer)
{
    MediaSecurity security = started(MediaEncryption::optional);
    auto offer = description("RTP/AVP");
    ASSERT_TRUE(security.add_to_offer(offer).ok());
    EXPECT_EQ(offer.audio_profile, "RTP/AVP");
    EXPECT_EQ(offer.crypto, std::vector<std::string>{our_key});
    auto plain_answer = security.accept_answer(description("RTP/AVP"));
    ASSERT_TRUE(plain_answer.ok());
    EXPECT_EQ(plain_answer.value(), nullptr);
}

TEST(MediaSecurity, OptionalOverPlainSignallingOffersNoKeys)
{
    MediaSecurity security = started(MediaEncryption::optional, plain_tcp);
    auto offer = description("RTP/SAVP", {"left over"});
    ASSERT_TRUE(security.add_to_offer(offer).ok());
    EXPECT_EQ(offer.audio_profile, "RTP/AVP");
    EXPECT_TRUE(offer.crypto.empty());
}

TEST(MediaSecurity, OffNeverOffersKeysAndRefusesASecureOffer)
{
    MediaSecurity security = started(MediaEncryption::off);
    auto offer = description("RTP/AVP");
    ASSERT_TRUE(security.add_to_offer(offer).ok());
    EXPECT_TRUE(offer.crypto.empty());
    EXPECT_FALSE(security.check_offer(description("RTP/SAVP", {acceptable_key})).ok());
    EXPECT_TRUE(security.check_offer(description("RTP/AVP")).ok());
}

TEST(MediaSecurity, RequiredAnswererRefusesOffersWithoutUsableKeys)
{
    MediaSecurity security = started(MediaEncryption::required);
    const auto no_keys = security.check_offer(description("RTP/AVP"));
    ASSERT_FALSE(no_keys.ok());
    EXPECT_EQ(no_keys.error().code, ErrorCode::unsupported);

    sip::SessionDescription answer;
    auto refused = security.answer_offer(description("RTP/SAVP", {unacceptable_key}), answer);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::unsupported) << "answered 488";

    auto accepted = security.answer_offer(description("RTP/SAVP", {unacceptable_key, acceptable_key}), answer);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_NE(accepted.value(), nullptr);
    EXPECT_EQ(answer.crypto, std::vector<std::string>{our_key});
}

TEST(MediaSecurity, OptionalAnswererFallsBackToPlainOnlyUnderThePlainProfile)
{
    MediaSecurity security = started(MediaEncryption::optional);
    sip::SessionDescription answer;
    auto plain = security.answer_offer(description("RTP/AVP", {unacceptable_key}), answer);
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(plain.value(), nullptr);
    EXPECT_TRUE(answer.crypto.empty());

    auto secure_only = security.answer_offer(description("RTP/SAVP", {unacceptable_key}), answer);
    EXPECT_FALSE(secure_only.ok()) << "RTP/SAVP cannot be answered with plain RTP";
}

} // namespace
} // namespace cordon::ua
