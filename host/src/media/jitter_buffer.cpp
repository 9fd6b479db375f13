#include "media/jitter_buffer.hpp"

#include <speex/speex_jitter.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace cordon::media {
namespace {

// Modular RTP time: b - a as a signed distance, as SpeexDSP compares.
int32_t distance(uint32_t from, uint32_t to) { return static_cast<int32_t>(to - from); }

} // namespace

// One payload held for SpeexDSP. SpeexDSP stores only the slot's address
// (destroy-callback mode) and gives it back from get() or to on_discard().
struct PacketSlot {
    JitterBuffer::State *owner = nullptr;
    bool held = false; // SpeexDSP holds this slot
    bool late = false; // arrived after its play-out time (counted as late already)
    uint32_t timestamp = 0;
    uint32_t span = 0;
    uint16_t sequence = 0;
    std::vector<uint8_t> bytes;
};

struct JitterBuffer::State {
    ::JitterBuffer *speex = nullptr;
    uint32_t frame_span = 0;
    JitterBufferLimits limits;
    std::vector<PacketSlot> slots;    // never resized: SpeexDSP holds addresses
    PacketSlot *handed_out = nullptr; // the payload of the last pull, until the next call
    bool synced = false;              // SpeexDSP has left its start state
    bool discards_muted = false;      // SpeexDSP is being reset on purpose
    bool has_anchor = false;          // before sync: the first stored timestamp
    uint32_t anchor = 0;
    uint32_t missing_in_row = 0;
    JitterBufferCounters counters;

    ~State()
    {
        if (speex != nullptr) {
            discards_muted = true;
            jitter_buffer_destroy(speex);
        }
    }

    size_t held_count() const
    {
        return static_cast<size_t>(std::count_if(slots.begin(), slots.end(), [](const auto &s) { return s.held; }));
    }
    uint32_t pointer() const { return static_cast<uint32_t>(jitter_buffer_get_pointer_timestamp(speex)); }
    uint32_t max_ahead_span() const { return limits.max_frames_ahead * frame_span; }

    void release_handed_out() { handed_out = nullptr; }

    PacketSlot *slot_of(const void *data)
    {
        const auto found =
            std::find_if(slots.begin(), slots.end(), [&](const PacketSlot &slot) { return &slot == data; });
        return found == slots.end() || !found->held ? nullptr : &*found;
    }

    void give_to_speex(PacketSlot &slot)
    {
        JitterBufferPacket packet{};
        packet.data = reinterpret_cast<char *>(&slot);
        packet.len = static_cast<spx_uint32_t>(slot.bytes.size());
        packet.timestamp = slot.timestamp;
        packet.span = slot.span;
        packet.sequence = slot.sequence;
        jitter_buffer_put(speex, &packet);
    }

    // SpeexDSP back in its start state. keep_held: the held payloads are
    // given to it again, so the next pull starts from the oldest of them.
    void back_to_start(bool keep_held)
    {
        const bool was_synced = synced;
        const uint32_t played_up_to = was_synced ? pointer() : 0;
        const auto still_ahead = [&](const PacketSlot &slot) {
            return !slot.late && (!was_synced || distance(played_up_to, slot.timestamp + slot.span) > 0);
        };
        discards_muted = true;
        jitter_buffer_reset(speex);
        discards_muted = false;
        synced = false;
        has_anchor = false;
        missing_in_row = 0;
        for (PacketSlot &slot : slots) {
            if (!slot.held) {
                continue;
            }
            if (keep_held && still_ahead(slot)) {
                give_to_speex(slot);
            } else {
                slot.held = false;
                counters.discarded_unplayed += slot.late ? 0 : 1;
            }
        }
    }
};

namespace {

// SpeexDSP drops a packet it held (played past it, or reset): the slot is free.
void on_discard(void *data)
{
    auto *slot = static_cast<PacketSlot *>(data);
    if (slot == nullptr || slot->owner->discards_muted) {
        return;
    }
    slot->held = false;
    if (!slot->late) {
        ++slot->owner->counters.discarded_unplayed;
    }
}

} // namespace

