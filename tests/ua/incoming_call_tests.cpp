// A call this agent receives, from a caller played by the test over a fake
// UDP transport and a fake clock: the 180 and the answer, the 2xx sent
// again until its ACK (and the BYE when none comes), offers that cannot be
// answered, CANCEL, the ring timeout, and how requests are routed.
#include <gtest/gtest.h>

#include "tests/ua/agent_under_test.hpp"

namespace cordon::ua::test {
namespace {

using cordon::test::peer_sdp;
using cordon::test::request_text;
using cordon::test::response_to;

const std::string call_id = "incoming-1@192.0.2.20";

// The caller's INVITE (section 8.1.1), with a body when offered.
std::string invite_text(const std::string &sdp, const std::string &branch = "z9hG4bKinv1",
                        const std::vector<std::string> &extra = {})
{
    std::vector<std::string> fields{"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=" + branch,
                                    "Max-Forwards: 70",
                                    "From: \"Bob\" <sip:bob@example.com>;tag=bobtag",
                                    "To: <sip:alice@example.com>",
                                    "Call-ID: " + call_id,
                                    "CSeq: 1 INVITE",
                                    "Contact: <sip:bob@192.0.2.20:5060>"};
    fields.insert(fields.end(), extra.begin(), extra.end());
    return request_text("INVITE sip:alice@127.0.0.1:5062 SIP/2.0", fields, sdp);
}

// A request from the caller within the dialog, once it knows our tag.
std::string in_dialog(const std::string &method, int cseq, const std::string &to_tag, const std::string &branch,
                      const std::string &sdp = {})
{
    return request_text(method + " sip:alice@127.0.0.1:5062 SIP/2.0",
                        {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=" + branch, "Max-Forwards: 70",
                         "From: \"Bob\" <sip:bob@example.com>;tag=bobtag", "To: <sip:alice@example.com>;tag=" + to_tag,
                         "Call-ID: " + call_id, "CSeq: " + std::to_string(cseq) + " " + method,
                         "Contact: <sip:bob@192.0.2.20:5060>"},
                        sdp);
}

bool is_invite_200(const SipText &message)
{
    return !message.is_request() && message.status() == 200 && message.cseq_method() == "INVITE";
}

class IncomingCall : public testing::Test {
protected:
    void SetUp() override
    {
        ua.register_with_proxy();
        ua.agent->on_incoming_call([this](std::shared_ptr<Call> incoming) {
            call = incoming;
            call->on_event(events.handler());
        });
    }

    void ring(const std::string &sdp = peer_sdp("127.0.0.1", 40000), const std::vector<std::string> &extra = {})
    {
        ua.deliver(invite_text(sdp, "z9hG4bKinv1", extra));
    }

    // Rings, answers, and returns our To tag.
    std::string establish()
    {
        ring();
        EXPECT_TRUE(call);
        if (!call) {
            return {};
        }
        EXPECT_TRUE(call->answer(CallAudio{}));
        ua.clock.settle();
        EXPECT_EQ(call->state(), CallState::established);
        const auto answers = ua.responses("INVITE");
        return answers.empty() ? std::string() : answers.back().to_tag();
    }

    AgentUnderTest ua;
    std::shared_ptr<Call> call;
    CallEvents events;
};

TEST_F(IncomingCall, AnInviteRingsWithA180CarryingOurTagAndContact)
{
    ring();
    ASSERT_TRUE(call);
    EXPECT_EQ(call->state(), CallState::incoming);
    EXPECT_EQ(call->peer(), "sip:bob@example.com");
    const auto responses = ua.responses("INVITE");
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0].status(), 180);
    EXPECT_FALSE(responses[0].to_tag().empty());
    EXPECT_EQ(responses[0].branch(), "z9hG4bKinv1");
    EXPECT_NE(responses[0].header("Contact").find("sip:alice@"), std::string::npos);
}

TEST_F(IncomingCall, TheCallersInviteAgainIsAbsorbedByItsTransaction)
{
    ring();
    ring(); // the same INVITE again (UDP retransmission)
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 180})) << "the last provisional again (17.2.1)";
    EXPECT_EQ(ua.agent->counters().calls_active, 1u);
}

