// Cordon and a real baresip 1.0 call each other through Kamailio over TLS
// with SRTP required, once with Opus and once with PCMU, in both
// directions: Cordon (alice) plays a voice, baresip (bob) a sweep; what each
// side recorded must match the other side's signal window by window, and
// Cordon's media figures must show an SRTP call that carried audio both ways.
// baresip hangs up when its file ends, which ends each call without a sleep.
#include "tests/integration/baresip_fixture.hpp"
#include "tests/integration/cordon_agents.hpp"
#include "tests/integration/kamailio_fixture.hpp"

#include "cordon/host/plugins.hpp"
#include "cordon/host/user_agent.hpp"
#include "media/pcm.hpp"
#include "media/speech_signal.hpp"
#include "media/tone_sweep.hpp"
#include "media/wav_file.hpp"
#include "media/windowed_similarity.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>

namespace cordon::test {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

constexpr double signal_seconds = 3.0;
// baresip's source plays silence after its signal, so that when it ends (and
// baresip hangs up) all of Cordon's signal has been heard; Cordon plays
// silence after its file on its own.
constexpr double tail_seconds = 0.5;
constexpr uint32_t voice_seed = 11;
constexpr double sweep_low_hz = 150.0;
constexpr double sweep_high_hz = 3400.0; // inside G.711's band
// Registration, call set-up and 3.5 s of audio on a loaded machine.
constexpr milliseconds setup_timeout{10000};
constexpr milliseconds call_end_timeout{15000};
// How often the test turns from Cordon's loop to baresip's control socket.
constexpr milliseconds loop_slice{5};
// As in the baresip self-test: a lost or late packet costs a window or two,
// a call that carried no audio costs all.
constexpr double min_matched_share = 0.9;
constexpr double max_share_of_own_signal = 0.2;
// 20 ms frames for at least the signal's length, with a margin for the
// recording starting late on a loaded machine.
constexpr uint64_t min_packets_each_way = static_cast<uint64_t>(signal_seconds / 0.02 * 0.9);
// Loopback loses nothing; a packet or two in flight at the hang-up may.
constexpr int64_t max_packets_lost = 5;
// baresip 1.0 sends two RTCP packets in clear, which Cordon drops as
// unauthenticated: an APP "PING" to open NAT pinholes when its stream starts
// (sent again under SRTCP just after), and its BYE when the call ends (when
// Cordon has not closed its sockets first).
constexpr uint64_t max_unprotect_failures = 2;
// The SRTCP copy of that APP packet stands alone, which RFC 3550 section 6.1
// does not allow (a compound starts with SR or RR): counted as malformed.
constexpr uint64_t max_malformed = 1;
constexpr const char *srtp_suite = "AES_CM_128_HMAC_SHA1_80";

struct CodecCase {
    const char *cordon_codec;  // UserAgentOptions::codecs, MediaStats::codec
    const char *baresip_codec; // the baresip account's audio_codecs
    uint32_t rate;             // the codec's; the sources are written at it (baresip plays them unresampled)
    const char *name;
};

void PrintTo(const CodecCase &codec, std::ostream *out) { *out << codec.cordon_codec; }

media::Pcm with_tail(media::Pcm signal)
{
    signal.samples.resize(signal.samples.size() + static_cast<size_t>(tail_seconds * signal.sample_rate), 0);
    return signal;
}

class BaresipInterop : public ::testing::TestWithParam<CodecCase> {
protected:
    void SetUp() override
    {
        auto kamailio = Kamailio::start(); // MD5 digest: baresip 1.0 answers nothing else
        ASSERT_TRUE(kamailio) << kamailio.error().message;
        kamailio_ = std::move(*kamailio);
        const uint32_t rate = GetParam().rate;
        alice_signal_ = media::generate_speech_like(rate, 1, signal_seconds, voice_seed);
        bob_signal_ = media::generate_tone_sweep(rate, signal_seconds, sweep_low_hz, sweep_high_hz);
        start_bob();
        if (HasFatalFailure()) {
            return;
        }
        start_alice();
    }

