// Hold, resume and the peer's re-INVITEs within an established call that
// the agent placed, against a callee played by the test: the re-INVITE and
// its ACK, a 491, crossing re-INVITEs (glare), BYE while held.
#include <gtest/gtest.h>

#include "tests/ua/outgoing_call.hpp"

namespace cordon::ua::test {
namespace {

using cordon::test::request_text;

class Reinvite : public OutgoingCall {
protected:
    void SetUp() override { establish(); }

    // A request from the callee within the call's dialog.
    std::string from_callee(const std::string &method, int cseq, const std::string &branch, const std::string &sdp = {})
    {
        return request_text(method + " sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=" + branch, "Max-Forwards: 70",
                             "From: <sip:bob@example.com>;tag=bobtag", "To: " + invite.header("From"),
                             "Call-ID: " + invite.call_id(), "CSeq: " + std::to_string(cseq) + " " + method,
                             "Contact: <sip:bob@192.0.2.20:5060>"},
                            sdp);
    }

    // Our re-INVITEs so far (the first INVITE left out).
    std::vector<SipText> reinvites() const
    {
        auto invites = ua.requests("INVITE");
        invites.erase(invites.begin());
        return invites;
    }
};

TEST_F(Reinvite, HoldOffersSendonlyInTheDialogAndAcknowledgesTheAnswer)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    const auto sent = reinvites();
    ASSERT_EQ(sent.size(), 1u);
    const SipText &hold = sent[0];
    EXPECT_EQ(hold.request_uri(), "sip:bob@192.0.2.20:5060");
    EXPECT_EQ(hold.header("CSeq"), "2 INVITE");
    EXPECT_EQ(hold.to_tag(), "bobtag");
    EXPECT_NE(hold.body().find("a=sendonly"), std::string::npos) << hold.body();
    EXPECT_FALSE(call->hold()) << "one re-INVITE at a time";
    ua.deliver(response_to(hold, 200, "OK", "", {bob_contact},
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "recvonly", 2)));
    const auto acks = ua.requests("ACK");
    ASSERT_EQ(acks.size(), 2u);
    EXPECT_EQ(acks[1].header("CSeq"), "2 ACK");
    EXPECT_TRUE(events.saw(CallEvent::Kind::held));
    ASSERT_TRUE(call->media());
    EXPECT_EQ(call->media()->direction, "sendonly");
    EXPECT_EQ(call->state(), CallState::established);
}

TEST_F(Reinvite, A491IsAcknowledgedAndTheCallGoesOnAsBefore)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    const SipText hold = reinvites().at(0);
    ua.deliver(response_to(hold, 491, "Request Pending", ""));
    const auto acks = ua.requests("ACK");
    ASSERT_EQ(acks.size(), 2u);
    EXPECT_EQ(acks[1].branch(), hold.branch()) << "the ACK of a non-2xx is in the re-INVITE's transaction";
    EXPECT_EQ(acks[1].header("CSeq"), "2 ACK");
    EXPECT_FALSE(events.saw(CallEvent::Kind::held));
    EXPECT_EQ(call->state(), CallState::established);
    EXPECT_EQ(call->media()->direction, "sendrecv");
    EXPECT_TRUE(ua.log.contains("refused: 491 Request Pending"));
    EXPECT_TRUE(call->hold()) << "no re-INVITE is in progress any more";
}

// RFC 3261 section 14.1: after a 491 the owner of the Call-ID (the caller)
// tries again after a random 2.1 to 4 s.
TEST_F(Reinvite, A491IsRetriedAfterARandomWait)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    ua.deliver(response_to(reinvites().at(0), 491, "Request Pending", ""));
    std::chrono::milliseconds waited{0};
    while (reinvites().size() == 1 && waited < 5s) {
        ua.clock.advance(10ms, 10ms);
        waited += 10ms;
    }
    ASSERT_EQ(reinvites().size(), 2u) << "no retry within 5 s";
    EXPECT_GE(waited, 2100ms);
    EXPECT_LE(waited, 4000ms);
    EXPECT_EQ(reinvites()[1].header("CSeq"), "3 INVITE");
    EXPECT_NE(reinvites()[1].body().find("a=sendonly"), std::string::npos);
}

