#include "call_media/audio_stream.hpp"

#include "call_media/codec_choice.hpp"
#include "media/ntp_time.hpp"
#include "media/rtcp_interval.hpp"
#include "media/rtcp_packet.hpp"
#include "media/rtp_packet.hpp"
#include "media/wav_file_sink.hpp"
#include "media/wav_file_source.hpp"

namespace cordon::call_media {

namespace {

constexpr std::string_view log_source = "media";
// IP + UDP headers, counted in RTCP's average packet size (RFC 3550 A.7).
constexpr std::size_t lower_layer_bytes = 28;

Result<std::unique_ptr<media::AudioSource>> make_source(const CallAudio &audio, std::uint32_t rate,
                                                        std::uint32_t channels)
{
    switch (audio.source) {
    case CallAudio::Source::file: {
        auto file = media::WavFileSource::open(audio.play_file, rate, channels,
                                               audio.loop ? media::AtEnd::loop : media::AtEnd::stop);
        if (!file) {
            return file.error();
        }
        return std::unique_ptr<media::AudioSource>(std::move(*file));
    }
    case CallAudio::Source::tone: {
        auto tone = media::ToneSource::create(rate, channels, audio.tone_hz, audio.tone_dbfs);
        if (!tone) {
            return tone.error();
        }
        return std::unique_ptr<media::AudioSource>(std::make_unique<media::ToneSource>(std::move(*tone)));
    }
    case CallAudio::Source::silence:
        break;
    }
    return std::unique_ptr<media::AudioSource>(std::make_unique<media::SilenceSource>(channels));
}

Result<std::unique_ptr<media::AudioSink>> make_sink(const CallAudio &audio, std::uint32_t rate, std::uint32_t channels)
{
    if (audio.record_file.empty()) {
        return std::unique_ptr<media::AudioSink>(std::make_unique<media::NullSink>());
    }
    auto file = media::WavFileSink::create(audio.record_file, rate, channels);
    if (!file) {
        return file.error();
    }
    return std::unique_ptr<media::AudioSink>(std::move(*file));
}

std::uint32_t random_u32(std::mt19937_64 &random) { return static_cast<std::uint32_t>(random()); }

} // namespace

Result<std::unique_ptr<AudioStream>> AudioStream::open(boost::asio::io_context &loop, const std::string &local_address,
                                                       CallAudio audio, Logger &logger, AliveCount::Token alive)
{
    auto sockets = RtpSockets::open(loop, local_address);
    if (!sockets) {
        return sockets.error();
    }
    return std::unique_ptr<AudioStream>(
        new AudioStream(loop, std::move(*sockets), std::move(audio), logger, std::move(alive)));
}

AudioStream::AudioStream(boost::asio::io_context &loop, std::unique_ptr<RtpSockets> sockets, CallAudio audio,
                         Logger &logger, AliveCount::Token alive)
    : loop_(loop), sockets_(std::move(sockets)), audio_(std::move(audio)), logger_(logger), counted_(std::move(alive)),
      random_(std::random_device{}()), tick_timer_(loop), report_timer_(loop)
{
    // RFC 3550 section 5.1: random initial sequence number and timestamp.
    ssrc_ = random_u32(random_);
    sequence_ = static_cast<std::uint16_t>(random_u32(random_));
    timestamp_ = random_u32(random_);
    char cname[32];
    std::snprintf(cname, sizeof cname, "cordon-%08x", random_u32(random_));
    cname_ = cname; // random: RTCP says nothing about who or where the user is
    stats_.local_rtp = sockets_->local_rtp();
}

AudioStream::~AudioStream() { stop(); }

Result<void> AudioStream::apply(const StreamPlan &plan)
{
    if (plan.codec == nullptr || plan.payload_type < 0 || plan.clock_rate == 0) {
        return Error{ErrorCode::invalid_argument, "no codec for the stream"};
    }
    const bool same_codec = codec_ && plan_.codec == plan.codec && plan_.encoding_name == plan.encoding_name &&
                            plan_.clock_rate == plan.clock_rate && plan_.payload_type == plan.payload_type;
    if (!same_codec) {
        if (auto built = build_pipeline(plan); !built) {
            return built;
        }
    }
    plan_ = plan;
    last_heard_ = std::chrono::steady_clock::now(); // a new negotiation gives the peer time to start
    sockets_->set_peer(plan.remote_rtp, plan.remote_rtcp);
    stats_.remote_rtp = plan.remote_rtp;
    stats_.encryption = plan.protection ? plan.protection->suite() : std::string();
    if (!running_) {
        running_ = true;
        sockets_->start(
            [this](RtpSockets::Channel channel, std::span<std::uint8_t> datagram) { on_datagram(channel, datagram); });
        next_tick_ = std::chrono::steady_clock::now();
        schedule_tick();
        schedule_report();
    }
    return {};
}

Result<void> AudioStream::build_pipeline(const StreamPlan &plan)
{
    auto config = codec_config_for(*plan.codec, plan.encoding_name, plan.clock_rate,
                                   static_cast<std::uint32_t>(std::chrono::microseconds(frame_duration).count()));
    if (!config) {
        return config.error();
    }
    auto codec = plan.codec->create(*config);
    if (!codec) {
        return Error{codec.error().code, plan.codec->id() + ": " + codec.error().message};
    }
    const CodecInstanceInfo &info = (*codec)->info();
    // A new codec at the same format (a re-INVITE choosing another payload
    // type) goes on with the same source and recording. A recording cannot
    // change its rate halfway, and starting it again would lose what it holds.
    const bool same_format =
        codec_ && codec_->info().sample_rate == info.sample_rate && codec_->info().channels == info.channels;
    if (codec_ && !same_format && !audio_.record_file.empty()) {
        return Error{ErrorCode::unsupported, "the peer changed to a codec at another sample rate during the call, "
                                             "and the recording " +
                                                 audio_.record_file + " cannot change its rate"};
    }
    auto source = same_format ? Result<std::unique_ptr<media::AudioSource>>(std::move(source_))
                              : make_source(audio_, info.sample_rate, info.channels);
    if (!source) {
        return source.error();
    }
    auto sink = same_format ? Result<std::unique_ptr<media::AudioSink>>(std::move(sink_))
                            : make_sink(audio_, info.sample_rate, info.channels);
    if (!sink) {
        return sink.error();
    }
    playout_.reset(); // it refers to the old instance
    codec_ = std::move(*codec);
    media::PlayoutConfig playout_config;
    playout_config.encoding_name = plan.encoding_name;
    playout_config.clock_rate = plan.clock_rate;
    auto playout = media::Playout::create(*codec_, playout_config);
    if (!playout) {
        return playout.error();
    }
    playout_.emplace(std::move(*playout));
    source_ = std::move(*source);
    sink_ = std::move(*sink);
    frame_.assign(info.frame_samples(), 0);
    packet_.assign(info.max_packet_bytes, 0);
    timestamp_step_ = static_cast<std::uint32_t>(std::uint64_t{plan.clock_rate} * frame_duration.count() / 1000);
    sent_.emplace(plan.clock_rate);
    received_.reset();
    first_packet_ = true;
    stats_.codec = plan.encoding_name;
    stats_.sample_rate = info.sample_rate;
    stats_.codec_isolation = to_string(plan.codec->isolation());
    return {};
}

void AudioStream::schedule_tick()
{
    next_tick_ += frame_duration;
    tick_timer_.expires_at(next_tick_);
    tick_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code &error) {
        if (!error && !alive.expired() && running_) {
            tick();
        }
    });
}

