// A call this agent makes, against a peer played by the test over a fake
// UDP transport and a fake clock: the ACK and BYE a refused answer gets,
// the INVITE's retransmissions and timeout, CANCEL racing the answer, a
// second fork's 2xx, and the ring timeout.
#include <gtest/gtest.h>

#include "tests/ua/outgoing_call.hpp"

namespace cordon::ua::test {
namespace {

TEST_F(OutgoingCall, TheInviteOffersPcmuOverTheFlow)
{
    dial();
    EXPECT_EQ(invite.request_uri(), "sip:bob@example.com");
    EXPECT_EQ(invite.header("CSeq"), "1 INVITE");
    EXPECT_EQ(invite.header("Content-Type"), "application/sdp");
    EXPECT_NE(invite.body().find("m=audio "), std::string::npos);
    EXPECT_NE(invite.body().find("a=rtpmap:0 PCMU/8000"), std::string::npos) << invite.body();
    EXPECT_EQ(ua.transport.network().opened.size(), 1u);
    EXPECT_EQ(call->state(), CallState::calling);
}

TEST_F(OutgoingCall, AnAnswerIsAcknowledgedInItsDialogAndTheCallEstablished)
{
    dial();
    answer(180, "Ringing", "bobtag");
    EXPECT_EQ(call->state(), CallState::ringing);
    answer(200, "OK", "bobtag", peer_sdp("127.0.0.1", 40000));
    ASSERT_EQ(call->state(), CallState::established);
    ASSERT_TRUE(events.saw(CallEvent::Kind::answered));
    const auto acks = ua.requests("ACK");
    ASSERT_EQ(acks.size(), 1u);
    const SipText &ack = acks[0];
    EXPECT_EQ(ack.request_uri(), "sip:bob@192.0.2.20:5060") << "section 12.2.1.1: the remote target";
    EXPECT_EQ(ack.header("CSeq"), "1 ACK");
    EXPECT_EQ(ack.call_id(), invite.call_id());
    EXPECT_EQ(ack.from_tag(), invite.from_tag());
    EXPECT_EQ(ack.to_tag(), "bobtag");
    EXPECT_NE(ack.branch(), invite.branch()) << "the ACK of a 2xx is a transaction of its own";
    ASSERT_TRUE(call->media());
    EXPECT_EQ(call->media()->codec, "PCMU");
    EXPECT_EQ(call->media()->remote.port, 40000);
}

TEST_F(OutgoingCall, AnAnswerWithBadSdpIsAcknowledgedThenEndedWithABye)
{
    dial();
    answer(200, "OK", "bobtag", "this is not SDP\r\n");
    const auto sent = ua.sent();
    ASSERT_GE(sent.size(), 3u);
    EXPECT_EQ(sent[sent.size() - 2].method(), "ACK") << "the 2xx is acknowledged first (section 13.2.2.4)";
    const SipText &bye = sent.back();
    ASSERT_EQ(bye.method(), "BYE");
    EXPECT_EQ(bye.header("CSeq"), "2 BYE");
    EXPECT_EQ(bye.to_tag(), "bobtag");
    EXPECT_EQ(bye.request_uri(), "sip:bob@192.0.2.20:5060");
    EXPECT_FALSE(events.saw(CallEvent::Kind::answered));
    EXPECT_FALSE(events.ended()) << "the call ends when the BYE is answered";
    ua.deliver(response_to(bye, 200, "OK", ""));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(call->state(), CallState::ended);
    EXPECT_EQ(events.ended()->reason.rfind("the answer's SDP was refused: ", 0), 0u) << events.ended()->reason;
}

TEST_F(OutgoingCall, AnAnswerWithNoCodecInCommonEndsTheCallWithABye)
{
    dial();
    answer(200, "OK", "bobtag", peer_sdp("127.0.0.1", 40000, "8", "a=rtpmap:8 PCMA/8000\r\n"));
    const auto byes = ua.requests("BYE");
    ASSERT_EQ(byes.size(), 1u);
    EXPECT_EQ(ua.requests("ACK").size(), 1u);
    ua.deliver(response_to(byes[0], 200, "OK", ""));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason.rfind("the answer's SDP was refused: ", 0), 0u) << events.ended()->reason;
    EXPECT_EQ(call->state(), CallState::ended);
}

TEST_F(OutgoingCall, AnUnansweredByeIsRetransmittedOverUdp)
{
    dial();
    answer(200, "OK", "bobtag", "v=0\r\n");
    ASSERT_EQ(ua.requests("BYE").size(), 1u);
    const auto times = ua.send_times([](const SipText &m) { return m.is_request() && m.method() == "BYE"; }, 8s);
    // Timer E: T1, doubling up to T2 (4 s).
    const std::vector<std::chrono::milliseconds> expected{500ms, 1500ms, 3500ms, 7500ms};
    ASSERT_EQ(times.size(), expected.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        EXPECT_NEAR(ms(times[i]), ms(expected[i]), 20) << "retransmission " << i + 1;
    }
    const auto byes = ua.requests("BYE");
    for (const SipText &again : byes) {
        EXPECT_EQ(again.branch(), byes[0].branch());
    }
}

// libosip2's timeout callbacks (Timers B and F) carry no message; they still
// reach the call, so an unanswered BYE ends it.
TEST_F(OutgoingCall, AnUnansweredByeEndsTheCallAtTimerF)
{
    dial();
    answer(200, "OK", "bobtag", "v=0\r\n");
    ASSERT_EQ(ua.requests("BYE").size(), 1u);
    ua.clock.advance(31900ms, 100ms);
    EXPECT_FALSE(events.ended());
    ua.clock.advance(200ms, 10ms);
    ASSERT_TRUE(events.ended()) << "Timer F: 64*T1";
    EXPECT_EQ(events.ended()->reason.rfind("the answer's SDP was refused: ", 0), 0u);
    EXPECT_EQ(ua.agent->counters().calls_active, 0u);
}

TEST_F(OutgoingCall, TheInviteIsRetransmittedAtT1Doubling)
{
    dial();
    const auto times =
        ua.send_times([](const SipText &m) { return m.is_request() && m.method() == "INVITE"; }, 31900ms);
    // Timer A: T1, 2*T1, 4*T1, ... after the first send at 0.
    const std::vector<std::chrono::milliseconds> expected{500ms, 1500ms, 3500ms, 7500ms, 15500ms, 31500ms};
    ASSERT_EQ(times.size(), expected.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        EXPECT_NEAR(ms(times[i]), ms(expected[i]), 20) << "retransmission " << i + 1;
    }
    for (const SipText &again : ua.requests("INVITE")) {
        EXPECT_EQ(again.branch(), invite.branch());
        EXPECT_EQ(again.header("CSeq"), "1 INVITE");
        EXPECT_EQ(again.body(), invite.body());
    }
}

// Timer B: an INVITE nobody answers ends the call as a 408 (RFC 3261
// section 8.1.3.1); the ring timeout could not CANCEL it, since nothing
// provisional arrived, so without Timer B the call would hold its slot.
TEST_F(OutgoingCall, AnUnansweredInviteEndsTheCallAtTimerB)
{
    dial();
    ua.clock.advance(31900ms, 100ms);
    EXPECT_FALSE(events.ended());
    ua.clock.advance(200ms, 10ms);
    ASSERT_TRUE(events.ended()) << "Timer B (64*T1 = 32 s)";
    EXPECT_EQ(events.ended()->reason, "no answer from the network (INVITE timed out)");
    EXPECT_EQ(events.ended()->status_code, 408);
    EXPECT_EQ(call->state(), CallState::ended);
    EXPECT_EQ(ua.agent->counters().calls_active, 0u);
}

TEST_F(OutgoingCall, AProvisionalResponseStopsTheRetransmissions)
{
    dial();
    answer(100, "Trying", "");
    ua.clock.advance(10s, 50ms);
    EXPECT_EQ(ua.requests("INVITE").size(), 1u);
    EXPECT_FALSE(events.ended());
}

TEST_F(OutgoingCall, AFinalRefusalIsAcknowledgedAndEndsTheCallWithItsStatus)
{
    dial();
    answer(486, "Busy Here", "bobtag");
    const auto acks = ua.requests("ACK");
    ASSERT_EQ(acks.size(), 1u);
    EXPECT_EQ(acks[0].branch(), invite.branch()) << "section 17.1.1.3: the ACK of a non-2xx shares the branch";
    EXPECT_EQ(acks[0].request_uri(), invite.request_uri());
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->status_code, 486);
    EXPECT_NE(events.ended()->reason.find("486"), std::string::npos) << events.ended()->reason;
}