// A hold or resume asked for during the wait after a 491 is sent at once
// and takes the place of the retry: one re-INVITE, not two.
TEST_F(Reinvite, AResumeDuringTheWaitAfterA491TakesThePlaceOfTheRetry)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    ua.deliver(response_to(reinvites().at(0), 491, "Request Pending", ""));
    ua.clock.advance(1s, 10ms);
    ASSERT_TRUE(call->resume());
    ua.clock.settle();
    ASSERT_EQ(reinvites().size(), 2u);
    EXPECT_NE(reinvites()[1].body().find("a=sendrecv"), std::string::npos);
    ua.deliver(response_to(reinvites()[1], 200, "OK", "", {bob_contact},
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "sendrecv", 2)));
    ua.clock.advance(5s, 10ms);
    EXPECT_EQ(reinvites().size(), 2u) << "the retry of the hold was dropped";
    EXPECT_EQ(call->media()->direction, "sendrecv");
}

// RFC 3261 section 14.2: an INVITE that arrives while ours is in progress
// in the same dialog is answered 491, and neither offer is applied.
TEST_F(Reinvite, CrossingReinvitesAreAnswered491)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    ua.deliver(from_callee("INVITE", 1, "z9hG4bKglare",
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "sendonly", 2)));
    EXPECT_EQ(ua.statuses("INVITE"), std::vector<int>{491});
    EXPECT_FALSE(events.saw(CallEvent::Kind::held));
}

TEST_F(Reinvite, ThePeersHoldIsAnsweredRecvonly)
{
    ua.deliver(from_callee("INVITE", 1, "z9hG4bKhold",
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "sendonly", 2)));
    const auto answers = ua.responses("INVITE");
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0].status(), 200);
    EXPECT_NE(answers[0].body().find("a=recvonly"), std::string::npos) << answers[0].body();
    EXPECT_TRUE(events.saw(CallEvent::Kind::held));
}

TEST_F(Reinvite, AReinviteWithoutUsableSdpIsRefused488AndTheCallGoesOn)
{
    ua.deliver(from_callee("INVITE", 1, "z9hG4bKbad", "not SDP\r\n"));
    EXPECT_EQ(ua.statuses("INVITE"), std::vector<int>{488});
    EXPECT_EQ(call->state(), CallState::established);
    EXPECT_EQ(call->media()->direction, "sendrecv");
}

TEST_F(Reinvite, AByeWhileHeldIsAnswered200AndEndsTheCall)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    ua.deliver(response_to(reinvites().at(0), 200, "OK", "", {bob_contact},
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "recvonly", 2)));
    ASSERT_TRUE(events.saw(CallEvent::Kind::held));
    ua.deliver(from_callee("BYE", 1, "z9hG4bKbye"));
    EXPECT_EQ(ua.statuses("BYE"), std::vector<int>{200});
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "hung up by the peer");
    EXPECT_EQ(ua.agent->alive().media_streams, 0u);
}

TEST_F(Reinvite, HangingUpWhileHeldSendsTheNextCseqBye)
{
    ASSERT_TRUE(call->hold());
    ua.clock.settle();
    ua.deliver(response_to(reinvites().at(0), 200, "OK", "", {bob_contact},
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "recvonly", 2)));
    call->hang_up();
    ua.clock.settle();
    const auto byes = ua.requests("BYE");
    ASSERT_EQ(byes.size(), 1u);
    EXPECT_EQ(byes[0].header("CSeq"), "3 BYE");
    ua.deliver(response_to(byes[0], 200, "OK", ""));
    EXPECT_EQ(events.ended()->reason, "hung up");
}

TEST_F(Reinvite, AReinviteAfterOurByeIsRefused481)
{
    call->hang_up();
    ua.clock.settle();
    ASSERT_EQ(ua.requests("BYE").size(), 1u);
    ua.deliver(from_callee("INVITE", 1, "z9hG4bKlate",
                           peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "sendonly", 2)));
    EXPECT_EQ(ua.statuses("INVITE"), std::vector<int>{481});
}

} // namespace
} // namespace cordon::ua::test