void AudioStream::tick()
{
    // A loop that fell far behind (a stalled machine) skips ahead rather than
    // sending a burst: the peer's jitter buffer would drop it anyway.
    const auto now = std::chrono::steady_clock::now();
    if (now - next_tick_ > 10 * frame_duration) {
        next_tick_ = now;
    }
    if (plan_.send) {
        send_frame();
    } else {
        timestamp_ += timestamp_step_;
    }
    play_frame();
    schedule_tick();
}

void AudioStream::send_frame()
{
    if (auto read = source_->read(frame_); !read) {
        logger_.write(LogLevel::warning, log_source, "audio source failed, sending silence: " + read.error().message);
        source_ = std::make_unique<media::SilenceSource>(codec_->info().channels);
        std::fill(frame_.begin(), frame_.end(), std::int16_t{0});
    }
    const std::uint32_t timestamp = timestamp_;
    timestamp_ += timestamp_step_;
    auto encoded = codec_->encode(frame_, packet_);
    if (!encoded) {
        ++stats_.encode_failures;
        return;
    }
    if (*encoded == 0) {
        return; // discontinuous transmission: nothing to send for this frame
    }
    media::RtpHeader header;
    header.payload_type = static_cast<std::uint8_t>(plan_.payload_type);
    header.marker = first_packet_;
    header.sequence = sequence_++;
    header.timestamp = timestamp;
    header.ssrc = ssrc_;
    std::array<std::uint8_t, max_datagram_bytes> datagram;
    auto length = media::write_rtp(header, std::span<const std::uint8_t>(packet_.data(), *encoded), datagram);
    if (length && plan_.protection) {
        length = plan_.protection->protect_rtp(datagram, *length);
    }
    if (!length) {
        ++stats_.encode_failures;
        logger_.write(LogLevel::warning, log_source, "cannot packetise a frame: " + length.error().message);
        return;
    }
    if (sockets_->send(RtpSockets::Channel::rtp, std::span<const std::uint8_t>(datagram.data(), *length))) {
        first_packet_ = false;
        ++stats_.packets_sent;
        sent_->on_packet_sent(timestamp, *encoded, std::chrono::steady_clock::now());
    }
}