TEST_F(OutgoingCall, HangingUpBeforeAnyResponseWaitsForAProvisionalToCancel)
{
    dial();
    call->hang_up();
    ua.clock.settle();
    EXPECT_TRUE(ua.requests("CANCEL").empty()) << "section 9.1: no CANCEL before a provisional response";
    answer(180, "Ringing", "bobtag");
    const auto cancels = ua.requests("CANCEL");
    ASSERT_EQ(cancels.size(), 1u);
    EXPECT_EQ(cancels[0].branch(), invite.branch());
    EXPECT_EQ(cancels[0].header("CSeq"), "1 CANCEL");
    EXPECT_EQ(cancels[0].request_uri(), invite.request_uri());
    EXPECT_EQ(cancels[0].to_tag(), "") << "the CANCEL's To is the INVITE's";
}

TEST_F(OutgoingCall, ACancelledCallEndsWithThe487)
{
    dial();
    answer(180, "Ringing", "bobtag");
    call->hang_up();
    ua.clock.settle();
    const auto cancels = ua.requests("CANCEL");
    ASSERT_EQ(cancels.size(), 1u);
    ua.deliver(response_to(cancels[0], 200, "OK", "bobtag"));
    EXPECT_FALSE(events.ended());
    answer(487, "Request Terminated", "bobtag");
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->status_code, 487);
    EXPECT_EQ(events.ended()->reason, "cancelled");
    EXPECT_EQ(ua.requests("ACK").size(), 1u);
}

