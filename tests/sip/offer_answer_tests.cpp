// RFC 3264 offer/answer: Cordon answering real offers, holding and resuming,
// rejecting streams it does not handle, and checking the answers it gets.
#include <gtest/gtest.h>

#include "tests/sip/sdp_test_bodies.hpp"

namespace cordon::sip::test {
namespace {

const std::vector<MediaCodec> opus_pcmu_and_events{
    {111, "opus", 48000, 2, ""},
    {0, "PCMU", 8000, 1, ""},
    {101, "telephone-event", 8000, 1, ""},
};

SessionDescription read_ok(const std::string &body)
{
    auto read = read_sdp(body);
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
    return read.ok() ? read.value() : SessionDescription{};
}

SessionDescription answer_ok(const SessionDescription &offer, const std::vector<MediaCodec> &supported,
                             MediaDirection wanted = MediaDirection::sendrecv)
{
    auto answer = answer_offer(offer, supported, "203.0.113.9", 30000, wanted);
    EXPECT_TRUE(answer.ok()) << (answer.ok() ? "" : answer.error().message);
    return answer.ok() ? answer.value() : SessionDescription{};
}

std::vector<int> payload_types(const SessionDescription &description)
{
    std::vector<int> types;
    for (const auto &codec : description.codecs) {
        types.push_back(codec.payload_type);
    }
    return types;
}

// Cordon's own offer, as the call layer would build it.
SessionDescription cordon_offer(MediaDirection direction = MediaDirection::sendrecv)
{
    SessionDescription offer;
    offer.origin_address = "203.0.113.9";
    offer.connection_address = "203.0.113.9";
    offer.audio_port = 30000;
    offer.codecs = opus_pcmu_and_events;
    offer.direction = direction;
    return offer;
}

// An answer to cordon_offer(), with the audio lines given.
std::string answer_text(const std::string &media_lines)
{
    return crlf("v=0\no=- 5 5 IN IP4 192.0.2.20\ns=-\nc=IN IP4 192.0.2.20\nt=0 0\n" + media_lines);
}

std::string refusal(const SessionDescription &offer, const std::string &answer_body)
{
    const auto accepted = accept_answer(offer, read_ok(answer_body));
    return accepted.ok() ? std::string() : accepted.error().message;
}

TEST(OfferAnswer, AnswersWithTheSharedCodecsInTheOffersOrderAndPayloadTypes)
{
    const auto offer = read_ok(baresip_offer);
    const auto answer = answer_ok(offer, opus_pcmu_and_events);
    EXPECT_EQ(payload_types(answer), (std::vector<int>{96, 0, 101})); // the offer's 96, not Cordon's 111
    EXPECT_EQ(answer.codecs[0].fmtp, "stereo=1;sprop-stereo=1;useinbandfec=1");
    EXPECT_EQ(answer.codecs[2].fmtp, "0-15");
    EXPECT_EQ(answer.connection_address, "203.0.113.9");
    EXPECT_EQ(answer.origin_address, "203.0.113.9");
    EXPECT_EQ(answer.audio_port, 30000);
    EXPECT_EQ(answer.audio_profile, "RTP/AVP");
    EXPECT_EQ(answer.direction, MediaDirection::sendrecv);
}

TEST(OfferAnswer, MatchesNameIgnoringCaseButClockRateAndChannelsExactly)
{
    const auto offer = read_ok(linphone_offer); // telephone-event at 48000 (101) and 8000 (97)
    const auto answer = answer_ok(offer, {{0, "pcmu", 8000, 1, ""}, {101, "Telephone-Event", 8000, 1, ""}});
    EXPECT_EQ(payload_types(answer), (std::vector<int>{0, 97}));
    EXPECT_EQ(answer.codecs[0].encoding_name, "PCMU"); // as the offer wrote it

    const auto mono_opus = answer_offer(offer, {{111, "opus", 48000, 1, ""}}, "203.0.113.9", 30000);
    ASSERT_FALSE(mono_opus.ok());
}

TEST(OfferAnswer, RefusesAnOfferWithNoSharedCodecSayingWhatWasOffered)
{
    const auto answer = answer_offer(read_ok(baresip_offer), {{98, "speex", 16000, 1, ""}}, "203.0.113.9", 30000);
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::unsupported);
    EXPECT_EQ(answer.error().message, "no codec in common: offered opus/48000/2, PCMU/8000, PCMA/8000, "
                                      "telephone-event/8000; supported speex/16000");
}

TEST(OfferAnswer, MirrorsTheOfferedDirection)
{
    struct Case {
        MediaDirection offered;
        MediaDirection wanted;
        MediaDirection answered;
    };
    using enum MediaDirection;
    for (const Case &c :
         {Case{sendonly, sendrecv, recvonly}, Case{recvonly, sendrecv, sendonly}, Case{inactive, sendrecv, inactive},
          Case{sendrecv, sendrecv, sendrecv}, Case{sendrecv, sendonly, sendonly}, Case{sendrecv, inactive, inactive},
          Case{sendonly, sendonly, inactive}, Case{recvonly, recvonly, inactive}}) {
        auto offer = read_ok(baresip_offer);
        offer.direction = c.offered;
        EXPECT_EQ(answer_ok(offer, g711, c.wanted).direction, c.answered)
            << to_string(c.offered) << " wanting " << to_string(c.wanted);
    }
}

TEST(OfferAnswer, HoldAndResumeFromEitherSide)
{
    // The peer holds: its sendonly offer gets a recvonly answer, and the
    // written answer says so.
    const auto held =
        read_ok(crlf("v=0\no=- 1 2 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 4000 RTP/AVP 0\n"
                     "a=sendonly\n"));
    const std::string written = write_sdp(answer_ok(held, g711));
    EXPECT_NE(written.find("a=recvonly\r\n"), std::string::npos) << written;

    // Cordon holds: its sendonly offer, the peer's recvonly answer; Cordon sends.
    const auto hold = accept_answer(cordon_offer(MediaDirection::sendonly),
                                    read_ok(answer_text("m=audio 5000 RTP/AVP 0\na=recvonly\n")));
    ASSERT_TRUE(hold.ok()) << hold.error().message;
    EXPECT_EQ(hold->direction, MediaDirection::sendonly);

    // Cordon resumes: sendrecv both ways.
    const auto resume = accept_answer(cordon_offer(), read_ok(answer_text("m=audio 5000 RTP/AVP 0\n")));
    ASSERT_TRUE(resume.ok()) << resume.error().message;
    EXPECT_EQ(resume->direction, MediaDirection::sendrecv);
}

TEST(OfferAnswer, RejectsOtherStreamsWithPortZeroAtTheirPositions)
{
    const auto offer = read_ok(audio_video_offer); // video first, then SRTP audio
    const auto answer = answer_ok(offer, g711);
    const std::string written = write_sdp(answer);
    const auto video = written.find("m=video 0 RTP/SAVP 99\r\n");
    const auto audio = written.find("m=audio 30000 RTP/SAVP 0\r\n");
    ASSERT_NE(video, std::string::npos) << written;
    ASSERT_NE(audio, std::string::npos) << written;
    EXPECT_LT(video, audio);
    EXPECT_TRUE(answer.crypto.empty()); // the encryption plugin adds its own key

    const auto reread = read_ok(written);
    EXPECT_EQ(reread.audio_index, 1u);
    EXPECT_TRUE(accept_answer(offer, reread).ok());
}

TEST(OfferAnswer, RefusesOffersItCannotAnswer)
{
    auto disabled = read_ok(baresip_offer);
    disabled.audio_port = 0;
    EXPECT_EQ(answer_offer(disabled, g711, "203.0.113.9", 30000).error().code, ErrorCode::unsupported);

    auto feedback = read_ok(baresip_offer);
    feedback.audio_profile = "UDP/TLS/RTP/SAVPF";
    const auto dtls = answer_offer(feedback, g711, "203.0.113.9", 30000);
    ASSERT_FALSE(dtls.ok());
    EXPECT_NE(dtls.error().message.find("UDP/TLS/RTP/SAVPF"), std::string::npos);

    const auto named = answer_offer(read_ok(baresip_offer), g711, "cordon.example.com", 30000);
    ASSERT_FALSE(named.ok());
    EXPECT_EQ(named.error().code, ErrorCode::invalid_argument);
}

TEST(OfferAnswer, AcceptsAnAnswerAndReportsTheFirstCodecAndThePeersAddress)
{
    const auto accepted = accept_answer(
        cordon_offer(), read_ok(answer_text("m=audio 5000 RTP/AVP 111 101\nc=IN IP4 192.0.2.21\n"
                                            "a=rtpmap:111 opus/48000/2\na=fmtp:111 maxplaybackrate=16000\n"
                                            "a=rtpmap:101 telephone-event/8000\n")));
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->codec.payload_type, 111);
    EXPECT_EQ(accepted->codec.encoding_name, "opus");
    EXPECT_EQ(accepted->codec.fmtp, "maxplaybackrate=16000");
    EXPECT_EQ(accepted->remote_address, "192.0.2.21");
    EXPECT_EQ(accepted->remote_port, 5000);
}