Result<JitterBuffer> JitterBuffer::create(uint32_t frame_span, const JitterBufferLimits &limits)
{
    const auto refuse = [](const std::string &why) {
        return Error{ErrorCode::invalid_argument, "jitter buffer: " + why};
    };
    // SpeexDSP keeps its delay figures in 16 bits: a frame over 0x7fff units cannot be measured.
    constexpr uint32_t max_frame_span = 0x7fff / max_frames_per_packet;
    if (frame_span == 0 || frame_span > max_frame_span) {
        return refuse("frame span " + std::to_string(frame_span) + " outside 1.." + std::to_string(max_frame_span));
    }
    if (limits.max_packets == 0 || limits.max_packets >= speex_jitter_packet_slots) {
        return refuse("max_packets " + std::to_string(limits.max_packets) + " outside 1.." +
                      std::to_string(speex_jitter_packet_slots - 1));
    }
    if (limits.max_payload_bytes == 0) {
        return refuse("max_payload_bytes is 0");
    }
    if (limits.max_frames_ahead < max_frames_per_packet ||
        uint64_t{limits.max_frames_ahead} * frame_span > uint64_t{INT32_MAX} / 2) {
        return refuse("max_frames_ahead " + std::to_string(limits.max_frames_ahead) + " below " +
                      std::to_string(max_frames_per_packet) + " or beyond a quarter of the timestamp range");
    }
    if (limits.max_missing_frames == 0 || limits.max_missing_frames > speex_jitter_max_lost_count) {
        return refuse("max_missing_frames " + std::to_string(limits.max_missing_frames) + " outside 1.." +
                      std::to_string(speex_jitter_max_lost_count));
    }
    auto state = std::make_unique<State>();
    state->frame_span = frame_span;
    state->limits = limits;
    state->slots.resize(limits.max_packets);
    for (PacketSlot &slot : state->slots) {
        slot.owner = state.get();
    }
    state->speex = jitter_buffer_init(static_cast<int>(frame_span));
    if (state->speex == nullptr) {
        return Error{ErrorCode::out_of_memory, "jitter buffer: SpeexDSP could not allocate its state"};
    }
    // From here on SpeexDSP copies nothing: it holds slot addresses and
    // reports every slot it lets go of.
    jitter_buffer_ctl(state->speex, JITTER_BUFFER_SET_DESTROY_CALLBACK, reinterpret_cast<void *>(&on_discard));
    return JitterBuffer(std::move(state));
}

JitterBuffer::JitterBuffer(std::unique_ptr<State> state) : state_(std::move(state)) {}
JitterBuffer::JitterBuffer(JitterBuffer &&) noexcept = default;
JitterBuffer &JitterBuffer::operator=(JitterBuffer &&) noexcept = default;
JitterBuffer::~JitterBuffer() = default;

void JitterBuffer::put(std::span<const uint8_t> payload, uint32_t rtp_timestamp, uint32_t span, uint16_t sequence)
{
    State &s = *state_;
    s.release_handed_out();
    ++s.counters.put;
    if (payload.empty() || payload.size() > s.limits.max_payload_bytes) {
        ++s.counters.refused_size;
        return;
    }
    if (span == 0 || span % s.frame_span != 0 || span / s.frame_span > max_frames_per_packet) {
        ++s.counters.refused_span;
        return;
    }
    // Where the payload lies from the play-out point (before sync: from the
    // first payload stored), so that nothing sits in a slot forever.
    int32_t ahead = 0;
    if (s.synced) {
        ahead = distance(s.pointer(), rtp_timestamp);
    } else if (s.has_anchor) {
        ahead = distance(s.anchor, rtp_timestamp);
        if (ahead < 0 && static_cast<uint32_t>(-static_cast<int64_t>(ahead)) > s.max_ahead_span()) {
            ++s.counters.refused_ahead;
            return;
        }
    }
    if (ahead > 0 && static_cast<uint32_t>(ahead) > s.max_ahead_span()) {
        ++s.counters.refused_ahead;
        return;
    }
    const bool duplicate = std::any_of(s.slots.begin(), s.slots.end(), [&](const PacketSlot &slot) {
        return slot.held && slot.timestamp == rtp_timestamp;
    });
    if (duplicate) {
        ++s.counters.duplicate;
        return;
    }
    const bool late = s.synced && ahead < 0;
    // SpeexDSP keeps a late payload only while part of it may still play
    // (the same test as jitter_buffer_put's); a late one is still given to
    // it, without data, since its lateness is what makes the delay grow.
    const bool kept = !s.synced || distance(s.pointer(), rtp_timestamp + span + s.frame_span) >= 0;
    if (late) {
        ++s.counters.late;
    }
    if (!kept) {
        JitterBufferPacket packet{};
        packet.timestamp = rtp_timestamp;
        packet.span = span;
        packet.sequence = sequence;
        jitter_buffer_put(s.speex, &packet);
        return;
    }
    const auto free_slot =
        std::find_if(s.slots.begin(), s.slots.end(), [](const PacketSlot &slot) { return !slot.held; });
    if (free_slot == s.slots.end()) {
        ++s.counters.over_capacity;
        return;
    }
    free_slot->held = true;
    free_slot->late = late;
    free_slot->timestamp = rtp_timestamp;
    free_slot->span = span;
    free_slot->sequence = sequence;
    free_slot->bytes.assign(payload.begin(), payload.end());
    s.give_to_speex(*free_slot);
    ++s.counters.stored;
    if (!s.synced && !s.has_anchor) {
        s.has_anchor = true;
        s.anchor = rtp_timestamp;
    }
}

