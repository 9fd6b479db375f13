// Two baresip instances call each other through Kamailio over TLS with
// SRTP required, once with Opus and once with PCMU, in both directions; each
// plays its own signal (a voice, a sweep), and what each side recorded must
// match the other side's signal window by window. This proves the baresip
// fixture that the Cordon <-> baresip interop tests stand on.
#include "tests/integration/baresip_fixture.hpp"
#include "tests/integration/kamailio_fixture.hpp"

#include "media/pcm.hpp"
#include "media/speech_signal.hpp"
#include "media/tone_sweep.hpp"
#include "media/wav_file.hpp"
#include "media/windowed_similarity.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>
#include <string>

namespace cordon::test {
namespace {

using std::chrono::milliseconds;

constexpr double signal_seconds = 3.0;
// After its signal each source plays silence, so that the first to reach the
// end of its file (baresip then hangs up) has heard all of the other's.
constexpr double tail_seconds = 0.5;
constexpr uint32_t voice_seed = 11;
constexpr double sweep_low_hz = 150.0;
constexpr double sweep_high_hz = 3400.0; // inside G.711's band
// The signal lasts 3.5 s; set-up, a loaded machine and tear-down on top.
constexpr milliseconds call_end_timeout{15000};
// Share of a signal's (non-silent) windows that must be heard: a lost or
// late packet costs a window or two, a call that carried no audio costs all.
constexpr double min_matched_share = 0.9;
// A side's own signal is not in what it received.
constexpr double max_share_of_own_signal = 0.2;

media::Pcm with_tail(media::Pcm signal)
{
    signal.samples.resize(signal.samples.size() + static_cast<size_t>(tail_seconds * signal.sample_rate), 0);
    return signal;
}

// A codec and the rate the sources are written at: the codec's own, so that
// baresip plays them without resampling (its resampler from 16 kHz to 8 kHz
// lets enough alias through to cost a voice's fricatives and a sweep's top).
struct CodecCase {
    const char *codec;
    uint32_t source_rate;
    const char *name;
};

struct Party {
    media::Pcm signal; // without the silent tail
    std::unique_ptr<Baresip> baresip;
};

class BaresipCall : public ::testing::TestWithParam<CodecCase> {
protected:
    void SetUp() override
    {
        auto started = Kamailio::start(); // MD5 digest: baresip 1.0 answers nothing else
        ASSERT_TRUE(started) << started.error().message;
        kamailio_ = std::move(*started);
        const uint32_t rate = GetParam().source_rate;
        alice_.signal = media::generate_speech_like(rate, 1, signal_seconds, voice_seed);
        bob_.signal = media::generate_tone_sweep(rate, signal_seconds, sweep_low_hz, sweep_high_hz);
        start_party(alice_, {"alice", "alice-password"});
        start_party(bob_, {"bob", "bob-password"});
    }

    void start_party(Party &party, const SipUser &user)
    {
        const auto wav = kamailio_->runtime_directory() / (user.name + "-source.wav");
        auto written = media::write_wav(wav, with_tail(party.signal));
        ASSERT_TRUE(written) << written.error().message;
        BaresipOptions options;
        options.user = user;
        options.kamailio_tls_port = kamailio_->ports().tls;
        options.ca_file = kamailio_->ca_file();
        options.audio_codec = GetParam().codec;
        options.source_wav = wav;
        auto started = Baresip::start(options);
        ASSERT_TRUE(started) << started.error().message;
        party.baresip = std::move(*started);
    }