TEST_F(OutgoingCall, AnAnswerCrossingTheCancelIsAcknowledgedThenEndedWithABye)
{
    dial();
    answer(180, "Ringing", "bobtag");
    call->hang_up();
    ua.clock.settle();
    ASSERT_EQ(ua.requests("CANCEL").size(), 1u);
    answer(200, "OK", "bobtag", peer_sdp("127.0.0.1", 40000));
    ua.deliver(response_to(ua.requests("CANCEL")[0], 200, "OK", "bobtag"));
    const auto sent = ua.sent();
    std::vector<std::string> order;
    for (const SipText &message : sent) {
        if (message.is_request() && (message.method() == "ACK" || message.method() == "BYE")) {
            order.push_back(message.method());
        }
    }
    EXPECT_EQ(order, (std::vector<std::string>{"ACK", "BYE"})) << "section 15: the 2xx is ACKed, then BYE";
    const SipText bye = ua.requests("BYE")[0];
    EXPECT_EQ(bye.to_tag(), "bobtag");
    EXPECT_FALSE(events.saw(CallEvent::Kind::answered));
    ua.deliver(response_to(bye, 200, "OK", ""));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "hung up before the answer arrived");
}

TEST_F(OutgoingCall, ACancelWithoutAFinalResponseGivesUpAfter64T1)
{
    dial();
    answer(180, "Ringing", "bobtag");
    call->hang_up();
    ua.clock.settle();
    ASSERT_EQ(ua.requests("CANCEL").size(), 1u);
    ua.deliver(response_to(ua.requests("CANCEL")[0], 200, "OK", "bobtag"));
    ua.clock.advance(31s, 100ms);
    EXPECT_FALSE(events.ended());
    ua.clock.advance(2s, 100ms);
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->status_code, 408);
    EXPECT_EQ(events.ended()->reason, "cancelled, and no final response came within 32 s of the CANCEL");
    EXPECT_EQ(ua.agent->alive().transactions, 0u) << "the INVITE's transaction is abandoned";
}

TEST_F(OutgoingCall, ACallThatOnlyRingsIsCancelledAtTheRingTimeout)
{
    dial();
    answer(180, "Ringing", "bobtag");
    ua.clock.advance(179s, 1s);
    EXPECT_TRUE(ua.requests("CANCEL").empty());
    ua.clock.advance(1s, 1s);
    ASSERT_EQ(ua.requests("CANCEL").size(), 1u);
    EXPECT_EQ(ua.requests("CANCEL")[0].branch(), invite.branch());
    ua.deliver(response_to(ua.requests("CANCEL")[0], 200, "OK", "bobtag"));
    answer(487, "Request Terminated", "bobtag");
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "no answer within 180 s (ring timeout), cancelled");
}

TEST_F(OutgoingCall, TheSame2xxAgainIsAcknowledgedAgain)
{
    establish();
    answer(200, "OK", "bobtag", peer_sdp("127.0.0.1", 40000));
    EXPECT_EQ(ua.requests("ACK").size(), 2u);
    EXPECT_TRUE(ua.requests("BYE").empty());
    EXPECT_EQ(call->state(), CallState::established);
}