TEST_F(IncomingCall, AnsweringSendsA200WithTheAnswerAndEstablishes)
{
    const std::string tag = establish();
    const auto answers = ua.responses("INVITE");
    ASSERT_EQ(answers.back().status(), 200);
    EXPECT_EQ(tag, ua.responses("INVITE").front().to_tag()) << "the 180's tag";
    EXPECT_EQ(answers.back().header("Content-Type"), "application/sdp");
    EXPECT_NE(answers.back().body().find("a=rtpmap:0 PCMU/8000"), std::string::npos);
    EXPECT_TRUE(events.saw(CallEvent::Kind::answered));
    ASSERT_TRUE(call->media());
    EXPECT_EQ(call->media()->remote.port, 40000);
}

TEST_F(IncomingCall, The2xxIsSentAgainAtT1DoublingToT2UntilItsAck)
{
    const std::string tag = establish();
    const auto times = ua.send_times(is_invite_200, 16s);
    // T1, then doubling up to T2 = 4 s: 0.5, 1.5, 3.5, 7.5, 11.5, 15.5.
    const std::vector<std::chrono::milliseconds> expected{500ms, 1500ms, 3500ms, 7500ms, 11500ms, 15500ms};
    ASSERT_EQ(times.size(), expected.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        EXPECT_NEAR(ms(times[i]), ms(expected[i]), 20) << "retransmission " << i + 1;
    }
    ua.deliver(in_dialog("ACK", 1, tag, "z9hG4bKack1"));
    const auto after_ack = ua.send_times(is_invite_200, 40s, 100ms);
    EXPECT_TRUE(after_ack.empty()) << "the ACK stops the retransmissions";
    EXPECT_TRUE(ua.requests("BYE").empty());
    EXPECT_EQ(call->state(), CallState::established);
}

TEST_F(IncomingCall, NoAckWithin64T1EndsTheCallWithABye)
{
    const std::string tag = establish();
    ua.clock.advance(31s, 100ms);
    EXPECT_TRUE(ua.requests("BYE").empty());
    ua.clock.advance(1100ms, 100ms);
    const auto byes = ua.requests("BYE");
    ASSERT_EQ(byes.size(), 1u) << "at 32 s";
    EXPECT_EQ(byes[0].request_uri(), "sip:bob@192.0.2.20:5060");
    EXPECT_EQ(byes[0].from_tag(), tag);
    EXPECT_EQ(byes[0].to_tag(), "bobtag");
    const auto retransmitted = ua.count(is_invite_200);
    ua.clock.advance(10s, 100ms);
    EXPECT_EQ(ua.count(is_invite_200), retransmitted) << "no 2xx after giving up";
    ua.deliver(response_to(byes[0], 200, "OK", ""));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "no ACK for the 200 OK within 32 s");
}

TEST_F(IncomingCall, AnInviteWithoutUsableSdpIsRefused488)
{
    ua.deliver(invite_text("this is not SDP\r\n"));
    EXPECT_FALSE(call) << "the application never hears of it";
    EXPECT_EQ(ua.statuses("INVITE"), std::vector<int>{488});
    EXPECT_EQ(ua.agent->counters().calls_active, 0u);
}

TEST_F(IncomingCall, AnOfferWithNoCodecInCommonIsRefused488WhenAnswered)
{
    ring(peer_sdp("127.0.0.1", 40000, "8", "a=rtpmap:8 PCMA/8000\r\n"));
    ASSERT_TRUE(call);
    const auto answered = call->answer(CallAudio{});
    EXPECT_FALSE(answered);
    ua.clock.settle();
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 488}));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->status_code, 488);
    EXPECT_EQ(events.ended()->reason.rfind("the caller's offer cannot be answered: ", 0), 0u) << events.ended()->reason;
    EXPECT_EQ(ua.agent->alive().media_streams, 0u);
}

TEST_F(IncomingCall, TheCallersCancelIsAnswered200AndTheInvite487)
{
    ring();
    ASSERT_TRUE(call);
    ua.deliver(request_text("CANCEL sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKinv1", "Max-Forwards: 70",
                             "From: \"Bob\" <sip:bob@example.com>;tag=bobtag", "To: <sip:alice@example.com>",
                             "Call-ID: " + call_id, "CSeq: 1 CANCEL"}));
    EXPECT_EQ(ua.statuses("CANCEL"), std::vector<int>{200});
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 487}));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "cancelled by the caller");
}