    // Cordon's side of a failure: its log (baresip and Kamailio print theirs).
    void TearDown() override
    {
        if (HasFailure()) {
            std::cout << "---- Cordon's log ----\n";
            for (const std::string &line : logger_.lines()) {
                std::cout << line << "\n";
            }
        }
    }

    void start_bob()
    {
        const auto wav = kamailio_->runtime_directory() / "bob-source.wav";
        auto written = media::write_wav(wav, with_tail(bob_signal_));
        ASSERT_TRUE(written) << written.error().message;
        BaresipOptions options;
        options.user = {"bob", "bob-password"};
        options.kamailio_tls_port = kamailio_->ports().tls;
        options.ca_file = kamailio_->ca_file();
        options.audio_codec = GetParam().baresip_codec;
        options.source_wav = wav;
        auto started = Baresip::start(options);
        ASSERT_TRUE(started) << started.error().message;
        bob_ = std::move(*started);
    }

    // Cordon over TLS, trusting the fixture's CA, SRTP required (the default).
    void start_alice()
    {
        alice_source_ = kamailio_->runtime_directory() / "alice-source.wav";
        auto written = media::write_wav(alice_source_, alice_signal_);
        ASSERT_TRUE(written) << written.error().message;
        plugins_ = builtin_plugins(logger_);
        Profile profile;
        profile.identity = "sip:alice@cordon.test";
        profile.password = "alice-password";
        profile.transport = "tls";
        profile.outbound_proxy = "127.0.0.1:" + std::to_string(kamailio_->ports().tls);
        profile.local_address = "127.0.0.1";
        profile.tls.ca_file = kamailio_->ca_file().string();
        UserAgentOptions options;
        options.codecs = {GetParam().cordon_codec};
        ASSERT_EQ(options.media_encryption, MediaEncryption::required);
        auto created = UserAgent::create(loop_, *plugins_, profile, options, logger_);
        ASSERT_TRUE(created) << created.error().message;
        alice_ = std::move(*created);
        alice_->on_registration([this](const RegistrationStatus &status) { alice_registration_ = status; });
        alice_->register_account();
        run_until([&] { return alice_registration_.state == RegistrationState::registered; }, setup_timeout);
        ASSERT_EQ(alice_registration_.state, RegistrationState::registered) << alice_registration_.reason;
    }

    CallAudio alice_audio(const std::string &call_name) const
    {
        CallAudio audio;
        audio.source = CallAudio::Source::file;
        audio.play_file = alice_source_.string();
        audio.record_file = (kamailio_->runtime_directory() / ("alice-" + call_name + "-received.wav")).string();
        return audio;
    }