TEST_F(OutgoingCall, ASecondForks2xxIsAcknowledgedAndItsDialogEndedWithABye)
{
    establish();
    ua.deliver(response_to(invite, 200, "OK", "forktag", {"Contact: <sip:bob@192.0.2.30:5060>"},
                           peer_sdp("127.0.0.1", 40002)));
    const auto acks = ua.requests("ACK");
    ASSERT_EQ(acks.size(), 2u);
    EXPECT_EQ(acks[1].to_tag(), "forktag");
    EXPECT_EQ(acks[1].request_uri(), "sip:bob@192.0.2.30:5060");
    const auto byes = ua.requests("BYE");
    ASSERT_EQ(byes.size(), 1u);
    EXPECT_EQ(byes[0].to_tag(), "forktag");
    EXPECT_EQ(byes[0].request_uri(), "sip:bob@192.0.2.30:5060");
    EXPECT_EQ(byes[0].call_id(), invite.call_id());
    EXPECT_EQ(call->state(), CallState::established) << "the call keeps the first answer";
    EXPECT_EQ(call->media()->remote.port, 40000);
    // That fork's 2xx again: ACKed again, no second BYE.
    ua.deliver(response_to(invite, 200, "OK", "forktag", {"Contact: <sip:bob@192.0.2.30:5060>"},
                           peer_sdp("127.0.0.1", 40002)));
    EXPECT_EQ(ua.requests("ACK").size(), 3u);
    EXPECT_EQ(ua.requests("BYE").size(), 1u);
    ua.deliver(response_to(byes[0], 200, "OK", ""));
    EXPECT_EQ(call->state(), CallState::established);
    EXPECT_FALSE(events.ended());
}

TEST_F(OutgoingCall, HangingUpAnEstablishedCallSendsAByeAndEndsWhenAnswered)
{
    establish();
    call->hang_up();
    ua.clock.settle();
    const auto byes = ua.requests("BYE");
    ASSERT_EQ(byes.size(), 1u);
    EXPECT_EQ(byes[0].header("CSeq"), "2 BYE");
    EXPECT_EQ(ua.agent->alive().media_streams, 0u) << "media stops when our BYE is sent";
    ua.deliver(response_to(byes[0], 200, "OK", ""));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "hung up");
    EXPECT_EQ(ua.agent->counters().calls_active, 0u);
}

TEST_F(OutgoingCall, APeersByeIsAnswered200AndEndsTheCall)
{
    establish();
    const std::string bye =
        cordon::test::request_text("BYE sip:alice@127.0.0.1:5062 SIP/2.0",
                                   {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKbye1", "Max-Forwards: 70",
                                    "From: <sip:bob@example.com>;tag=bobtag", "To: " + invite.header("From"),
                                    "Call-ID: " + invite.call_id(), "CSeq: 1 BYE"});
    ua.deliver(bye);
    EXPECT_EQ(ua.statuses("BYE"), std::vector<int>{200});
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "hung up by the peer");
}

TEST_F(OutgoingCall, LosingTheFlowEndsACallStillRingingWithTheTransportsReason)
{
    dial();
    answer(180, "Ringing", "bobtag");
    ua.transport.transport().lose(ua.transport.transport().last_flow(), FlowError::unreachable, "no route");
    ua.clock.settle();
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason,
              "UDP flow to 192.0.2.10:5060 closed: " + std::string(to_string(FlowError::unreachable)) + " (no route)");
    EXPECT_EQ(ua.agent->counters().calls_active, 0u);
}

TEST_F(OutgoingCall, AnInviteTheTransportCannotSendEndsTheCall)
{
    auto placed = ua.agent->call("sip:bob@example.com", CallAudio{});
    ASSERT_TRUE(placed);
    ua.transport.transport().behaviour().refuse_sends = true;
    // The first send went out; its retransmission cannot.
    placed.value()->on_event(events.handler());
    ua.clock.advance(600ms);
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "the transport could not send");
}

TEST(OutgoingCallOverTcp, TheInviteIsNotRetransmittedOverAStream)
{
    AgentUnderTest ua(test_options(), "TCP");
    auto placed = ua.agent->call("sip:bob@example.com", CallAudio{});
    ASSERT_TRUE(placed) << placed.error().message;
    ua.clock.settle();
    ASSERT_EQ(ua.requests("INVITE").size(), 1u);
    const SipText invite = ua.requests("INVITE")[0];
    EXPECT_EQ(invite.header("Via").rfind("SIP/2.0/TCP ", 0), 0u) << invite.header("Via");
    ua.clock.advance(20s, 100ms);
    EXPECT_EQ(ua.requests("INVITE").size(), 1u) << "Timer A runs only over unreliable transports (17.1.1.2)";
    // A response split across two reads is framed and taken whole.
    const std::string answer = response_to(invite, 200, "OK", "bobtag", {bob_contact}, peer_sdp("127.0.0.1", 40000));
    const FlowId flow = ua.transport.transport().last_flow();
    ua.transport.transport().receive(flow, answer.substr(0, 50), proxy);
    ua.transport.transport().receive(flow, answer.substr(50), proxy);
    ua.clock.settle();
    EXPECT_EQ(placed.value()->state(), CallState::established);
    EXPECT_EQ(ua.requests("ACK").size(), 1u);
}

} // namespace
} // namespace cordon::ua::test
