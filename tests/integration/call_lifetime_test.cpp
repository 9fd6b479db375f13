// Calls that end although the peer never ends them, and leave nothing
// behind: an incoming call nobody answers or cancels (480 after the ring
// timeout), an outgoing call that only rings (cancelled), a cancelled INVITE
// whose final response never comes (given up), a peer gone silent (BYE after
// the media inactivity timeout; forged SRTP does not count as media, a call
// on hold is never ended), and a 2xx whose ACK never comes (sent again, then
// BYE). The peer is hand-written SIP through a real Kamailio
// (raw_sip_party.hpp), so the test decides what it never sends; the limits
// are set to a second or two. After each call the agent holds what it held
// before (UserAgent::alive).
#include <cctype>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/alive_figures.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/raw_rtp_socket.hpp"
#include "tests/integration/raw_sip_party.hpp"

namespace cordon::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// base64 of 30 bytes: an SDES master key and salt only the raw caller knows.
constexpr const char *raw_srtp_key = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";

// The SipUser, where a test's raw party is called alice too.
const SipUser &alice_user() { return alice; }

std::string upper(std::string text)
{
    for (char &c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

// Matches a message of one call (by its Call-ID).
RawSipParty::Wanted of_call(const std::string &call_id, const std::function<bool(const std::string &)> &also)
{
    return [call_id, also](const std::string &message) {
        return only_header(message, "Call-ID") == call_id && also(message);
    };
}

std::function<bool(const std::string &)> status_is(int code)
{
    return [code](const std::string &message) { return status_code(message) == code; };
}

std::function<bool(const std::string &)> final_status()
{
    return [](const std::string &message) { return status_code(message) >= 200; };
}

class CallLifetime : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        auto started = Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        plugins_ = builtin_plugins(logger_);
    }

    void TearDown() override
    {
        if (HasFailure()) {
            for (const auto &line : logger_.lines()) {
                std::printf("  log: %s\n", line.c_str());
            }
        }
    }

    // A Cordon agent for user over this test's transport, registered; its
    // incoming calls are kept in call_ and, when answer_ says so, answered.
    std::unique_ptr<UserAgent> registered_agent(const std::string &user, UserAgentOptions options)
    {
        auto created =
            UserAgent::create(loop_, *plugins_, fixture_profile(*kamailio_, user, GetParam()), options, logger_);
        EXPECT_TRUE(created.ok()) << created.error().message;
        if (!created) {
            return nullptr;
        }
        auto agent = std::move(created.value());
        agent->on_incoming_call([this](std::shared_ptr<Call> call) {
            call_ = call;
            call->on_event([this](const CallEvent &event) { events_.push_back(event); });
            if (answer_) {
                EXPECT_TRUE(call->answer(CallAudio{}).ok());
            }
        });
        agent->register_account();
        run_until(loop_, [&] { return agent->registration().state == RegistrationState::registered; });
        EXPECT_EQ(agent->registration().state, RegistrationState::registered);
        return agent;
    }

    std::unique_ptr<RawSipParty> raw_party()
    {
        auto opened = Peer::open(*kamailio_, upper(GetParam()));
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        return opened ? std::make_unique<RawSipParty>(std::move(*opened), loop_) : nullptr;
    }

    // Raw alice calls Cordon's bob with sdp, past Kamailio's challenge.
    static SipRequest invite_to_bob(const std::string &sdp)
    {
        SipRequest invite;
        invite.method = "INVITE";
        invite.request_uri = "sip:bob@cordon.test";
        invite.from_user = "alice";
        invite.to_user = "bob";
        invite.call_id = "lifetime-" + std::to_string(Clock::now().time_since_epoch().count()) + "@cordon.test";
        invite.extra_headers = {"Content-Type: application/sdp"};
        invite.body = sdp;
        return invite;
    }

    // Cordon's bob, registered with options, what he holds before any call,
    // and raw alice to call him.
    void bob_and_raw_alice(const UserAgentOptions &options)
    {
        bob_ = registered_agent("bob", options);
        ASSERT_TRUE(bob_);
        before_ = settled(bob_->alive());
        alice_ = raw_party();
        ASSERT_TRUE(alice_);
    }

    // A raw party registered as bob (past the registrar's challenge), for
    // calls Cordon's alice makes.
    std::unique_ptr<RawSipParty> registered_raw_bob()
    {
        auto raw_bob = raw_party();
        if (!raw_bob) {
            return nullptr;
        }
        SipRequest request = register_request(bob);
        const auto challenged = raw_bob->peer().exchange(request);
        EXPECT_TRUE(challenged && status_code(*challenged) == 401);
        const auto answer =
            challenged ? answer_digest(only_header(*challenged, "WWW-Authenticate"), bob, "REGISTER", registrar_uri)
                       : std::nullopt;
        EXPECT_TRUE(answer);
        if (!answer) {
            return nullptr;
        }
        request.cseq = 2;
        request.extra_headers = {"Authorization: " + *answer};
        const auto registered = raw_bob->peer().exchange(request);
        EXPECT_TRUE(registered && status_code(*registered) == 200);
        return registered && status_code(*registered) == 200 ? std::move(raw_bob) : nullptr;
    }

    // Raw bob registered, Cordon's alice registered with options and what
    // she holds before any call, and her call to bob placed (call_).
    void cordon_alice_calls_raw_bob(const UserAgentOptions &options)
    {
        raw_bob_ = registered_raw_bob();
        ASSERT_TRUE(raw_bob_);
        cordon_alice_ = registered_agent("alice", options);
        ASSERT_TRUE(cordon_alice_);
        before_ = settled(cordon_alice_->alive());
        auto placed = cordon_alice_->call("sip:bob@cordon.test", CallAudio{});
        ASSERT_TRUE(placed.ok()) << placed.error().message;
        call_ = std::move(placed.value()); // moved: a copy left in placed would keep the call
        call_->on_event([this](const CallEvent &event) { events_.push_back(event); });
    }

    // Raw alice's INVITE to bob (PCMU from rtp_, SRTP with srtp_key),
    // sent past Kamailio's challenge.
    SipRequest alice_calls_bob(const std::vector<std::string> &extra_headers = {}, const std::string &srtp_key = {})
    {
        SipRequest invite = invite_to_bob(pcmu_offer(rtp_.rtp_port(), rtp_.rtcp_port(), srtp_key));
        invite.extra_headers.insert(invite.extra_headers.end(), extra_headers.begin(), extra_headers.end());
        EXPECT_TRUE(alice_->send_past_challenge(invite, alice_user())) << "Kamailio did not take alice's INVITE";
        return invite;
    }

    // Raw alice acknowledges bob's 200 and returns the port bob's RTP listens on.
    std::uint16_t alice_acknowledges(const std::string &ok)
    {
        EXPECT_TRUE(alice_->peer().send(ack_for(ok, upper(GetParam()), alice_->peer().local_port())));
        return media_port_of(body_of(ok));
    }

    bool until(const std::function<bool()> &done, std::chrono::milliseconds limit = 10s)
    {
        run_until(loop_, done, limit);
        return done();
    }

    bool ended() const { return !events_.empty() && events_.back().kind == CallEvent::Kind::ended; }

    // The agent gives back all the call took (the test let go of the call).
    ::testing::AssertionResult back_to(UserAgent &agent, const Settled &before)
    {
        call_.reset();
        until([&] { return settled(agent.alive()) == before; }, 3s);
        if (settled(agent.alive()) == before) {
            return ::testing::AssertionSuccess();
        }
        return ::testing::AssertionFailure()
               << "the agent holds " << describe(settled(agent.alive())) << "; before the call, " << describe(before);
    }

    boost::asio::io_context loop_;
    CapturingLogger logger_;
    std::unique_ptr<Kamailio> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
    bool answer_ = false;
    std::unique_ptr<UserAgent> bob_;
    Settled before_{};
    std::unique_ptr<RawSipParty> alice_;
    std::unique_ptr<RawSipParty> raw_bob_;
    std::unique_ptr<UserAgent> cordon_alice_;
    RawRtpSocket rtp_;
    std::shared_ptr<Call> call_;
    std::vector<CallEvent> events_;
};