    // Runs Cordon's loop in short slices until done() or the limit; done()
    // may poll baresip, whose control socket is read without blocking.
    void run_until(const std::function<bool()> &done, milliseconds limit)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            loop_.run_for(loop_slice);
            loop_.restart();
        }
    }

    // Whether baresip has sent an event of this type (kept in bob_events_).
    bool bob_saw(const std::string &type)
    {
        if (bob_events_.count(type) != 0) {
            return true;
        }
        auto event = bob_->wait_for_event(type, 0ms);
        if (!event) {
            return false;
        }
        bob_events_.emplace(type, *event);
        return true;
    }

    bool alice_call_ended() const { return alice_call_ && alice_call_->state() == CallState::ended; }

    // Runs the call until baresip's file has ended it on both sides.
    void wait_for_the_end()
    {
        run_until([&] { return bob_saw("CALL_CLOSED") && alice_call_ended(); }, call_end_timeout);
        ASSERT_TRUE(bob_saw("CALL_CLOSED")) << "baresip did not end the call";
        ASSERT_TRUE(alice_call_ended()) << "Cordon did not see the call end";
        ASSERT_TRUE(bob_saw("CALL_MENC"));
        EXPECT_EQ(bob_events_.at("CALL_MENC").param, std::string("0,audio,") + srtp_suite);
        // baresip reports each RTCP packet it decrypted and parsed: Cordon's
        // SRTCP reports reached it.
        EXPECT_TRUE(bob_saw("CALL_RTCP")) << "baresip took none of Cordon's RTCP reports";
        const std::string log = bob_->log_text();
        EXPECT_NE(log.find(std::string("SRTP is Enabled (cryptosuite=") + srtp_suite + ")"), std::string::npos);
        EXPECT_EQ(log.find("srtp: failed to decrypt"), std::string::npos) << "baresip refused Cordon's SRTP";
    }

    void expect_heard(const media::Pcm &reference, const media::Pcm &recording, const std::string &name)
    {
        auto heard = media::compare_windowed(reference, recording);
        ASSERT_TRUE(heard) << heard.error().message;
        std::ostringstream figures;
        figures << name << " (" << GetParam().cordon_codec << ", recorded at " << recording.sample_rate
                << " Hz): " << heard->windows_matched << "/" << heard->windows_compared
                << " windows, median correlation " << heard->median_correlation << ", start offset "
                << heard->start_offset_seconds << " s, drift " << heard->drift_ppm << " ppm";
        std::cout << figures.str() << "\n";
        RecordProperty(name, figures.str());
        EXPECT_GE(heard->matched_share, min_matched_share) << figures.str();
    }

    void expect_not_heard(const media::Pcm &own_signal, const media::Pcm &recording, const std::string &name)
    {
        auto echo = media::compare_windowed(own_signal, recording);
        ASSERT_TRUE(echo) << echo.error().message;
        EXPECT_LE(echo->matched_share, max_share_of_own_signal) << name << ": received its own signal";
    }

    // Each side heard the other's signal, and not its own.
    void expect_audio_both_ways(const std::string &call_name, const CallAudio &audio)
    {
        auto recordings = bob_->take_recordings(call_name);
        ASSERT_TRUE(recordings) << recordings.error().message;
        auto bob_received = media::read_wav(recordings->decoded);
        ASSERT_TRUE(bob_received) << bob_received.error().message;
        auto alice_received = media::read_wav(audio.record_file);
        ASSERT_TRUE(alice_received) << alice_received.error().message;
        EXPECT_EQ(alice_received->sample_rate, GetParam().rate);

        expect_heard(alice_signal_, *bob_received, call_name + "-baresip-heard-cordon");
        expect_heard(bob_signal_, *alice_received, call_name + "-cordon-heard-baresip");
        expect_not_heard(bob_signal_, *bob_received, call_name + "-baresip");
        expect_not_heard(alice_signal_, *alice_received, call_name + "-cordon");
    }

    // Cordon's own figures: the negotiated codec, SRTP, packets both ways,
    // nothing dropped beyond what a hang-up leaves in flight.
    void expect_cordon_media(const std::string &call_name)
    {
        const auto stats = alice_call_->media_stats();
        ASSERT_TRUE(stats);
        std::ostringstream figures;
        figures << call_name << " Cordon: " << stats->codec << "/" << stats->sample_rate << " "
                << stats->codec_isolation << ", " << stats->encryption << ", sent " << stats->packets_sent
                << ", received " << stats->packets_received << ", lost " << stats->packets_lost << ", late "
                << stats->packets_late << ", unprotect failed " << stats->packets_unprotect_failed << ", malformed "
                << stats->packets_malformed << ", strangers " << stats->packets_from_strangers << ", concealed "
                << stats->frames_concealed << ", rtcp " << stats->rtcp_sent << "/" << stats->rtcp_received
                << ", jitter " << stats->jitter_ms << " ms";
        std::cout << figures.str() << "\n";
        RecordProperty(call_name + "-cordon-stats", figures.str());

        EXPECT_EQ(stats->codec, GetParam().cordon_codec) << figures.str();
        EXPECT_EQ(stats->sample_rate, GetParam().rate) << figures.str();
        EXPECT_EQ(stats->encryption, srtp_suite) << figures.str();
        EXPECT_EQ(stats->local_rtp.address, "127.0.0.1");
        EXPECT_EQ(stats->remote_rtp.address, "127.0.0.1");
        EXPECT_GE(stats->packets_sent, min_packets_each_way) << figures.str();
        EXPECT_GE(stats->packets_received, min_packets_each_way) << figures.str();
        EXPECT_LE(stats->packets_lost, max_packets_lost) << figures.str();
        EXPECT_LE(stats->packets_unprotect_failed, max_unprotect_failures) << figures.str();
        EXPECT_LE(stats->packets_malformed, max_malformed) << figures.str();
        EXPECT_EQ(stats->packets_from_strangers, 0u) << figures.str();
        EXPECT_EQ(stats->encode_failures, 0u) << figures.str();
    }

    boost::asio::io_context loop_;
    CapturingLogger logger_;
    std::unique_ptr<Kamailio> kamailio_;
    std::unique_ptr<PluginRegistry> plugins_;
    std::unique_ptr<UserAgent> alice_;
    RegistrationStatus alice_registration_;
    std::shared_ptr<Call> alice_call_;
    std::filesystem::path alice_source_;
    std::unique_ptr<Baresip> bob_;
    std::map<std::string, BaresipEvent> bob_events_;
    media::Pcm alice_signal_;
    media::Pcm bob_signal_;
};

