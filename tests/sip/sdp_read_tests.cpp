// read_sdp and write_sdp on bodies real user agents send, and on what Cordon
// writes itself: every description Cordon writes reads back unchanged.
#include <gtest/gtest.h>

#include "tests/sip/sdp_test_bodies.hpp"
#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip::test {
namespace {

SessionDescription read_ok(const std::string &body)
{
    auto read = read_sdp(body);
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
    return read.ok() ? read.value() : SessionDescription{};
}

void expect_codec(const MediaCodec &codec, int payload_type, const char *name, std::uint32_t rate,
                  std::uint32_t channels, const char *fmtp)
{
    EXPECT_EQ(codec.payload_type, payload_type);
    EXPECT_EQ(codec.encoding_name, name);
    EXPECT_EQ(codec.clock_rate, rate);
    EXPECT_EQ(codec.channels, channels);
    EXPECT_EQ(codec.fmtp, fmtp);
}

TEST(SdpRead, ReadsABaresipOffer)
{
    const auto offer = read_ok(baresip_offer);
    EXPECT_EQ(offer.origin_username, "-");
    EXPECT_EQ(offer.session_id, 1402353574u);
    EXPECT_EQ(offer.session_version, 1854829154u);
    EXPECT_EQ(offer.origin_address, "192.0.2.10");
    EXPECT_EQ(offer.connection_address, "192.0.2.10");
    EXPECT_EQ(offer.audio_port, 10814);
    EXPECT_EQ(offer.audio_profile, "RTP/AVP");
    ASSERT_EQ(offer.codecs.size(), 4u);
    expect_codec(offer.codecs[0], 96, "opus", 48000, 2, "stereo=1;sprop-stereo=1;useinbandfec=1");
    expect_codec(offer.codecs[1], 0, "PCMU", 8000, 1, "");
    expect_codec(offer.codecs[2], 8, "PCMA", 8000, 1, "");
    expect_codec(offer.codecs[3], 101, "telephone-event", 8000, 1, "0-15");
    EXPECT_EQ(offer.ptime_ms, 20u);
    EXPECT_EQ(offer.direction, MediaDirection::sendrecv);
    EXPECT_EQ(offer.audio_index, 0u);
    EXPECT_TRUE(offer.other_media.empty());
}

TEST(SdpRead, ReadsALinphoneOfferWithStaticTypesAndAMediaLevelAddress)
{
    const auto offer = read_ok(linphone_offer);
    EXPECT_EQ(offer.connection_address, "198.51.100.4"); // media level wins
    ASSERT_EQ(offer.codecs.size(), 5u);
    expect_codec(offer.codecs[0], 96, "opus", 48000, 2, "useinbandfec=1");
    expect_codec(offer.codecs[1], 0, "PCMU", 8000, 1, "");
    expect_codec(offer.codecs[2], 8, "PCMA", 8000, 1, "");
    expect_codec(offer.codecs[3], 101, "telephone-event", 48000, 1, "");
    expect_codec(offer.codecs[4], 97, "telephone-event", 8000, 1, "");
    EXPECT_FALSE(offer.ptime_ms.has_value());
}

TEST(SdpRead, TakesTheRtcpPortOfRfc3605AtTheStreamsAddressOnly)
{
    const std::string body = crlf(R"(v=0
o=- 1 1 IN IP4 192.0.2.1
s=-
c=IN IP4 192.0.2.1
t=0 0
m=audio 4000 RTP/AVP 0
a=rtcp:4017 IN IP4 192.0.2.1
)");
    const auto read = read_sdp(body);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->rtcp_port, std::optional<std::uint16_t>(4017));
    const auto without = read_sdp(replaced(body, "a=rtcp:4017 IN IP4 192.0.2.1\r\n", ""));
    ASSERT_TRUE(without.ok());
    EXPECT_FALSE(without->rtcp_port) << "RTCP goes to the next port";
    const auto port_only = read_sdp(replaced(body, " IN IP4 192.0.2.1\r\nm", "\r\nm"));
    ASSERT_TRUE(port_only.ok());
    EXPECT_EQ(port_only->rtcp_port, std::optional<std::uint16_t>(4017));
}