// A CANCEL that never comes, or an application that never answers: with
// one call allowed, a second call is taken only because the first let go.
TEST_P(CallLifetime, AnIncomingCallNobodyAnswersIsRefused480AfterTheRingTimeout)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.ring_timeout = 1s;
    options.max_calls = 1;
    ASSERT_NO_FATAL_FAILURE(bob_and_raw_alice(options));
    for (int attempt = 1; attempt <= 2; ++attempt) {
        events_.clear();
        const SipRequest invite = alice_calls_bob();
        const auto ringing = alice_->await(of_call(invite.call_id, status_is(180)), 5s);
        ASSERT_TRUE(ringing) << "attempt " << attempt << ": bob did not ring (486 when the first call is kept)";
        const auto rang = Clock::now();
        const auto refused = alice_->await(of_call(invite.call_id, final_status()), 5s);
        ASSERT_TRUE(refused) << "attempt " << attempt << ": the call was never refused";
        EXPECT_EQ(status_code(*refused), 480) << *refused;
        EXPECT_GE(Clock::now() - rang, 900ms);
        ASSERT_TRUE(until([&] { return ended(); }, 2s));
        EXPECT_EQ(events_.back().status_code, 480);
        EXPECT_EQ(events_.back().reason, "not answered within 1 s (ring timeout)");
        EXPECT_EQ(call_->state(), CallState::ended);
        EXPECT_TRUE(back_to(*bob_, before_)) << "attempt " << attempt;
    }
}

