#include "media/playout.hpp"

#include <algorithm>
#include <utility>

#include "media/payload_span.hpp"

namespace cordon::media {

Result<Playout> Playout::create(CodecInstance &codec, const PlayoutConfig &config)
{
    const CodecInstanceInfo &info = codec.info();
    const size_t frame_samples = info.frame_samples();
    if (info.sample_rate == 0 || info.channels == 0 || frame_samples == 0 || info.max_decoded_samples < frame_samples) {
        return Error{ErrorCode::invalid_argument, "playout: the codec instance states no usable frame"};
    }
    const uint64_t units = uint64_t{info.frame_samples_per_channel} * config.clock_rate;
    if (config.clock_rate == 0 || units % info.sample_rate != 0) {
        return Error{ErrorCode::invalid_argument,
                     "playout: a frame of " + std::to_string(info.frame_samples_per_channel) + " samples at " +
                         std::to_string(info.sample_rate) + " Hz is not a whole number of units of the " +
                         std::to_string(config.clock_rate) + " Hz RTP clock"};
    }
    auto jitter = JitterBuffer::create(static_cast<uint32_t>(units / info.sample_rate), config.limits);
    if (!jitter) {
        return jitter.error();
    }
    return Playout(codec, std::move(jitter).value(), config.encoding_name);
}

Playout::Playout(CodecInstance &codec, JitterBuffer jitter, std::string encoding_name)
    : codec_(&codec), jitter_(std::move(jitter)), encoding_name_(std::move(encoding_name)),
      channels_(codec.info().channels), frame_samples_(codec.info().frame_samples()),
      codec_output_(codec.info().max_decoded_samples), current_(frame_samples_)
{
    queued_pcm_.reserve(frame_samples_ * max_frames_per_packet);
    queued_kinds_.reserve(max_frames_per_packet);
}

void Playout::put(std::span<const uint8_t> payload, uint32_t rtp_timestamp, uint16_t sequence)
{
    const auto span = payload_span(encoding_name_, channels_, payload, jitter_.frame_span());
    if (!span) {
        ++counters_.unreadable_payloads;
        return;
    }
    jitter_.put(payload, rtp_timestamp, *span, sequence);
}

Playout::Frame Playout::next_frame()
{
    if (queued_kinds_.empty()) {
        fill_from(jitter_.pull());
    }
    if (queued_kinds_.empty()) {
        // Every frame of a packet was already past: fill the tick with silence.
        std::fill(current_.begin(), current_.end(), int16_t{0});
        ++counters_.frames_silence;
        jitter_.end_tick(0);
        return {FrameKind::silence, current_};
    }
    const FrameKind kind = queued_kinds_.front();
    std::copy_n(queued_pcm_.begin(), frame_samples_, current_.begin());
    queued_pcm_.erase(queued_pcm_.begin(), queued_pcm_.begin() + static_cast<std::ptrdiff_t>(frame_samples_));
    queued_kinds_.erase(queued_kinds_.begin());
    jitter_.end_tick(static_cast<uint32_t>(queued_kinds_.size()) * jitter_.frame_span());
    return {kind, current_};
}

void Playout::fill_from(const JitterBuffer::Pulled &pulled)
{
    using Kind = JitterBuffer::Pulled::Kind;
    switch (pulled.kind) {
    case Kind::idle: {
        std::fill(codec_output_.begin(), codec_output_.begin() + static_cast<std::ptrdiff_t>(frame_samples_),
                  int16_t{0});
        queue(FrameKind::idle, std::span<const int16_t>(codec_output_).first(frame_samples_));
        ++counters_.frames_idle;
        return;
    }
    case Kind::packet:
        decode_packet(pulled);
        return;
    case Kind::missing:
    case Kind::inserted: {
        const uint32_t frames = pulled.span / jitter_.frame_span();
        // A lost stretch ends where the next packet starts; an insertion
        // delays a packet that will still be decoded, so it gets plain
        // concealment.
        const std::span<const uint8_t> next =
            pulled.kind == Kind::missing ? jitter_.peek(pulled.timestamp + pulled.span) : std::span<const uint8_t>();
        for (uint32_t frame = 0; frame < frames; ++frame) {
            conceal_frame(frame + 1 == frames ? next : std::span<const uint8_t>());
        }
        return;
    }
    }
}

void Playout::decode_packet(const JitterBuffer::Pulled &pulled)
{
    const uint32_t frames = pulled.span / jitter_.frame_span();
    const auto decoded = codec_->decode(pulled.payload, codec_output_);
    const bool whole = decoded && *decoded == size_t{frames} * frame_samples_ && *decoded <= codec_output_.size();
    if (!whole) {
        ++(decoded ? counters_.wrong_sample_counts : counters_.decode_errors);
        for (uint32_t frame = 0; frame < frames; ++frame) {
            conceal_frame({});
        }
        return;
    }
    // A packet that started before the play-out point (it arrived late but
    // partly in time) plays only its frames still to come.
    const int32_t offset = pulled.start_offset;
    const uint32_t past =
        offset >= 0
            ? 0
            : static_cast<uint32_t>((-static_cast<int64_t>(offset) + jitter_.frame_span() - 1) / jitter_.frame_span());
    const std::span<const int16_t> pcm(codec_output_.data(), *decoded);
    for (uint32_t frame = std::min(past, frames); frame < frames; ++frame) {
        queue(FrameKind::decoded, pcm.subspan(frame * frame_samples_, frame_samples_));
        ++counters_.frames_decoded;
    }
}

void Playout::conceal_frame(std::span<const uint8_t> next_packet)
{
    if (codec_->has_native_concealment()) {
        const auto concealed = codec_->conceal(next_packet, codec_output_);
        if (concealed && *concealed == frame_samples_) {
            queue(FrameKind::concealed, std::span<const int16_t>(codec_output_).first(frame_samples_));
            ++counters_.frames_concealed;
            counters_.frames_with_next_packet += next_packet.empty() ? 0 : 1;
            return;
        }
        ++counters_.conceal_errors;
    }
    std::fill(codec_output_.begin(), codec_output_.begin() + static_cast<std::ptrdiff_t>(frame_samples_), int16_t{0});
    queue(FrameKind::silence, std::span<const int16_t>(codec_output_).first(frame_samples_));
    ++counters_.frames_silence;
}

void Playout::queue(FrameKind kind, std::span<const int16_t> pcm)
{
    queued_pcm_.insert(queued_pcm_.end(), pcm.begin(), pcm.end());
    queued_kinds_.push_back(kind);
}

void Playout::reset()
{
    jitter_.reset();
    queued_pcm_.clear();
    queued_kinds_.clear();
    // A decoder that cannot reset keeps its state: the next packets still
    // decode, with a short transition.
    if (!codec_->reset()) {
        ++counters_.decode_errors;
    }
}

PlayoutCounters Playout::counters() const
{
    PlayoutCounters counters = counters_;
    counters.jitter = jitter_.counters();
    return counters;
}

} // namespace cordon::media
