// The receive-side jitter buffer: a safe owner of SpeexDSP's adaptive
// JitterBuffer. Payloads from the network are checked (size, span, how far
// from the play-out point) before SpeexDSP sees them, are kept in a fixed set
// of slots owned here (SpeexDSP only holds pointers to them, so every packet
// it discards is seen and counted), and the delay adapts as SpeexDSP decides.
//
// Timestamps are RTP units and wrap at 2^32 (all comparisons are modular, as
// in SpeexDSP). One pull() plus one end_tick() per play-out tick.
//
// Start and silence: before the first packet pull() reports idle (nothing to
// play, nothing to conceal). Once packets flowed, a pull with nothing to give
// reports missing (conceal it); after limits.max_missing_frames such pulls in
// a row the peer is taken to have stopped (hold, end of talk spurt, restart)
// and the buffer goes back to its start state: pull() reports idle again,
// and the next packet starts a new timeline wherever its timestamp lies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "cordon/host/result.hpp"

namespace cordon::media {

// SpeexDSP keeps at most 200 packets and resets itself after more than 20
// misses in a row; the limits below stay under both so that SpeexDSP never
// drops or resets anything this class did not decide.
inline constexpr size_t speex_jitter_packet_slots = 200;
inline constexpr uint32_t speex_jitter_max_lost_count = 20;
// The longest packet accepted, in frames: Opus packs up to 120 ms, i.e. six
// 20 ms frames; G.711 likewise.
inline constexpr uint32_t max_frames_per_packet = 6;

struct JitterBufferLimits {
    // Largest payload stored; RTP over UDP on a normal path stays under 1500.
    size_t max_payload_bytes = 1500;
    // Packets held at once; puts beyond it are refused (1..speex_jitter_packet_slots - 1).
    size_t max_packets = 50;
    // How far (in frames) a timestamp may lie ahead of the play-out point:
    // farther ones are refused, not kept forever in a slot.
    uint32_t max_frames_ahead = 100;
    // Missing frames in a row after which the stream counts as stopped (1..20).
    uint32_t max_missing_frames = 10;
};

struct JitterBufferCounters {
    uint64_t put = 0;                // put() calls
    uint64_t stored = 0;             // payloads kept
    uint64_t refused_size = 0;       // empty or over max_payload_bytes
    uint64_t refused_span = 0;       // span 0, not a whole number of frames, or too long
    uint64_t refused_ahead = 0;      // timestamp too far ahead of the play-out point
    uint64_t duplicate = 0;          // a payload with the timestamp of one held
    uint64_t late = 0;               // arrived after its play-out time
    uint64_t over_capacity = 0;      // refused: max_packets already held
    uint64_t discarded_unplayed = 0; // held, then skipped by the play-out point
    uint64_t played = 0;             // handed out by pull()
    uint64_t missing = 0;            // pulls that found nothing to play
    uint64_t inserted = 0;           // pulls where SpeexDSP grew the delay
    uint64_t stream_restarts = 0;    // back to the start state after max_missing_frames
    size_t held_packets = 0;         // now
    uint32_t buffered_span = 0;      // now: RTP units from the play-out point to the newest held end
};

class JitterBuffer {
public:
    struct Pulled {
        enum class Kind {
            packet,   // payload to decode, covering span units from timestamp
            missing,  // span units are lost: conceal them
            inserted, // SpeexDSP grows its delay: conceal span units, the stream does not advance
            idle,     // no stream (not started, or stopped): play nothing
        };
        Kind kind = Kind::idle;
        std::span<const uint8_t> payload; // packet only; valid until the next put, pull or reset
        uint32_t timestamp = 0;
        uint32_t span = 0;
        uint16_t sequence = 0;
        // packet only: where the payload starts relative to the play-out
        // point, in RTP units (negative: part of it is already past).
        int32_t start_offset = 0;
    };

    // frame_span: RTP units in one play-out frame (e.g. 160 for 20 ms of
    // PCMU, 960 for 20 ms of Opus). Errors: invalid_argument (limits out of
    // range), out_of_memory.
    static Result<JitterBuffer> create(uint32_t frame_span, const JitterBufferLimits &limits = {});

    JitterBuffer(JitterBuffer &&) noexcept;
    JitterBuffer &operator=(JitterBuffer &&) noexcept;
    ~JitterBuffer();

    // A received payload covering span units from rtp_timestamp (a whole
    // number of frames, up to max_frames_per_packet). Anything refused is
    // counted, never an error: the caller has nothing to do about it.
    void put(std::span<const uint8_t> payload, uint32_t rtp_timestamp, uint32_t span, uint16_t sequence);

    // What to play for up to one frame from the play-out point.
    Pulled pull();
    // Closes a play-out tick: still_held_span is how many RTP units of
    // audio the caller holds from earlier pulls beyond this tick (a packet
    // longer than one frame), so the delay estimate stays right.
    void end_tick(uint32_t still_held_span);

    // The payload held that starts at rtp_timestamp, or empty: lets the
    // codec recover a lost frame from the next packet's in-band FEC. Valid
    // until the next put, pull or reset.
    std::span<const uint8_t> peek(uint32_t rtp_timestamp) const;

    // The peer restarted (new SSRC): everything held is dropped, the next
    // packet starts a new timeline. Counters are kept.
    void reset();

    uint32_t frame_span() const;
    JitterBufferCounters counters() const;

    struct State;

private:
    explicit JitterBuffer(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

} // namespace cordon::media