// RFC 3261 section 13.3.1: an INVITE whose Expires runs out before the ring
// timeout is withdrawn with 487, and the call gives back all it took; a
// longer Expires leaves the ring timeout in charge.
TEST_P(CallLifetime, AnIncomingInviteThatExpiresIsRefused487)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.ring_timeout = 3s;
    ASSERT_NO_FATAL_FAILURE(bob_and_raw_alice(options));
    const SipRequest invite = alice_calls_bob({"Expires: 1"});
    ASSERT_TRUE(alice_->await(of_call(invite.call_id, status_is(180)), 5s));
    const auto rang = Clock::now();
    const auto refused = alice_->await(of_call(invite.call_id, final_status()), 5s);
    ASSERT_TRUE(refused) << "the expired INVITE was never refused";
    EXPECT_EQ(status_code(*refused), 487) << *refused;
    EXPECT_GE(Clock::now() - rang, 900ms);
    EXPECT_LT(Clock::now() - rang, 2500ms) << "the ring timeout, not the Expires, ended it";
    ASSERT_TRUE(until([&] { return ended(); }, 2s));
    EXPECT_EQ(events_.back().status_code, 487);
    EXPECT_EQ(events_.back().reason, "not answered within the 1 s the caller's Expires allowed");
    EXPECT_TRUE(back_to(*bob_, before_));

    events_.clear();
    const SipRequest patient = alice_calls_bob({"Expires: 60"});
    const auto final = alice_->await(of_call(patient.call_id, final_status()), 6s);
    ASSERT_TRUE(final);
    EXPECT_EQ(status_code(*final), 480) << *final;
    ASSERT_TRUE(until([&] { return ended(); }, 2s));
    EXPECT_TRUE(back_to(*bob_, before_));
}

// RFC 3261's Timer C for a user agent: provisional responses for ever,
// then a CANCEL, and the call ends with the reason.
TEST_P(CallLifetime, AnOutgoingCallThatOnlyRingsIsCancelledAfterTheRingTimeout)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.ring_timeout = 1s;
    ASSERT_NO_FATAL_FAILURE(cordon_alice_calls_raw_bob(options));
    RawSipParty *raw_bob = raw_bob_.get();
    const auto called = Clock::now();
    const auto invite = raw_bob->await_request("INVITE", 5s);
    ASSERT_TRUE(invite);
    const std::string contact = "<sip:bob@raw.invalid;transport=" + GetParam() + ">";
    ASSERT_TRUE(raw_bob->peer().send(response_to(*invite, "180 Ringing", "raw-bob", contact)));
    const auto cancel = raw_bob->await_request("CANCEL", 5s);
    ASSERT_TRUE(cancel) << "alice never gave up on a call that only rings";
    EXPECT_GE(Clock::now() - called, 900ms);
    ASSERT_TRUE(raw_bob->peer().send(response_to(*cancel, "200 OK")));
    ASSERT_TRUE(raw_bob->peer().send(response_to(*invite, "487 Request Terminated", "raw-bob")));
    ASSERT_TRUE(until([&] { return ended(); }, 5s));
    EXPECT_EQ(events_.back().status_code, 487);
    EXPECT_EQ(events_.back().reason, "no answer within 1 s (ring timeout), cancelled");
    EXPECT_TRUE(back_to(*cordon_alice_, before_));
}

