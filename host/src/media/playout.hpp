// The receive side of one stream: jitter buffer + one codec instance, giving
// exactly one PCM frame (the instance's frame size) per play-out tick.
//
// A packet is decoded; a lost one is concealed with the codec's own
// concealment, given the next packet when the buffer already holds it (in-band
// FEC), or replaced by silence when the codec has none. Every codec failure
// (a malformed packet from the peer, a sandboxed codec that crashed or is
// restarting) is concealed and counted; none stops the stream.
//
// Packets may carry several frames (a 40 ms Opus packet for a 20 ms instance,
// 60 ms of PCMU): the payload's span (payload_span.hpp) says how many, the
// packet is decoded whole and played over as many ticks. Packets shorter than
// the instance's frame, or not a whole number of frames, are refused and
// counted (jitter counters, refused_span): make the instance's frame the
// peer's packet time, or a divisor of it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "cordon/host/codec.hpp"
#include "cordon/host/result.hpp"
#include "media/jitter_buffer.hpp"

namespace cordon::media {

struct PlayoutConfig {
    std::string encoding_name; // as negotiated (PCMU, PCMA, opus, ...): how a payload's span is read
    uint32_t clock_rate = 0;   // the payload type's RTP clock rate
    JitterBufferLimits limits;
};

struct PlayoutCounters {
    uint64_t frames_decoded = 0;
    uint64_t frames_concealed = 0;        // by the codec's own concealment
    uint64_t frames_with_next_packet = 0; // of those, given the next packet (in-band FEC)
    uint64_t frames_silence = 0;          // lost, and the codec has no concealment or it failed
    uint64_t frames_idle = 0;             // no stream: before the first packet, or stopped
    uint64_t decode_errors = 0;           // packets the codec refused or failed on (concealed)
    uint64_t wrong_sample_counts = 0;     // decodes whose length did not match the packet's span (concealed)
    uint64_t conceal_errors = 0;          // concealments that failed (silence instead)
    uint64_t unreadable_payloads = 0;     // payloads whose span cannot be read (dropped)
    JitterBufferCounters jitter;
};

class Playout {
public:
    enum class FrameKind { decoded, concealed, silence, idle };
    struct Frame {
        FrameKind kind = FrameKind::idle;
        std::span<const int16_t> pcm; // exactly one codec frame; valid until the next call
    };

    // codec must outlive the Playout. Errors: invalid_argument (a frame that
    // is not a whole number of RTP units, limits out of range), out_of_memory.
    static Result<Playout> create(CodecInstance &codec, const PlayoutConfig &config);

    void put(std::span<const uint8_t> payload, uint32_t rtp_timestamp, uint16_t sequence);
    // One frame per tick, always; idle frames are silence.
    Frame next_frame();
    // The peer restarted (new SSRC): the buffer and the decoder start afresh.
    void reset();

    PlayoutCounters counters() const;

private:
    Playout(CodecInstance &codec, JitterBuffer jitter, std::string encoding_name);

    void fill_from(const JitterBuffer::Pulled &pulled);
    void decode_packet(const JitterBuffer::Pulled &pulled);
    void conceal_frame(std::span<const uint8_t> next_packet);
    void queue(FrameKind kind, std::span<const int16_t> pcm);

    CodecInstance *codec_;
    JitterBuffer jitter_;
    std::string encoding_name_;
    uint32_t channels_;
    size_t frame_samples_;
    std::vector<int16_t> codec_output_; // max_decoded_samples
    std::vector<int16_t> queued_pcm_;   // whole frames decoded ahead of their tick
    std::vector<FrameKind> queued_kinds_;
    std::vector<int16_t> current_; // the frame last returned
    PlayoutCounters counters_;
};

} // namespace cordon::media
