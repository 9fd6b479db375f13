// Calls carry audio: two Cordon agents through a real Kamailio over TLS send
// each other tones over SRTP, each records what it hears, and the recordings
// are checked for the other side's frequency. Around it, what
// media.encryption refuses, and datagrams from strangers.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <gtest/gtest.h>

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "media/wav_file.hpp"
#include "tests/integration/call_parties.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/media/signal_analysis.hpp"

namespace cordon {
namespace {

using namespace std::chrono_literals;

constexpr double alice_tone_hz = 440.0;
constexpr double bob_tone_hz = 1000.0;
constexpr auto talk_time = 2s;
// 2 s of 20 ms frames is 100 packets; the first few may go before the peer
// has the answer, and the receive side validates a source over two packets.
constexpr std::uint64_t min_packets = 80;

using test::has;
using test::Party;
using test::registered;

class CallAudioThroughKamailio : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto started = test::Kamailio::start();
        ASSERT_TRUE(started.ok()) << started.error().message;
        kamailio_ = std::move(started.value());
        directory_ = kamailio_->runtime_directory() / "recordings";
        std::filesystem::create_directories(directory_);
    }

    void start_party(Party &party, const std::string &user, const std::string &transport, UserAgentOptions options,
                     PluginSearch search = {})
    {
        if (!plugins_) {
            search.directories = {builtin_plugin_directory()};
            search.trusted = {builtin_plugin_directory()};
            plugins_ = PluginRegistry::load(search, logger_);
        }
        const Profile profile = test::fixture_profile(*kamailio_, user, transport);
        auto created = UserAgent::create(loop_, *plugins_, profile, std::move(options), logger_);
        ASSERT_TRUE(created.ok()) << created.error().message;
        party.ua = std::move(created.value());
        party.ua->on_registration([&party](const RegistrationStatus &s) { party.registrations.push_back(s); });
        party.ua->register_account();
        run_until([&] { return registered(party); });
        ASSERT_TRUE(registered(party)) << user << " did not register";
    }

    void run_until(const std::function<bool()> &done, std::chrono::milliseconds limit = 10s)
    {
        test::run_until(loop_, done, limit);
    }

    void run_for(std::chrono::milliseconds duration)
    {
        const auto end = std::chrono::steady_clock::now() + duration;
        run_until([&] { return std::chrono::steady_clock::now() >= end; }, duration + 1s);
    }

    static CallAudio tone(double hz, const std::filesystem::path &record)
    {
        CallAudio audio;
        audio.source = CallAudio::Source::tone;
        audio.tone_hz = hz;
        audio.record_file = record.string();
        return audio;
    }

    // bob answers every call with `audio`.
    void bob_answers(const CallAudio &audio)
    {
        bob_.ua->on_incoming_call([this, audio](std::shared_ptr<Call> call) {
            bob_.call = call;
            call->on_event([this](const CallEvent &event) { bob_.events.push_back(event); });
            bob_answer_ = call->answer(audio);
        });
    }

    bool alice_calls_bob(const CallAudio &audio)
    {
        auto call = alice_.ua->call("sip:bob@cordon.test", audio);
        EXPECT_TRUE(call.ok()) << call.error().message;
        if (!call) {
            return false;
        }
        alice_.call = call.value();
        alice_.call->on_event([this](const CallEvent &event) { alice_.events.push_back(event); });
        return true;
    }

    // Share of the recording's energy in a sine of `hz` (least-squares fit),
    // skipping the first half second (the jitter buffer filling, the codec
    // settling): 1 for a clean tone, near 0 for anything else.
    static double tone_share(const std::filesystem::path &recording, double hz)
    {
        auto pcm = media::read_wav(recording);
        EXPECT_TRUE(pcm.ok()) << (pcm ? "" : pcm.error().message);
        if (!pcm || pcm->frames() < pcm->sample_rate) {
            return 0.0;
        }
        const auto samples = media::test::channel_of(*pcm, 0);
        const std::size_t begin = pcm->sample_rate / 2;
        const double level = media::test::rms(samples, begin, samples.size());
        const auto fit = media::test::fit_sine(samples, hz, pcm->sample_rate, begin, samples.size());
        return level == 0.0 ? 0.0 : fit.amplitude * fit.amplitude / 2.0 / (level * level);
    }