TEST_P(BaresipInterop, CordonCallsBaresip)
{
    const std::string name = "cordon-calls-baresip";
    const CallAudio audio = alice_audio(name);
    auto call = alice_->call(bob_->aor(), audio);
    ASSERT_TRUE(call) << call.error().message;
    alice_call_ = *call;

    run_until([&] { return bob_saw("CALL_INCOMING"); }, setup_timeout);
    ASSERT_TRUE(bob_saw("CALL_INCOMING"));
    EXPECT_EQ(bob_events_.at("CALL_INCOMING").peer_uri, "sip:alice@cordon.test");
    ASSERT_TRUE(bob_->accept());
    run_until([&] { return alice_call_->state() != CallState::calling && alice_call_->state() != CallState::ringing; },
              setup_timeout);
    ASSERT_EQ(alice_call_->state(), CallState::established);

    wait_for_the_end();
    if (HasFatalFailure()) {
        return;
    }
    expect_cordon_media(name);
    expect_audio_both_ways(name, audio);
}

TEST_P(BaresipInterop, BaresipCallsCordon)
{
    const std::string name = "baresip-calls-cordon";
    const CallAudio audio = alice_audio(name);
    alice_->on_incoming_call([&](std::shared_ptr<Call> call) {
        alice_call_ = call;
        EXPECT_EQ(call->peer(), bob_->aor());
        auto answered = call->answer(audio);
        EXPECT_TRUE(answered) << answered.error().message;
    });
    ASSERT_TRUE(bob_->dial("sip:alice@cordon.test"));
    run_until([&] { return bob_saw("CALL_ESTABLISHED"); }, setup_timeout);
    ASSERT_TRUE(alice_call_) << "the call did not reach Cordon";
    ASSERT_TRUE(bob_saw("CALL_ESTABLISHED"));
    EXPECT_EQ(alice_call_->state(), CallState::established);

    wait_for_the_end();
    if (HasFatalFailure()) {
        return;
    }
    expect_cordon_media(name);
    expect_audio_both_ways(name, audio);
}

INSTANTIATE_TEST_SUITE_P(Codecs, BaresipInterop,
                         ::testing::Values(CodecCase{"opus", baresip_opus, 48000, "Opus"},
                                           CodecCase{"PCMU", baresip_pcmu, 8000, "Pcmu"}),
                         [](const ::testing::TestParamInfo<CodecCase> &codec) { return codec.param.name; });

} // namespace
} // namespace cordon::test