    // caller dials callee, callee answers, both play until the first file
    // ends and baresip hangs up; then each side's recordings are checked.
    void call(Party &caller, Party &callee, const std::string &name)
    {
        ASSERT_TRUE(caller.baresip->dial(callee.baresip->aor()));
        auto incoming = callee.baresip->wait_for_event("CALL_INCOMING");
        ASSERT_TRUE(incoming) << incoming.error().message;
        EXPECT_EQ(incoming->peer_uri, caller.baresip->aor());
        ASSERT_TRUE(callee.baresip->accept());
        for (Party *party : {&caller, &callee}) {
            auto established = party->baresip->wait_for_event("CALL_ESTABLISHED");
            ASSERT_TRUE(established) << established.error().message;
            // SDES-keyed SRTP on the audio stream, as srtp-mand requires.
            auto encryption = party->baresip->wait_for_event("CALL_MENC");
            ASSERT_TRUE(encryption) << encryption.error().message;
            EXPECT_EQ(encryption->param, "0,audio,AES_CM_128_HMAC_SHA1_80");
        }
        for (Party *party : {&caller, &callee}) {
            auto closed = party->baresip->wait_for_event("CALL_CLOSED", call_end_timeout);
            ASSERT_TRUE(closed) << closed.error().message;
        }
        expect_heard(callee, caller, name + "-caller");
        expect_heard(caller, callee, name + "-callee");
    }

    // `listener` received `speaker`'s signal, sent its own, and did not
    // receive its own back.
    void expect_heard(const Party &speaker, Party &listener, const std::string &name)
    {
        auto recordings = listener.baresip->take_recordings(name);
        ASSERT_TRUE(recordings) << recordings.error().message;
        auto received = media::read_wav(recordings->decoded);
        auto sent = media::read_wav(recordings->encoded);
        ASSERT_TRUE(received) << received.error().message;
        ASSERT_TRUE(sent) << sent.error().message;

        auto heard = media::compare_windowed(speaker.signal, *received);
        ASSERT_TRUE(heard) << heard.error().message;
        std::ostringstream figures;
        figures << name << " (" << GetParam().codec << ", recorded at " << received->sample_rate
                << " Hz): " << heard->windows_matched << "/" << heard->windows_compared
                << " windows, median correlation " << heard->median_correlation << ", start offset "
                << heard->start_offset_seconds << " s, drift " << heard->drift_ppm << " ppm";
        std::cout << figures.str() << "\n";
        RecordProperty(name, figures.str());
        EXPECT_GE(heard->matched_share, min_matched_share) << figures.str();

        auto spoke = media::compare_windowed(listener.signal, *sent);
        ASSERT_TRUE(spoke) << spoke.error().message;
        EXPECT_GE(spoke->matched_share, min_matched_share) << name << ": what baresip sent is not its source";

        auto echo = media::compare_windowed(listener.signal, *received);
        ASSERT_TRUE(echo) << echo.error().message;
        EXPECT_LE(echo->matched_share, max_share_of_own_signal) << name << ": received its own signal";
    }

    // Every INVITE reached Kamailio over TLS (its script logs the transport).
    void expect_invites_over_tls(int expected)
    {
        std::istringstream log(kamailio_->log_text());
        int invites = 0;
        for (std::string line; std::getline(log, line);) {
            if (line.find("<script>: INVITE sip:") != std::string::npos) {
                ++invites;
                EXPECT_NE(line.find(" over tls"), std::string::npos) << line;
            }
        }
        // Each INVITE is seen twice: without and with credentials (407).
        EXPECT_EQ(invites, 2 * expected);
    }

    std::unique_ptr<Kamailio> kamailio_;
    Party alice_;
    Party bob_;
};

TEST_P(BaresipCall, BothDirectionsCarryEachSidesSignalOverSrtp)
{
    call(alice_, bob_, "alice-calls-bob");
    if (HasFatalFailure()) {
        return;
    }
    call(bob_, alice_, "bob-calls-alice");
    expect_invites_over_tls(2);
    for (Party *party : {&alice_, &bob_}) {
        EXPECT_NE(party->baresip->log_text().find("SRTP is Enabled (cryptosuite=AES_CM_128_HMAC_SHA1_80)"),
                  std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(Codecs, BaresipCall,
                         ::testing::Values(CodecCase{baresip_opus, 48000, "Opus"},
                                           CodecCase{baresip_pcmu, 8000, "Pcmu"}),
                         [](const ::testing::TestParamInfo<CodecCase> &codec) { return codec.param.name; });

} // namespace
} // namespace cordon::test