// RFC 3261 section 13.2.2.4: a forking proxy may deliver a 2xx from each
// fork. The call keeps the first; the second gets its ACK and then a BYE,
// once, and its 2xx sent again is only acknowledged again. Raw bob plays
// both forks (two To tags for one INVITE); Kamailio relays every 2xx.
TEST_P(CallLifetime, ASecondForksAnswerIsAcknowledgedAndEndedWhileTheCallKeepsTheFirst)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::off;
    options.media_inactivity_timeout = 0s;
    ASSERT_NO_FATAL_FAILURE(cordon_alice_calls_raw_bob(options));
    RawSipParty *raw_bob = raw_bob_.get();
    const auto invite = raw_bob->await_request("INVITE", 5s);
    ASSERT_TRUE(invite);
    const std::string contact = "<sip:bob@raw.invalid;transport=" + GetParam() + ">";
    const auto answer_from = [&](const std::string &tag) {
        const std::string sdp = pcmu_offer(rtp_.rtp_port(), rtp_.rtcp_port());
        std::string ok = response_to(*invite, "200 OK", tag, contact);
        ok.replace(ok.find("Content-Length: 0\r\n"), 19,
                   "Content-Type: application/sdp\r\nContent-Length: " + std::to_string(sdp.size()) + "\r\n");
        return ok + sdp;
    };
    const auto in_fork = [](const std::string &method, const std::string &tag) {
        return [method, tag](const std::string &message) {
            return message.starts_with(method + " ") && tag_of(only_header(message, "To")) == tag;
        };
    };

    ASSERT_TRUE(raw_bob->peer().send(answer_from("fork-a")));
    ASSERT_TRUE(raw_bob->await(in_fork("ACK", "fork-a"), 5s)) << "the first 2xx was not acknowledged";
    ASSERT_TRUE(until([&] { return call_->state() == CallState::established; }, 2s));

    ASSERT_TRUE(raw_bob->peer().send(answer_from("fork-b")));
    EXPECT_TRUE(raw_bob->await(in_fork("ACK", "fork-b"), 5s)) << "the second fork's 2xx was not acknowledged";
    const auto bye = raw_bob->await(in_fork("BYE", "fork-b"), 5s);
    ASSERT_TRUE(bye) << "the second fork's dialog was not ended";
    ASSERT_TRUE(raw_bob->peer().send(response_to(*bye, "200 OK")));
    EXPECT_EQ(call_->state(), CallState::established) << "ending the other fork ended the call";

    ASSERT_TRUE(raw_bob->peer().send(answer_from("fork-b"))); // sent again: its ACK was lost
    EXPECT_TRUE(raw_bob->await(in_fork("ACK", "fork-b"), 5s)) << "the second fork's 2xx sent again went unanswered";
    EXPECT_FALSE(raw_bob->await(in_fork("BYE", "fork-b"), 1s)) << "the other fork's dialog was ended twice";
    EXPECT_EQ(call_->state(), CallState::established);

    call_->hang_up();
    const auto hang_up = raw_bob->await(in_fork("BYE", "fork-a"), 5s);
    ASSERT_TRUE(hang_up) << "the call kept was not the first fork's";
    ASSERT_TRUE(raw_bob->peer().send(response_to(*hang_up, "200 OK")));
    ASSERT_TRUE(until([&] { return ended(); }, 5s));
    EXPECT_TRUE(back_to(*cordon_alice_, before_));
}