    boost::asio::io_context loop_;
    test::CapturingLogger logger_;
    std::unique_ptr<test::Kamailio> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
    std::filesystem::path directory_;
    Party alice_;
    Party bob_;
    std::optional<Result<void>> bob_answer_;
};

TEST_F(CallAudioThroughKamailio, TonesCrossTheCallBothWaysOverSrtp)
{
    start_party(alice_, "alice", "tls", {});
    start_party(bob_, "bob", "tls", {});
    bob_answers(tone(bob_tone_hz, directory_ / "bob-heard.wav"));
    ASSERT_TRUE(alice_calls_bob(tone(alice_tone_hz, directory_ / "alice-heard.wav")));
    run_until([&] { return has(alice_, CallEvent::Kind::answered); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::answered));
    ASSERT_TRUE(bob_answer_ && bob_answer_->ok());
    run_for(talk_time);
    const auto alice_stats = alice_.call->media_stats();
    const auto bob_stats = bob_.call->media_stats();
    alice_.call->hang_up();
    run_until([&] { return has(alice_, CallEvent::Kind::ended) && has(bob_, CallEvent::Kind::ended); });
    ASSERT_TRUE(alice_stats && bob_stats);

    for (const MediaStats *stats : {&*alice_stats, &*bob_stats}) {
        EXPECT_EQ(stats->encryption, "AES_CM_128_HMAC_SHA1_80");
        EXPECT_EQ(stats->codec, "opus");
        EXPECT_EQ(stats->codec_isolation, "in-process");
        EXPECT_EQ(stats->local_rtp.address, "127.0.0.1");
        EXPECT_GE(stats->packets_sent, min_packets);
        EXPECT_GE(stats->packets_received, min_packets);
        EXPECT_LE(stats->packets_lost, 2);
        EXPECT_EQ(stats->packets_unprotect_failed, 0u);
        EXPECT_EQ(stats->packets_from_strangers, 0u);
        EXPECT_GE(stats->frames_decoded, min_packets);
    }
    EXPECT_GT(tone_share(directory_ / "alice-heard.wav", bob_tone_hz), 0.9);
    EXPECT_GT(tone_share(directory_ / "bob-heard.wav", alice_tone_hz), 0.9);
    EXPECT_LT(tone_share(directory_ / "alice-heard.wav", alice_tone_hz), 0.05) << "alice hears bob, not herself";
}

TEST_F(CallAudioThroughKamailio, OpusInTheSandboxCarriesTheCall)
{
    PluginSearch search;
    search.sandboxed = {"org.cordon.codec.opus"};
    start_party(alice_, "alice", "tls", {}, search);
    start_party(bob_, "bob", "tls", {});
    bob_answers(tone(bob_tone_hz, directory_ / "bob-heard.wav"));
    ASSERT_TRUE(alice_calls_bob(tone(alice_tone_hz, directory_ / "alice-heard.wav")));
    run_until([&] { return has(alice_, CallEvent::Kind::answered); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::answered));
    run_for(talk_time);
    const auto stats = alice_.call->media_stats();
    alice_.call->hang_up();
    run_until([&] { return has(alice_, CallEvent::Kind::ended); });
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->codec_isolation, "sandbox");
    EXPECT_GE(stats->packets_sent, min_packets);
    EXPECT_GE(stats->frames_decoded, min_packets);
    EXPECT_GT(tone_share(directory_ / "alice-heard.wav", bob_tone_hz), 0.9);
    EXPECT_GT(tone_share(directory_ / "bob-heard.wav", alice_tone_hz), 0.9);
}