TEST(OfferAnswer, RefusesAnswersThatDoNotFitTheOffer)
{
    const auto offer = cordon_offer();
    EXPECT_NE(refusal(offer, answer_text("m=audio 5000 RTP/AVP 8\n")).find("payload type 8, not offered"),
              std::string::npos);
    EXPECT_NE(refusal(offer, answer_text("m=audio 5000 RTP/AVP 111\na=rtpmap:111 speex/16000\n"))
                  .find("maps payload type 111 to speex/16000, the offer to opus/48000/2"),
              std::string::npos);
    EXPECT_NE(refusal(offer, answer_text("m=audio 5000 RTP/AVP 0\nm=video 0 RTP/AVP 31\n")).find("m= lines"),
              std::string::npos);
    EXPECT_NE(refusal(offer, answer_text("m=audio 5000 RTP/SAVP 0\n")).find("profile"), std::string::npos);
    EXPECT_NE(refusal(cordon_offer(MediaDirection::sendonly), answer_text("m=audio 5000 RTP/AVP 0\na=sendrecv\n"))
                  .find("does not fit"),
              std::string::npos);
    EXPECT_NE(refusal(cordon_offer(MediaDirection::recvonly), answer_text("m=audio 5000 RTP/AVP 0\na=recvonly\n"))
                  .find("does not fit"),
              std::string::npos);

    const auto rejected = accept_answer(offer, read_ok(answer_text("m=audio 0 RTP/AVP 0\n")));
    ASSERT_FALSE(rejected.ok());
    EXPECT_EQ(rejected.error().code, ErrorCode::unsupported);
}

TEST(OfferAnswer, AnAnswerReadsBackAndIsAcceptedByItsOffer)
{
    for (const std::string *body : {&baresip_offer, &linphone_offer, &audio_video_offer}) {
        const auto offer = read_ok(*body);
        const auto answer = read_ok(write_sdp(answer_ok(offer, opus_pcmu_and_events)));
        const auto accepted = accept_answer(offer, answer);
        ASSERT_TRUE(accepted.ok()) << accepted.error().message;
        EXPECT_EQ(accepted->remote_address, "203.0.113.9");
        EXPECT_EQ(accepted->remote_port, 30000);
    }
}

} // namespace
} // namespace cordon::sip::test
