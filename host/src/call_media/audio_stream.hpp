// One call's audio on the wire, both ways: every frame duration the source
// is read, encoded, packetised, protected (SRTP) and sent; what the peer
// sends is unprotected, checked, counted (RFC 3550 statistics) and put into
// the play-out buffer, from which one frame per tick is decoded or concealed
// and written to the sink. RTCP reports go out at RFC 3550 intervals and
// give the round-trip time. A codec that fails (a sandbox restarting) costs
// frames, never the call.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "call_media/rtp_sockets.hpp"
#include "cordon/host/call_audio.hpp"
#include "cordon/host/codec.hpp"
#include "cordon/host/log.hpp"
#include "cordon/host/media_encryption.hpp"
#include "core/alive_count.hpp"
#include "media/audio_sink.hpp"
#include "media/audio_source.hpp"
#include "media/playout.hpp"
#include "media/rtp_receive_statistics.hpp"
#include "media/rtp_send_statistics.hpp"

namespace cordon::call_media {

// The frame every stream sends and plays: the classic 20 ms of RTP audio.
inline constexpr std::chrono::milliseconds frame_duration{20};
// RTCP's share assumes this session bandwidth when the SDP names none
// (b=AS): generous for any voice codec Cordon carries.
inline constexpr double session_bandwidth_bytes_per_second = 64000.0 / 8.0;

// What offer and answer settled, in the terms the stream needs.
struct StreamPlan {
    const CodecPlugin *codec = nullptr;
    std::string encoding_name;
    std::uint32_t clock_rate = 0;
    std::uint32_t channels = 1;
    int payload_type = -1;
    Endpoint remote_rtp;
    Endpoint remote_rtcp;
    bool send = true;
    bool receive = true;
    std::shared_ptr<MediaProtection> protection; // nullptr: plain RTP
};

class AudioStream {
public:
    // Binds the sockets now (their port goes into the SDP); sends nothing yet.
    // alive counts the stream for as long as it exists.
    static Result<std::unique_ptr<AudioStream>> open(boost::asio::io_context &loop, const std::string &local_address,
                                                     CallAudio audio, Logger &logger, AliveCount::Token alive);
    ~AudioStream();

    Endpoint local_rtp() const { return sockets_->local_rtp(); }
    // Starts the stream, or changes it after a re-negotiation (direction,
    // peer, keys; a new codec builds a new pipeline).
    Result<void> apply(const StreamPlan &plan);
    // Sends an RTCP BYE, stops the clock, closes the sockets and the recording.
    void stop();
    MediaStats stats() const;
    // When the peer was last heard: its last RTP or RTCP packet that
    // authenticated (SRTP) and parsed, or the last apply(), whichever is
    // later. Junk and forgeries never move it, so they cannot keep a call
    // whose peer is gone alive.
    std::chrono::steady_clock::time_point last_heard() const { return last_heard_; }

private:
    AudioStream(boost::asio::io_context &loop, std::unique_ptr<RtpSockets> sockets, CallAudio audio, Logger &logger,
                AliveCount::Token alive);
    Result<void> build_pipeline(const StreamPlan &plan);
    void schedule_tick();
    void tick();
    void send_frame();
    void play_frame();
    void on_datagram(RtpSockets::Channel channel, std::span<std::uint8_t> datagram);
    void on_rtp(std::span<std::uint8_t> datagram);
    void on_rtcp(std::span<std::uint8_t> datagram);
    void schedule_report();
    void send_report(bool bye);

    boost::asio::io_context &loop_;
    std::unique_ptr<RtpSockets> sockets_;
    CallAudio audio_;
    Logger &logger_;
    AliveCount::Token counted_;
    StreamPlan plan_;
    bool running_ = false;

    std::unique_ptr<CodecInstance> codec_;
    std::unique_ptr<media::AudioSource> source_;
    std::unique_ptr<media::AudioSink> sink_;
    std::optional<media::Playout> playout_;
    std::vector<std::int16_t> frame_;
    std::vector<std::uint8_t> packet_;

    std::mt19937_64 random_;
    std::uint32_t ssrc_ = 0;
    std::uint16_t sequence_ = 0;
    std::uint32_t timestamp_ = 0;
    std::uint32_t timestamp_step_ = 0;
    bool first_packet_ = true;
    std::string cname_;
    std::optional<media::RtpSendStatistics> sent_;
    std::optional<media::RtpReceiveStatistics> received_;

    boost::asio::steady_timer tick_timer_;
    std::chrono::steady_clock::time_point next_tick_;
    boost::asio::steady_timer report_timer_;
    bool reported_ = false;
    double average_rtcp_bytes_ = 100.0;

    MediaStats stats_;
    std::chrono::steady_clock::time_point last_heard_ = std::chrono::steady_clock::now();
    // Expires with this stream: a timer's handler already queued when the
    // stream goes away must not touch it.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace cordon::call_media