TEST_F(CallAudioThroughKamailio, DatagramsFromStrangersAreDroppedAndCounted)
{
    start_party(alice_, "alice", "tls", {});
    start_party(bob_, "bob", "tls", {});
    bob_answers(tone(bob_tone_hz, directory_ / "bob-heard.wav"));
    ASSERT_TRUE(alice_calls_bob(tone(alice_tone_hz, directory_ / "alice-heard.wav")));
    run_until([&] { return has(alice_, CallEvent::Kind::answered); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::answered));
    const Endpoint bob_rtp = bob_.call->media_stats()->local_rtp;

    // Another socket on the same machine sends RTP-looking datagrams to bob's port.
    boost::asio::ip::udp::socket stranger(
        loop_, boost::asio::ip::udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    const std::vector<std::uint8_t> datagram(172, 0x80);
    constexpr int sent = 25;
    for (int i = 0; i < sent; ++i) {
        stranger.send_to(boost::asio::buffer(datagram),
                         boost::asio::ip::udp::endpoint(boost::asio::ip::make_address(bob_rtp.address), bob_rtp.port));
    }
    run_for(1s);
    const auto stats = bob_.call->media_stats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->packets_from_strangers, static_cast<std::uint64_t>(sent));
    EXPECT_EQ(stats->packets_malformed, 0u) << "dropped before any parsing";
    EXPECT_GE(stats->packets_received, 30u) << "the call goes on";
    EXPECT_EQ(alice_.call->state(), CallState::established);
}

TEST_F(CallAudioThroughKamailio, RequiredEncryptionRefusesACallOverPlainSignalling)
{
    start_party(alice_, "alice", "udp", {});
    auto call = alice_.ua->call("sip:bob@cordon.test", CallAudio{});
    ASSERT_FALSE(call.ok());
    EXPECT_EQ(call.error().code, ErrorCode::unavailable);
    EXPECT_NE(call.error().message.find("next hop is udp, not an authenticated TLS server"), std::string::npos)
        << call.error().message;
}

TEST_F(CallAudioThroughKamailio, AnOfferWithoutKeysIsRefused488WhenEncryptionIsRequired)
{
    UserAgentOptions plain;
    plain.media_encryption = MediaEncryption::off;
    start_party(alice_, "alice", "tls", plain);
    start_party(bob_, "bob", "tls", {});
    bool offered_to_bob = false;
    bob_.ua->on_incoming_call([&](std::shared_ptr<Call>) { offered_to_bob = true; });
    ASSERT_TRUE(alice_calls_bob(CallAudio{}));
    run_until([&] { return has(alice_, CallEvent::Kind::ended); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::ended));
    EXPECT_EQ(alice_.events.back().status_code, 488);
    EXPECT_FALSE(offered_to_bob) << "refused before ringing";
}

TEST_F(CallAudioThroughKamailio, OptionalEncryptionFallsBackToPlainRtpWithAPlainPeer)
{
    UserAgentOptions optional;
    optional.media_encryption = MediaEncryption::optional;
    UserAgentOptions plain;
    plain.media_encryption = MediaEncryption::off;
    start_party(alice_, "alice", "tls", optional);
    start_party(bob_, "bob", "tls", plain);
    bob_answers(tone(bob_tone_hz, directory_ / "bob-heard.wav"));
    ASSERT_TRUE(alice_calls_bob(tone(alice_tone_hz, directory_ / "alice-heard.wav")));
    run_until([&] { return has(alice_, CallEvent::Kind::answered); });
    ASSERT_TRUE(has(alice_, CallEvent::Kind::answered));
    run_for(1s);
    const auto stats = alice_.call->media_stats();
    ASSERT_TRUE(stats);
    EXPECT_EQ(stats->encryption, "");
    EXPECT_GE(stats->packets_received, 30u);
}

} // namespace
} // namespace cordon