// The peer sends media for twice the limit and the call stays; then it goes
// quiet without a BYE, and the agent hangs up: its media ends with the BYE,
// not with the BYE's transaction.
TEST_P(CallLifetime, ASilentPeerIsHungUpAfterTheMediaInactivityTimeout)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.media_inactivity_timeout = 1s;
    answer_ = true;
    ASSERT_NO_FATAL_FAILURE(bob_and_raw_alice(options));
    const SipRequest invite = alice_calls_bob();
    const auto ok = alice_->await(of_call(invite.call_id, status_is(200)), 5s);
    ASSERT_TRUE(ok);
    const std::uint16_t bob_rtp = alice_acknowledges(*ok);
    ASSERT_NE(bob_rtp, 0);

    alice_->pump(2500ms, [&] { rtp_.every_frame([&] { rtp_.send_pcmu(bob_rtp); }); });
    ASSERT_TRUE(call_);
    EXPECT_EQ(call_->state(), CallState::established) << "ended while the peer was talking";
    EXPECT_FALSE(ended());

    const auto silent_since = Clock::now();
    const auto bye = alice_->await_request("BYE", 5s, [&] { rtp_.drain(); });
    ASSERT_TRUE(bye) << "no BYE for a call whose peer went silent";
    EXPECT_GE(Clock::now() - silent_since, 900ms);
    // The BYE's transaction still runs, the media is already gone.
    run_until(
        loop_, [] { return false; }, 100ms);
    EXPECT_FALSE(ended());
    const Settled ending = settled(bob_->alive());
    EXPECT_EQ(ending.media_streams, before_.media_streams) << "the stream outlived the BYE";
    EXPECT_EQ(ending.codec_instances, before_.codec_instances) << "the codec outlived the BYE";
    EXPECT_EQ(ending.calls, before_.calls + 1);
    ASSERT_TRUE(alice_->peer().send(response_to(*bye, "200 OK")));
    ASSERT_TRUE(until([&] { return ended(); }, 5s));
    EXPECT_EQ(events_.back().reason, "no media from the peer for 1 s");
    const auto stats = call_->media_stats();
    ASSERT_TRUE(stats);
    EXPECT_GT(stats->packets_received, 50u);
    EXPECT_TRUE(back_to(*bob_, before_));
}

// RFC 3261 section 13.3.1.4, on every transport: the 2xx goes again until
// its ACK, and without one the call ends with a BYE 64*T1 later.
TEST_P(CallLifetime, A200WithoutAnAckIsSentAgainThenTheCallEndsWithABye)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.media_inactivity_timeout = 0s;
    options.timer_64_t1 = 2s;
    answer_ = true;
    ASSERT_NO_FATAL_FAILURE(bob_and_raw_alice(options));
    const SipRequest invite = alice_calls_bob();
    const auto ok = alice_->await(of_call(invite.call_id, status_is(200)), 5s);
    ASSERT_TRUE(ok);
    const auto answered = Clock::now();

    const auto bye = alice_->await_request("BYE", 6s, [&] { rtp_.drain(); });
    ASSERT_TRUE(bye) << "no BYE for a 200 that was never acknowledged";
    EXPECT_GE(Clock::now() - answered, 1900ms);
    // Sent again at T1 and 3*T1 (0.5 s, 1.5 s); Kamailio relays each.
    EXPECT_GE(alice_->count_set_aside(of_call(invite.call_id, status_is(200))), 2u);
    ASSERT_TRUE(alice_->peer().send(response_to(*bye, "200 OK")));
    ASSERT_TRUE(until([&] { return ended(); }, 5s));
    EXPECT_EQ(events_.back().reason, "no ACK for the 200 OK within 2 s");
    EXPECT_TRUE(back_to(*bob_, before_));
}

// A second INVITE under the Call-ID of a call (another From tag: a merged
// or forged request) is refused 482 and replaces nothing: the call it named
// is still the agent's, and ends by its own rule (here: no ACK) as before.
TEST_P(CallLifetime, AnInviteReusingTheCallIdOfACallIsRefusedAndReplacesNothing)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.media_inactivity_timeout = 0s;
    options.timer_64_t1 = 2s;
    answer_ = true;
    ASSERT_NO_FATAL_FAILURE(bob_and_raw_alice(options));
    const SipRequest invite = alice_calls_bob();
    ASSERT_TRUE(alice_->await(of_call(invite.call_id, status_is(200)), 5s));
    std::shared_ptr<Call> first = call_;
    ASSERT_TRUE(first);

    SipRequest reuse = invite_to_bob(pcmu_offer(rtp_.rtp_port(), rtp_.rtcp_port()));
    reuse.call_id = invite.call_id; // its From tag is a fresh one
    ASSERT_TRUE(alice_->send_past_challenge(reuse, alice_user()));
    EXPECT_TRUE(alice_->await(of_call(invite.call_id, status_is(482)), 5s))
        << "an INVITE reusing a call's Call-ID was not refused 482";
    EXPECT_EQ(call_, first) << "the INVITE reusing the Call-ID was offered as a new call";

    const auto bye = alice_->await_request("BYE", 6s, [&] { rtp_.drain(); });
    ASSERT_TRUE(bye) << "the first call no longer ends by its own rule";
    ASSERT_TRUE(alice_->peer().send(response_to(*bye, "200 OK")));
    ASSERT_TRUE(until([&] { return ended(); }, 5s));
    EXPECT_EQ(events_.back().reason, "no ACK for the 200 OK within 2 s");
    first.reset();
    EXPECT_TRUE(back_to(*bob_, before_));
}