TEST_F(IncomingCall, ACancelOfAnotherBranchIs481AndTheCallRingsOn)
{
    ring();
    ua.deliver(request_text("CANCEL sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKother", "Max-Forwards: 70",
                             "From: \"Bob\" <sip:bob@example.com>;tag=bobtag", "To: <sip:alice@example.com>",
                             "Call-ID: " + call_id, "CSeq: 1 CANCEL"}));
    EXPECT_EQ(ua.statuses("CANCEL"), std::vector<int>{481});
    EXPECT_EQ(call->state(), CallState::incoming);
}

TEST_F(IncomingCall, AnUnansweredCallIsRefused480AtTheRingTimeout)
{
    ring();
    ua.clock.advance(179s, 1s);
    EXPECT_EQ(ua.statuses("INVITE"), std::vector<int>{180});
    ua.clock.advance(1s, 1s);
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 480}));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->status_code, 480);
    EXPECT_EQ(events.ended()->reason, "not answered within 180 s (ring timeout)");
    // Section 17.2.1: the 480 goes again (Timer G) until the caller's ACK.
    ua.clock.advance(600ms, 100ms);
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 480, 480}));
    ua.deliver(request_text("ACK sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKinv1", "Max-Forwards: 70",
                             "From: \"Bob\" <sip:bob@example.com>;tag=bobtag",
                             "To: <sip:alice@example.com>;tag=" + ua.responses("INVITE").back().to_tag(),
                             "Call-ID: " + call_id, "CSeq: 1 ACK"}));
    ua.clock.advance(10s, 100ms);
    EXPECT_EQ(ua.statuses("INVITE").size(), 3u) << "the ACK stops the 480";
}

TEST_F(IncomingCall, AnInviteExpiresSoonerThanTheRingTimeoutIsRefused487)
{
    ring(peer_sdp("127.0.0.1", 40000), {"Expires: 20"});
    ua.clock.advance(19s, 1s);
    EXPECT_FALSE(events.ended());
    ua.clock.advance(1s, 1s);
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 487}));
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "not answered within the 20 s the caller's Expires allowed");
}

TEST_F(IncomingCall, DecliningSendsTheStatusAsked)
{
    ring();
    ASSERT_TRUE(call->decline(486));
    ua.clock.settle();
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 486}));
    EXPECT_EQ(events.ended()->reason, "declined");
}

TEST_F(IncomingCall, AByeDuringHoldIsAnswered200AndEndsTheCall)
{
    const std::string tag = establish();
    ua.deliver(in_dialog("ACK", 1, tag, "z9hG4bKack1"));
    ua.deliver(in_dialog("INVITE", 2, tag, "z9hG4bKhold",
                         peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "sendonly", 2)));
    const auto answers = ua.responses("INVITE");
    ASSERT_EQ(answers.back().status(), 200);
    EXPECT_NE(answers.back().body().find("a=recvonly"), std::string::npos) << answers.back().body();
    EXPECT_TRUE(events.saw(CallEvent::Kind::held));
    ASSERT_TRUE(call->media());
    EXPECT_EQ(call->media()->direction, "recvonly");
    ua.deliver(in_dialog("ACK", 2, tag, "z9hG4bKack2"));
    ua.deliver(in_dialog("BYE", 3, tag, "z9hG4bKbye"));
    EXPECT_EQ(ua.statuses("BYE"), std::vector<int>{200});
    ASSERT_TRUE(events.ended());
    EXPECT_EQ(events.ended()->reason, "hung up by the peer");
    EXPECT_EQ(ua.agent->alive().media_streams, 0u);
}

TEST_F(IncomingCall, HangingUpDuringHoldSendsAByeInTheDialog)
{
    const std::string tag = establish();
    ua.deliver(in_dialog("ACK", 1, tag, "z9hG4bKack1"));
    ua.deliver(in_dialog("INVITE", 2, tag, "z9hG4bKhold",
                         peer_sdp("127.0.0.1", 40000, "0", "a=rtpmap:0 PCMU/8000\r\n", "sendonly", 2)));
    ua.deliver(in_dialog("ACK", 2, tag, "z9hG4bKack2"));
    call->hang_up();
    ua.clock.settle();
    const auto byes = ua.requests("BYE");
    ASSERT_EQ(byes.size(), 1u);
    EXPECT_EQ(byes[0].to_tag(), "bobtag");
    EXPECT_EQ(byes[0].from_tag(), tag);
    EXPECT_EQ(byes[0].header("CSeq"), "1 BYE") << "our first request in this dialog";
    ua.deliver(response_to(byes[0], 200, "OK", ""));
    EXPECT_EQ(events.ended()->reason, "hung up");
}

