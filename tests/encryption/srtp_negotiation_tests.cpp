// SDES offer/answer through encryption-srtp: what it offers, the refusal
// over plain signalling, no acceptable crypto, re-offers that keep the keys
// and contexts, and a peer's new key that re-keys.
#include <gtest/gtest.h>

#include "tests/encryption/encryption_test_support.hpp"

namespace cordon::test {
namespace {

constexpr size_t payload = 160;

class SrtpNegotiation : public testing::Test {
protected:
    void SetUp() override
    {
        loaded_ = load_srtp_plugin();
        ASSERT_NE(loaded_->plugin, nullptr);
    }

    std::unique_ptr<MediaKeyExchange> start(SignallingSecurity security = SignallingSecurity::tls)
    {
        auto exchange = loaded_->plugin->start(security);
        EXPECT_TRUE(exchange.ok());
        return exchange.ok() ? std::move(exchange.value()) : nullptr;
    }

    std::unique_ptr<SrtpPlugin> loaded_;
};

// Sends one RTP packet from sender to receiver; the receiver's result.
Result<size_t> send_rtp(MediaProtection &sender, MediaProtection &receiver, uint16_t sequence)
{
    Packet packet = rtp_packet(sequence, payload);
    auto length = sender.protect_rtp(packet.buffer, packet.length);
    if (!length) {
        return length.error();
    }
    return receiver.unprotect_rtp(packet.buffer, *length);
}

TEST_F(SrtpNegotiation, OffersBothSuitesAesCmFirstUnderRtpSavp)
{
    auto offerer = start();
    ASSERT_TRUE(offerer);
    EXPECT_EQ(offerer->sdp_profile(), "RTP/SAVP");
    EXPECT_EQ(offerer->sdp_attribute(), "crypto");
    auto offer = offerer->offer();
    ASSERT_TRUE(offer.ok()) << offer.error().message;
    ASSERT_EQ(offer->size(), 2u);
    EXPECT_EQ((*offer)[0].rfind("1 AES_CM_128_HMAC_SHA1_80 inline:", 0), 0u) << (*offer)[0];
    EXPECT_EQ((*offer)[1].rfind("2 AEAD_AES_128_GCM inline:", 0), 0u) << (*offer)[1];
    // Base64 of 30 and 28 bytes: 40 characters each.
    EXPECT_EQ((*offer)[0].size(), std::string("1 AES_CM_128_HMAC_SHA1_80 inline:").size() + 40);
    EXPECT_EQ((*offer)[1].size(), std::string("2 AEAD_AES_128_GCM inline:").size() + 40);
    // Two calls never share a key.
    auto other = start()->offer();
    ASSERT_TRUE(other.ok());
    EXPECT_NE((*other)[0], (*offer)[0]);
}

TEST_F(SrtpNegotiation, NoKeysAreWrittenOrTakenOverPlainSignalling)
{
    auto plain = start(SignallingSecurity::plain);
    ASSERT_TRUE(plain);
    auto offer = plain->offer();
    ASSERT_FALSE(offer.ok());
    EXPECT_EQ(offer.error().code, ErrorCode::signalling_not_secure);
    EXPECT_NE(offer.error().message.find("without TLS"), std::string::npos) << offer.error().message;

    auto secure_offer = start()->offer();
    ASSERT_TRUE(secure_offer.ok());
    auto answer = plain->answer(*secure_offer);
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::signalling_not_secure);
    auto accepted = plain->accept_answer({(*secure_offer)[0]});
    ASSERT_FALSE(accepted.ok());
    EXPECT_EQ(accepted.error().code, ErrorCode::signalling_not_secure);
}

TEST_F(SrtpNegotiation, AnOfferOfOnlyUnknownSuitesHasNoAcceptableCrypto)
{
    auto answerer = start();
    auto answer = answerer->answer({"1 AES_CM_128_HMAC_SHA1_32 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
                                    "2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm"});
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::no_acceptable_crypto);
    EXPECT_NE(answer.error().message.find("unknown crypto suite AES_CM_128_HMAC_SHA1_32"), std::string::npos)
        << answer.error().message;
}