JitterBuffer::Pulled JitterBuffer::pull()
{
    State &s = *state_;
    s.release_handed_out();
    Pulled pulled;
    if (!s.synced) {
        if (s.held_count() == 0) {
            return pulled; // idle
        }
        // SpeexDSP starts its timeline at the oldest payload held.
        s.synced = true;
        s.has_anchor = false;
    }
    JitterBufferPacket packet{};
    spx_int32_t start_offset = 0;
    const int status = jitter_buffer_get(s.speex, &packet, static_cast<spx_int32_t>(s.frame_span), &start_offset);
    PacketSlot *slot = status == JITTER_BUFFER_OK ? s.slot_of(packet.data) : nullptr;
    if (slot != nullptr) {
        slot->held = false;
        s.handed_out = slot;
        s.missing_in_row = 0;
        ++s.counters.played;
        pulled.kind = Pulled::Kind::packet;
        pulled.payload = slot->bytes;
        pulled.timestamp = slot->timestamp;
        pulled.span = slot->span;
        pulled.sequence = slot->sequence;
        pulled.start_offset = start_offset;
        return pulled;
    }
    const bool inserted = status == JITTER_BUFFER_INSERTION;
    pulled.kind = inserted ? Pulled::Kind::inserted : Pulled::Kind::missing;
    pulled.timestamp = packet.timestamp;
    // One frame at least (the tick must be filled), never more than a packet.
    pulled.span =
        std::clamp(packet.span - packet.span % s.frame_span, s.frame_span, s.frame_span * max_frames_per_packet);
    ++(inserted ? s.counters.inserted : s.counters.missing);
    if (++s.missing_in_row >= s.limits.max_missing_frames) {
        ++s.counters.stream_restarts;
        s.back_to_start(true);
    }
    return pulled;
}

void JitterBuffer::end_tick(uint32_t still_held_span)
{
    State &s = *state_;
    if (s.synced) {
        jitter_buffer_remaining_span(s.speex, still_held_span);
    }
}

std::span<const uint8_t> JitterBuffer::peek(uint32_t rtp_timestamp) const
{
    const auto found = std::find_if(state_->slots.begin(), state_->slots.end(), [&](const PacketSlot &slot) {
        return slot.held && !slot.late && slot.timestamp == rtp_timestamp;
    });
    return found == state_->slots.end() ? std::span<const uint8_t>() : std::span<const uint8_t>(found->bytes);
}

void JitterBuffer::reset()
{
    state_->release_handed_out();
    state_->back_to_start(false);
}

uint32_t JitterBuffer::frame_span() const { return state_->frame_span; }

JitterBufferCounters JitterBuffer::counters() const
{
    const State &s = *state_;
    JitterBufferCounters counters = s.counters;
    counters.held_packets = s.held_count();
    if (s.synced) {
        const uint32_t pointer = s.pointer();
        for (const PacketSlot &slot : s.slots) {
            if (slot.held) {
                const int32_t end = distance(pointer, slot.timestamp + slot.span);
                counters.buffered_span = std::max(counters.buffered_span, static_cast<uint32_t>(std::max(end, 0)));
            }
        }
    }
    return counters;
}

} // namespace cordon::media