TEST(SdpRead, KnowsTheStaticAudioTypesWithoutRtpmap)
{
    const auto offer = read_ok(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                                    "m=audio 4000 RTP/AVP 8 0 9 18\n"));
    ASSERT_EQ(offer.codecs.size(), 4u);
    expect_codec(offer.codecs[0], 8, "PCMA", 8000, 1, "");
    expect_codec(offer.codecs[1], 0, "PCMU", 8000, 1, "");
    expect_codec(offer.codecs[2], 9, "G722", 8000, 1, "");
    expect_codec(offer.codecs[3], 18, "G729", 8000, 1, "");
}

TEST(SdpRead, KeepsOtherStreamsByPositionAndTheAudioCrypto)
{
    const auto offer = read_ok(audio_video_offer);
    EXPECT_EQ(offer.origin_address, "2001:db8::7");
    EXPECT_EQ(offer.connection_address, "2001:db8::7");
    EXPECT_EQ(offer.audio_index, 1u);
    ASSERT_EQ(offer.other_media.size(), 1u);
    EXPECT_EQ(offer.other_media[0].media, "video");
    EXPECT_EQ(offer.other_media[0].protocol, "RTP/SAVP");
    EXPECT_EQ(offer.other_media[0].format, "99");
    EXPECT_EQ(offer.audio_profile, "RTP/SAVP");
    ASSERT_EQ(offer.crypto.size(), 1u);
    EXPECT_EQ(offer.crypto[0], "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32");
}

TEST(SdpRead, TakesTheSessionLevelDirectionUnlessTheMediaSaysOtherwise)
{
    const std::string head = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=sendonly\n";
    EXPECT_EQ(read_ok(crlf(head + "m=audio 4000 RTP/AVP 0\n")).direction, MediaDirection::sendonly);
    EXPECT_EQ(read_ok(crlf(head + "m=audio 4000 RTP/AVP 0\na=inactive\n")).direction, MediaDirection::inactive);
}

TEST(SdpRead, AcceptsLfLineEnds)
{
    std::string body = baresip_offer;
    for (auto at = body.find("\r\n"); at != std::string::npos; at = body.find("\r\n", at)) {
        body.erase(at, 1);
    }
    EXPECT_EQ(read_ok(body).codecs.size(), 4u);
}

TEST(SdpRead, AcceptsARejectedAudioStreamWithoutAnAddress)
{
    const auto answer = read_ok(crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 0 RTP/AVP 0\n"));
    EXPECT_EQ(answer.audio_port, 0);
    EXPECT_EQ(answer.connection_address, "");
}

TEST(SdpWrite, WritesEveryFieldCordonOffers)
{
    SessionDescription offer;
    offer.session_id = 42;
    offer.session_version = 43;
    offer.origin_address = "192.0.2.5";
    offer.connection_address = "192.0.2.5";
    offer.audio_port = 40000;
    offer.audio_profile = "RTP/SAVP";
    offer.codecs = opus_and_pcmu;
    offer.ptime_ms = 20;
    offer.direction = MediaDirection::sendonly;
    offer.crypto = {"1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"};
    EXPECT_EQ(write_sdp(offer), crlf(R"(v=0
o=- 42 43 IN IP4 192.0.2.5
s=-
c=IN IP4 192.0.2.5
t=0 0
m=audio 40000 RTP/SAVP 111 0
a=rtpmap:111 opus/48000/2
a=fmtp:111 useinbandfec=1
a=rtpmap:0 PCMU/8000
a=ptime:20
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz
a=sendonly
)"));
}

TEST(SdpWrite, ReadsBackWhatItWrites)
{
    for (const std::string *body : {&baresip_offer, &linphone_offer, &audio_video_offer}) {
        const auto first = read_ok(*body);
        const std::string written = write_sdp(first);
        const auto again = read_ok(written);
        EXPECT_EQ(write_sdp(again), written);
        EXPECT_EQ(again.codecs.size(), first.codecs.size());
        EXPECT_EQ(again.connection_address, first.connection_address);
        EXPECT_EQ(again.audio_index, first.audio_index);
        EXPECT_EQ(again.other_media.size(), first.other_media.size());
        EXPECT_EQ(again.crypto, first.crypto);
    }
}

TEST(SdpWrite, WritesAnIpv6Address)
{
    SessionDescription offer;
    offer.origin_address = "2001:db8::1";
    offer.connection_address = "2001:db8::1";
    offer.audio_port = 5004;
    offer.codecs = g711;
    const std::string written = write_sdp(offer);
    EXPECT_NE(written.find("c=IN IP6 2001:db8::1\r\n"), std::string::npos) << written;
    EXPECT_EQ(read_ok(written).connection_address, "2001:db8::1");
}

} // namespace
} // namespace cordon::sip::test