TEST_F(SrtpNegotiation, TheAnswerFollowsTheOfferersOrder)
{
    auto offerer = start();
    auto offer = offerer->offer();
    ASSERT_TRUE(offer.ok());
    auto answer = start()->answer({(*offer)[1], (*offer)[0]});
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    ASSERT_EQ(answer->attributes.size(), 1u);
    EXPECT_EQ(answer->attributes[0].rfind("2 AEAD_AES_128_GCM inline:", 0), 0u);
    EXPECT_EQ(answer->protection->suite(), gcm_suite);
}

TEST_F(SrtpNegotiation, AnAnswerMustMatchWhatWasOffered)
{
    auto offerer = start();
    auto early = offerer->accept_answer({"1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"});
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(early.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(early.error().message.find("no offer is waiting"), std::string::npos) << early.error().message;

    ASSERT_TRUE(offerer->offer().ok());
    auto wrong_tag =
        offerer->accept_answer({"2 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"});
    ASSERT_FALSE(wrong_tag.ok());
    EXPECT_EQ(wrong_tag.error().code, ErrorCode::no_acceptable_crypto);
    EXPECT_NE(wrong_tag.error().message.find("tag 2 with AES_CM_128_HMAC_SHA1_80 was not offered"), std::string::npos)
        << wrong_tag.error().message;
    auto two = offerer->accept_answer({"1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
                                       "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"});
    ASSERT_FALSE(two.ok());
    EXPECT_EQ(two.error().code, ErrorCode::invalid_argument);
}

TEST_F(SrtpNegotiation, AReOfferKeepsTheKeysAndTheContexts)
{
    NegotiatedCall call = negotiate(*loaded_->plugin);
    ASSERT_TRUE(call.offerer_protection && call.answerer_protection);
    Packet early = rtp_packet(100, payload);
    auto early_length = call.answerer_protection->protect_rtp(early.buffer, early.length);
    ASSERT_TRUE(early_length.ok());
    const std::vector<uint8_t> early_wire(early.buffer.begin(), early.buffer.begin() + *early_length);
    ASSERT_TRUE(call.offerer_protection->unprotect_rtp(early.buffer, *early_length).ok());

    // Hold, then resume: two re-offers from the same side, the same answer.
    for (int round = 0; round < 2; ++round) {
        auto again = call.offerer->offer();
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(*again, call.offer) << "a re-offer must carry the same keys";
        auto answer = call.answerer->answer(*again);
        ASSERT_TRUE(answer.ok());
        EXPECT_EQ(answer->attributes, call.answer);
        auto accepted = call.offerer->accept_answer(answer->attributes);
        ASSERT_TRUE(accepted.ok());
        ASSERT_TRUE(send_rtp(**accepted, *answer->protection, static_cast<uint16_t>(200 + round)).ok());
        ASSERT_TRUE(send_rtp(*answer->protection, **accepted, static_cast<uint16_t>(300 + round)).ok());
    }
    // The receiving context was kept: its replay window still knows packet 100.
    std::vector<uint8_t> replay = early_wire;
    replay.resize(replay.size() + test_room);
    auto replayed = call.offerer_protection->unprotect_rtp(replay, early_wire.size());
    ASSERT_FALSE(replayed.ok());
    EXPECT_EQ(replayed.error().code, ErrorCode::replayed);
}

TEST_F(SrtpNegotiation, ANewKeyFromThePeerReKeys)
{
    NegotiatedCall call = negotiate(*loaded_->plugin);
    ASSERT_TRUE(call.offerer_protection);
    // The peer re-answers the re-offer from a fresh session: a new key.
    auto reoffer = call.offerer->offer();
    ASSERT_TRUE(reoffer.ok());
    auto new_peer = start();
    auto new_answer = new_peer->answer(*reoffer);
    ASSERT_TRUE(new_answer.ok());
    ASSERT_NE(new_answer->attributes, call.answer);
    auto rekeyed = call.offerer->accept_answer(new_answer->attributes);
    ASSERT_TRUE(rekeyed.ok()) << rekeyed.error().message;

    EXPECT_TRUE(send_rtp(*new_answer->protection, **rekeyed, 500).ok());
    EXPECT_TRUE(send_rtp(**rekeyed, *new_answer->protection, 501).ok());
    // The old key no longer opens anything at the offerer.
    auto old_key = send_rtp(*call.answerer_protection, **rekeyed, 502);
    ASSERT_FALSE(old_key.ok());
    EXPECT_EQ(old_key.error().code, ErrorCode::authentication_failed);
}

} // namespace
} // namespace cordon::test
