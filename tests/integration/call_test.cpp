// Two Cordon user agents call each other through a real Kamailio: INVITE
// with digest (407), ringing, answer with SDP offer/answer, MESSAGE, hold and
// resume by re-INVITE, BYE; CANCEL before the answer; a declined call.
// Neither agent listens: Kamailio reaches each over its own connection.
#include <chrono>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"

namespace cordon {
namespace {

using namespace std::chrono_literals;

using test::has;
using test::Party;
using test::registered;

class CallThroughKamailio : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        auto started = test::Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        plugins_ = test::builtin_plugins(logger_);
        make_party(alice_, "alice");
        make_party(bob_, "bob");
        run_until([&] { return registered(alice_) && registered(bob_); });
        ASSERT_TRUE(registered(alice_) && registered(bob_));
    }

    void make_party(Party &party, const std::string &user)
    {
        const Profile profile = test::fixture_profile(*kamailio_, user, GetParam());
        // SRTP over TLS; over udp keys cannot travel, so plain RTP there.
        UserAgentOptions options;
        options.media_encryption = MediaEncryption::optional;
        auto created = UserAgent::create(loop_, *plugins_, profile, options, logger_);
        ASSERT_TRUE(created.ok()) << created.error().message;
        party.ua = std::move(created.value());
        party.ua->on_registration([&party](const RegistrationStatus &s) { party.registrations.push_back(s); });
        party.ua->on_message([&party](const IncomingMessage &m) { party.messages.push_back(m); });
        party.ua->register_account();
    }

    void run_until(const std::function<bool()> &done) { test::run_until(loop_, done); }

    // bob's incoming calls ring (the test answers them), kept in bob_.call,
    // their events in bob_.events.
    void bob_takes_calls()
    {
        bob_.ua->on_incoming_call([this](std::shared_ptr<Call> call) {
            bob_.call = call;
            call->on_event([this](const CallEvent &event) { bob_.events.push_back(event); });
        });
    }

    std::shared_ptr<Call> alice_calls_bob()
    {
        auto call = alice_.ua->call("sip:bob@cordon.test", CallAudio{});
        EXPECT_TRUE(call.ok()) << call.error().message;
        if (!call) {
            return nullptr;
        }
        alice_.call = call.value();
        alice_.call->on_event([this](const CallEvent &event) { alice_.events.push_back(event); });
        return alice_.call;
    }

    boost::asio::io_context loop_;
    test::CapturingLogger logger_;
    std::unique_ptr<test::Kamailio> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
    Party alice_;
    Party bob_;
};