void AudioStream::play_frame()
{
    const media::Playout::Frame frame = playout_->next_frame();
    if (auto written = sink_->write(frame.pcm); !written) {
        logger_.write(LogLevel::warning, log_source, "recording stopped: " + written.error().message);
        sink_ = std::make_unique<media::NullSink>();
    }
}

void AudioStream::on_datagram(RtpSockets::Channel channel, std::span<std::uint8_t> datagram)
{
    if (!running_) {
        return;
    }
    if (channel == RtpSockets::Channel::rtcp || media::looks_like_rtcp(datagram)) {
        on_rtcp(datagram);
    } else {
        on_rtp(datagram);
    }
}

void AudioStream::on_rtp(std::span<std::uint8_t> datagram)
{
    std::size_t length = datagram.size();
    if (plan_.protection) {
        auto clear = plan_.protection->unprotect_rtp(datagram, length);
        if (!clear) {
            ++stats_.packets_unprotect_failed;
            return;
        }
        length = *clear;
    }
    auto packet = media::parse_rtp(datagram.first(length));
    if (!packet) {
        ++stats_.packets_malformed;
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    last_heard_ = now; // comfort noise and DTMF, too, say the peer is there
    if (packet->header.payload_type != plan_.payload_type) {
        ++stats_.packets_malformed; // another payload (comfort noise, DTMF) Cordon does not play
        return;
    }
    const media::RtpHeader &header = packet->header;
    if (!received_ || received_->ssrc() != header.ssrc) {
        if (received_) {
            playout_->reset(); // a new source: its timeline starts afresh
        }
        received_.emplace(header.ssrc, plan_.clock_rate);
    }
    switch (received_->on_packet(header.sequence, header.timestamp, now)) {
    case media::RtpArrival::probation:
    case media::RtpArrival::jump:
    case media::RtpArrival::duplicate:
        return;
    case media::RtpArrival::restarted:
        playout_->reset();
        break;
    case media::RtpArrival::in_order:
    case media::RtpArrival::late:
        break;
    }
    ++stats_.packets_received;
    playout_->put(packet->payload, header.timestamp, header.sequence);
}

void AudioStream::on_rtcp(std::span<std::uint8_t> datagram)
{
    std::size_t length = datagram.size();
    if (plan_.protection) {
        auto clear = plan_.protection->unprotect_rtcp(datagram, length);
        if (!clear) {
            ++stats_.packets_unprotect_failed;
            return;
        }
        length = *clear;
    }
    auto compound = media::parse_rtcp(datagram.first(length));
    if (!compound) {
        ++stats_.packets_malformed;
        return;
    }
    ++stats_.rtcp_received;
    average_rtcp_bytes_ = media::update_average_rtcp_size(average_rtcp_bytes_, datagram.size() + lower_layer_bytes);
    const auto now = std::chrono::steady_clock::now();
    last_heard_ = now;
    if (compound->sender && received_ && compound->ssrc == received_->ssrc()) {
        received_->on_sender_report(compound->sender->ntp, now);
    }
    for (const media::ReportBlock &block : compound->reports) {
        if (block.ssrc == ssrc_) {
            if (auto rtt = media::round_trip_time(block, media::to_ntp(std::chrono::system_clock::now()))) {
                stats_.round_trip = *rtt;
            }
        }
    }
}

void AudioStream::schedule_report()
{
    media::RtcpIntervalInputs inputs;
    inputs.members = 2;
    inputs.we_sent = plan_.send && stats_.packets_sent > 0;
    inputs.senders = (inputs.we_sent ? 1 : 0) + (received_ && received_->is_valid() ? 1 : 0);
    inputs.rtcp_bandwidth_bytes_per_second =
        session_bandwidth_bytes_per_second * media::rtcp_share_of_session_bandwidth;
    inputs.average_rtcp_size_bytes = average_rtcp_bytes_;
    inputs.initial = !reported_;
    auto interval = media::rtcp_interval(inputs, media::rtcp_random_factor(random_));
    const auto wait = interval ? std::chrono::duration_cast<std::chrono::milliseconds>(*interval)
                               : std::chrono::duration_cast<std::chrono::milliseconds>(media::rtcp_min_interval);
    report_timer_.expires_after(wait);
    report_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code &error) {
        if (!error && !alive.expired() && running_) {
            send_report(false);
            schedule_report();
        }
    });
}