TEST_F(IncomingCall, ARequestOutOfOrderIsRefused500)
{
    const std::string tag = establish();
    ua.deliver(in_dialog("ACK", 1, tag, "z9hG4bKack1"));
    ua.deliver(in_dialog("OPTIONS", 5, tag, "z9hG4bKopt5"));
    ua.deliver(in_dialog("BYE", 4, tag, "z9hG4bKbye4"));
    EXPECT_EQ(ua.statuses("BYE"), std::vector<int>{500});
    EXPECT_EQ(call->state(), CallState::established);
}

TEST_F(IncomingCall, WithoutAnIncomingCallHandlerAnInviteIsRefused480)
{
    AgentUnderTest bare;
    bare.register_with_proxy();
    bare.deliver(invite_text(peer_sdp("127.0.0.1", 40000)));
    EXPECT_EQ(bare.statuses("INVITE"), std::vector<int>{480});
}

TEST_F(IncomingCall, BeyondMaxCallsAnInviteIsRefused486)
{
    UserAgentOptions options = test_options();
    options.max_calls = 1;
    AgentUnderTest small(options);
    small.register_with_proxy();
    std::vector<std::shared_ptr<Call>> calls;
    small.agent->on_incoming_call([&](std::shared_ptr<Call> incoming) { calls.push_back(incoming); });
    small.deliver(invite_text(peer_sdp("127.0.0.1", 40000)));
    std::string second = invite_text(peer_sdp("127.0.0.1", 40000), "z9hG4bKinv2");
    second.replace(second.find(call_id), call_id.size(), "incoming-2@192.0.2.20");
    small.deliver(second);
    EXPECT_EQ(calls.size(), 1u);
    EXPECT_EQ(small.statuses("INVITE"), (std::vector<int>{180, 486}));
    EXPECT_EQ(small.agent->counters().calls_refused, 1u);
}

TEST_F(IncomingCall, AnotherInviteWithTheCallsCallIdIsALoop482)
{
    ring();
    ua.deliver(invite_text(peer_sdp("127.0.0.1", 40000), "z9hG4bKmerged"));
    EXPECT_EQ(ua.statuses("INVITE"), (std::vector<int>{180, 482}));
    EXPECT_EQ(call->state(), CallState::incoming);
}

TEST_F(IncomingCall, RequestsForNoDialogOrUnknownMethodsAreAnsweredByTheAgent)
{
    ua.deliver(in_dialog("BYE", 2, "nosuchtag", "z9hG4bKstraybye"));
    EXPECT_EQ(ua.statuses("BYE"), std::vector<int>{481});
    ua.deliver(request_text("OPTIONS sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKopt", "Max-Forwards: 70",
                             "From: <sip:bob@example.com>;tag=o1", "To: <sip:alice@example.com>", "Call-ID: options-1",
                             "CSeq: 1 OPTIONS"}));
    ASSERT_EQ(ua.statuses("OPTIONS"), std::vector<int>{200});
    EXPECT_EQ(ua.responses("OPTIONS")[0].header("Allow"),
              "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY");
    ua.deliver(request_text("INFO sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKinfo", "Max-Forwards: 70",
                             "From: <sip:bob@example.com>;tag=i1", "To: <sip:alice@example.com>", "Call-ID: info-1",
                             "CSeq: 1 INFO"}));
    EXPECT_EQ(ua.statuses("INFO"), std::vector<int>{405});
    ua.deliver(request_text("CANCEL sip:alice@127.0.0.1:5062 SIP/2.0",
                            {"Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKnone", "Max-Forwards: 70",
                             "From: <sip:bob@example.com>;tag=c1", "To: <sip:alice@example.com>",
                             "Call-ID: nothing-here", "CSeq: 1 CANCEL"}));
    EXPECT_EQ(ua.statuses("CANCEL"), std::vector<int>{481});
}

} // namespace
} // namespace cordon::ua::test