// Two Cordon agents: a call held either way owes no media, so neither side
// ends it however long it stays quiet; resumed, it goes on.
TEST_P(CallLifetime, ACallOnHoldIsNeverEndedForSilence)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.media_inactivity_timeout = 1s;
    answer_ = true;
    auto bob = registered_agent("bob", options);
    auto alice = registered_agent("alice", options);
    ASSERT_TRUE(alice && bob);
    std::vector<CallEvent> alice_events;
    auto placed = alice->call("sip:bob@cordon.test", CallAudio{});
    ASSERT_TRUE(placed.ok()) << placed.error().message;
    auto alice_call = std::move(placed.value());
    alice_call->on_event([&](const CallEvent &event) { alice_events.push_back(event); });
    ASSERT_TRUE(until([&] { return alice_call->state() == CallState::established; }));
    ASSERT_TRUE(alice_call->hold().ok());
    ASSERT_TRUE(until([&] { return alice_call->media() && alice_call->media()->direction == "sendonly"; }));
    until([] { return false; }, 2500ms);
    EXPECT_EQ(alice_call->state(), CallState::established) << "held by alice: bob owes her nothing";
    EXPECT_EQ(call_->state(), CallState::established) << "held by alice: bob hears her";
    const auto alice_heard = alice_call->media_stats()->packets_received;
    ASSERT_TRUE(alice_call->resume().ok());
    ASSERT_TRUE(until([&] { return alice_call->media() && alice_call->media()->direction == "sendrecv"; }));
    until([] { return false; }, 1500ms);
    EXPECT_EQ(alice_call->state(), CallState::established);
    EXPECT_GT(alice_call->media_stats()->packets_received, alice_heard + 20) << "resumed: bob sends again";
    alice_call->hang_up();
    ASSERT_TRUE(until([&] { return ended(); }));
    EXPECT_EQ(events_.back().reason, "hung up by the peer");
}

INSTANTIATE_TEST_SUITE_P(Transports, CallLifetime, ::testing::Values("tls", "udp"));

// SRTP needs TLS signalling (SDES keys never travel in clear).
class CallLifetimeOverTls : public CallLifetime {};

// A peer gone silent while someone sprays forged packets at its call: they
// fail SRTP authentication, so they never count as the peer's media.
TEST_P(CallLifetimeOverTls, ForgedSrtpDoesNotKeepASilentCallAlive)
{
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::required;
    options.media_inactivity_timeout = 1s;
    answer_ = true;
    ASSERT_NO_FATAL_FAILURE(bob_and_raw_alice(options));
    const SipRequest invite = alice_calls_bob({}, raw_srtp_key);
    const auto ok = alice_->await(of_call(invite.call_id, status_is(200)), 5s);
    ASSERT_TRUE(ok);
    ASSERT_NE(body_of(*ok).find("RTP/SAVP"), std::string::npos) << *ok;
    const std::uint16_t bob_rtp = alice_acknowledges(*ok);

    const auto answered = Clock::now();
    const auto bye = alice_->await_request("BYE", 5s, [&] { rtp_.every_frame([&] { rtp_.send_junk(bob_rtp); }); });
    ASSERT_TRUE(bye) << "forged packets kept the call alive";
    EXPECT_GE(Clock::now() - answered, 900ms);
    ASSERT_TRUE(alice_->peer().send(response_to(*bye, "200 OK")));
    ASSERT_TRUE(until([&] { return ended(); }, 5s));
    EXPECT_EQ(events_.back().reason, "no media from the peer for 1 s");
    const auto stats = call_->media_stats();
    ASSERT_TRUE(stats);
    EXPECT_GT(stats->packets_unprotect_failed, 20u);
    EXPECT_EQ(stats->packets_received, 0u);
    EXPECT_TRUE(back_to(*bob_, before_));
}