void AudioStream::send_report(bool bye)
{
    const auto now = std::chrono::steady_clock::now();
    media::RtcpCompound compound;
    compound.ssrc = ssrc_;
    if (sent_ && plan_.send) {
        compound.sender = sent_->sender_info(media::to_ntp(std::chrono::system_clock::now()), now);
    }
    if (received_) {
        if (auto block = received_->make_report_block(now)) {
            compound.reports.push_back(*block);
        }
    }
    compound.sdes.push_back(media::SdesChunk{ssrc_, cname_});
    if (bye) {
        compound.bye = media::Bye{{ssrc_}, "call ended"};
    }
    std::array<std::uint8_t, max_datagram_bytes> datagram;
    auto length = media::write_rtcp(compound, datagram);
    if (length && plan_.protection) {
        length = plan_.protection->protect_rtcp(datagram, *length);
    }
    if (!length) {
        logger_.write(LogLevel::warning, log_source, "cannot write an RTCP report: " + length.error().message);
        return;
    }
    reported_ = true;
    average_rtcp_bytes_ = media::update_average_rtcp_size(average_rtcp_bytes_, *length + lower_layer_bytes);
    if (sockets_->send(RtpSockets::Channel::rtcp, std::span<const std::uint8_t>(datagram.data(), *length))) {
        ++stats_.rtcp_sent;
    }
}

void AudioStream::stop()
{
    if (!running_) {
        sockets_->close();
        return;
    }
    send_report(true);
    running_ = false;
    tick_timer_.cancel();
    report_timer_.cancel();
    sockets_->close();
    if (sink_) {
        if (auto closed = sink_->close(); !closed) {
            logger_.write(LogLevel::warning, log_source, "recording not finished: " + closed.error().message);
        }
    }
}

MediaStats AudioStream::stats() const
{
    MediaStats stats = stats_;
    stats.packets_from_strangers = sockets_->from_strangers();
    if (playout_) {
        const media::PlayoutCounters counters = playout_->counters();
        stats.frames_decoded = counters.frames_decoded;
        stats.frames_concealed = counters.frames_concealed;
        stats.frames_silence = counters.frames_silence;
        stats.packets_late = counters.jitter.late;
    }
    if (received_ && received_->is_valid()) {
        stats.packets_lost = received_->cumulative_lost();
        stats.jitter_ms = plan_.clock_rate == 0 ? 0.0 : 1000.0 * received_->jitter() / plan_.clock_rate;
    }
    return stats;
}

} // namespace cordon::call_media