TEST_P(CallThroughKamailio, AnsweredCallCarriesAMessageHoldsResumesAndHangsUp)
{
    bob_takes_calls();
    ASSERT_TRUE(alice_calls_bob());
    run_until([&] { return has(alice_, CallEvent::Kind::ringing) && bob_.call != nullptr; });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::ringing));
    ASSERT_TRUE(bob_.call);
    ASSERT_TRUE(bob_.call->answer(CallAudio{}).ok());
    run_until([&] { return has(alice_, CallEvent::Kind::answered); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::answered));
    EXPECT_EQ(bob_.call->peer(), "sip:alice@cordon.test");
    EXPECT_EQ(alice_.call->state(), CallState::established);

    const auto alice_media = alice_.call->media();
    const auto bob_media = bob_.call->media();
    ASSERT_TRUE(alice_media && bob_media);
    EXPECT_EQ(alice_media->codec, "opus") << "the widest codec both offer";
    EXPECT_EQ(alice_media->codec, bob_media->codec);
    const auto alice_stats = alice_.call->media_stats();
    const auto bob_stats = bob_.call->media_stats();
    ASSERT_TRUE(alice_stats && bob_stats);
    EXPECT_EQ(alice_media->remote.port, bob_stats->local_rtp.port);
    EXPECT_EQ(bob_media->remote.port, alice_stats->local_rtp.port);
    EXPECT_EQ(alice_stats->local_rtp.address, "127.0.0.1");
    EXPECT_EQ(alice_stats->encryption, GetParam() == "tls" ? "AES_CM_128_HMAC_SHA1_80" : "");
    EXPECT_EQ(alice_media->direction, "sendrecv");

    std::vector<RequestOutcome> outcomes;
    const auto sent = alice_.ua->send_message("sip:bob@cordon.test", "text/plain", "hello bob",
                                              [&](const RequestOutcome &o) { outcomes.push_back(o); });
    if (GetParam() == "tls") {
        ASSERT_TRUE(sent.ok()) << sent.error().message;
        run_until([&] { return !outcomes.empty() && !bob_.messages.empty(); });
        ASSERT_EQ(outcomes.size(), 1u);
        EXPECT_EQ(outcomes.front().status_code, 200) << outcomes.front().reason;
        ASSERT_EQ(bob_.messages.size(), 1u);
        EXPECT_EQ(bob_.messages.front().body, "hello bob");
        EXPECT_EQ(bob_.messages.front().content_type, "text/plain");
        EXPECT_EQ(bob_.messages.front().from, "sip:alice@cordon.test");
        EXPECT_FALSE(bob_.messages.front().encrypted) << "TLS to the next hop: encryption.body_mode when-no-tls";
    } else {
        // Without TLS the body must be encrypted, and no certificate for bob is configured.
        ASSERT_FALSE(sent.ok());
        EXPECT_EQ(sent.error().code, ErrorCode::encryption_unavailable);
        EXPECT_NE(sent.error().message.find("sip:bob@cordon.test"), std::string::npos) << sent.error().message;
    }

    ASSERT_TRUE(alice_.call->hold().ok());
    run_until([&] { return has(alice_, CallEvent::Kind::held) && has(bob_, CallEvent::Kind::held); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::held));
    ASSERT_TRUE(has(bob_, CallEvent::Kind::held));
    EXPECT_EQ(alice_.call->media()->direction, "sendonly");
    EXPECT_EQ(bob_.call->media()->direction, "recvonly");

    ASSERT_TRUE(alice_.call->resume().ok());
    run_until([&] { return has(alice_, CallEvent::Kind::resumed) && has(bob_, CallEvent::Kind::resumed); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::resumed));
    EXPECT_EQ(alice_.call->media()->direction, "sendrecv");
    EXPECT_EQ(bob_.call->media()->direction, "sendrecv");

    alice_.call->hang_up();
    run_until([&] { return has(alice_, CallEvent::Kind::ended) && has(bob_, CallEvent::Kind::ended); });
    ASSERT_TRUE(has(bob_, CallEvent::Kind::ended));
    EXPECT_EQ(bob_.events.back().reason, "hung up by the peer");
    EXPECT_EQ(alice_.call->state(), CallState::ended);
    EXPECT_EQ(alice_.ua->counters().calls_active, 0u);
    EXPECT_EQ(bob_.ua->counters().calls_active, 0u);
}

TEST_P(CallThroughKamailio, HangingUpWhileRingingCancels)
{
    bob_takes_calls();
    ASSERT_TRUE(alice_calls_bob());
    run_until([&] { return has(alice_, CallEvent::Kind::ringing) && bob_.call != nullptr; });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::ringing));
    alice_.call->hang_up();
    run_until([&] { return has(alice_, CallEvent::Kind::ended) && has(bob_, CallEvent::Kind::ended); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::ended));
    EXPECT_EQ(alice_.events.back().status_code, 487);
    ASSERT_TRUE(has(bob_, CallEvent::Kind::ended));
    EXPECT_EQ(bob_.events.back().reason, "cancelled by the caller");
}

TEST_P(CallThroughKamailio, DeclinedCallEndsWithTheStatus)
{
    bob_.ua->on_incoming_call([](std::shared_ptr<Call> call) { ASSERT_TRUE(call->decline(486).ok()); });
    ASSERT_TRUE(alice_calls_bob());
    run_until([&] { return has(alice_, CallEvent::Kind::ended); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::ended));
    EXPECT_EQ(alice_.events.back().status_code, 486);
}

TEST_P(CallThroughKamailio, OptionsToTheServerIsAnswered)
{
    std::vector<RequestOutcome> outcomes;
    ASSERT_TRUE(
        alice_.ua->send_options("sip:cordon.test", [&](const RequestOutcome &o) { outcomes.push_back(o); }).ok());
    run_until([&] { return !outcomes.empty(); });
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes.front().status_code, 200) << outcomes.front().reason;
}

INSTANTIATE_TEST_SUITE_P(Transports, CallThroughKamailio, ::testing::Values("tls", "udp"));

} // namespace
} // namespace cordon