INSTANTIATE_TEST_SUITE_P(Tls, CallLifetimeOverTls, ::testing::Values("tls"));

// The port of a request's top Via (sent-by), or 0.
std::uint16_t via_port(const std::string &request)
{
    const auto vias = header_values(request, "Via");
    if (vias.empty()) {
        return 0;
    }
    const std::string &via = vias.front();
    const auto colon = via.find(':', via.find(' '));
    return colon == std::string::npos ? 0 : static_cast<std::uint16_t>(std::stoul(via.substr(colon + 1)));
}

// The agent's outbound proxy is a raw UDP socket that relays a 180, takes
// the CANCEL, and never sends the INVITE's final response, as no Kamailio
// would: RFC 3261 section 9.1 lets the caller give up 64*T1 after its
// CANCEL, and the INVITE's transaction, which would wait for ever, goes too.
TEST(CallLifetimeWithoutAFinalResponse, ACancelledInviteThatIsNeverAnsweredIsGivenUp)
{
    boost::asio::io_context loop;
    CapturingLogger logger;
    auto plugins = builtin_plugins(logger);
    auto proxy = UdpSipSocket::open();
    ASSERT_TRUE(proxy.ok()) << proxy.error().message;
    Profile profile;
    profile.identity = "sip:alice@cordon.test";
    profile.password = "alice-password";
    profile.transport = "udp";
    profile.outbound_proxy = "127.0.0.1:" + std::to_string(proxy->local_port());
    profile.local_address = "127.0.0.1";
    UserAgentOptions options;
    options.media_encryption = MediaEncryption::optional;
    options.ring_timeout = 1s;
    options.timer_64_t1 = 1s;
    auto created = UserAgent::create(loop, *plugins, profile, options, logger);
    ASSERT_TRUE(created.ok()) << created.error().message;
    auto alice = std::move(created.value());
    const Settled before = settled(alice->alive());
    const std::size_t transactions_before = alice->alive().transactions;

    auto placed = alice->call("sip:bob@cordon.test", CallAudio{});
    ASSERT_TRUE(placed.ok()) << placed.error().message;
    auto call = std::move(placed.value());
    std::vector<CallEvent> events;
    call->on_event([&](const CallEvent &event) { events.push_back(event); });
    const auto request = [&](const std::string &method) -> std::optional<std::string> {
        const auto deadline = Clock::now() + 5s;
        while (Clock::now() < deadline) {
            loop.run_for(5ms);
            loop.restart();
            while (auto message = proxy->receive(1ms)) {
                if (message->starts_with(method + " ")) {
                    return message;
                }
            }
        }
        return std::nullopt;
    };
    const auto invite = request("INVITE");
    ASSERT_TRUE(invite);
    const std::uint16_t alice_port = via_port(*invite);
    ASSERT_TRUE(proxy->send_to(alice_port, response_to(*invite, "180 Ringing", "proxy")).ok());
    const auto cancel = request("CANCEL");
    ASSERT_TRUE(cancel);
    ASSERT_TRUE(proxy->send_to(alice_port, response_to(*cancel, "200 OK")).ok());
    const auto cancelled = Clock::now();

    run_until(
        loop, [&] { return !events.empty() && events.back().kind == CallEvent::Kind::ended; }, 5s);
    ASSERT_FALSE(events.empty());
    ASSERT_EQ(events.back().kind, CallEvent::Kind::ended) << "the call waits for ever for a final response";
    EXPECT_GE(Clock::now() - cancelled, 900ms);
    EXPECT_EQ(events.back().status_code, 408);
    EXPECT_EQ(events.back().reason, "no answer within 1 s (ring timeout), cancelled, and no final response came "
                                    "within 1 s of the CANCEL");
    call.reset();
    // The CANCEL's own transaction ends by Timer K (T4, 5 s) over UDP.
    run_until(
        loop, [&] { return settled(alice->alive()) == before && alice->alive().transactions == transactions_before; },
        8s);
    EXPECT_EQ(settled(alice->alive()), before) << describe(settled(alice->alive()));
    EXPECT_EQ(alice->alive().transactions, transactions_before);
}

} // namespace
} // namespace cordon::test
