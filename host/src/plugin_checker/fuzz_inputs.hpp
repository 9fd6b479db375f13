// The inputs of the robustness checks: random and mutated packets for
// decode and conceal, random and extreme PCM for encode. Deterministic: the
// same seed gives the same sequence on every machine (the generator is
// std::mt19937_64, whose output the standard fixes, and no std
// distribution, whose output it does not).
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace cordon::plugin_check {

enum class PacketShape {
    random_bytes, // random length 0..2 × max_packet_bytes, random content
    bit_flips,    // a valid packet with a few bits flipped
    truncated,    // a valid packet cut short
    extended,     // a valid packet with random bytes appended
    byte_swaps,   // a valid packet with a few byte pairs exchanged
    empty,        // zero bytes
};
inline constexpr size_t packet_shapes = 6;

enum class PcmShape {
    random,       // every sample random
    full_scale,   // alternating +32767 and -32768: the hardest square wave
    positive_max, // every sample +32767 (DC at full scale)
    negative_max, // every sample -32768
    silence,
};
inline constexpr size_t pcm_shapes = 5;

// At most this many bits flipped or byte pairs swapped in one mutation.
inline constexpr uint64_t max_mutations_per_packet = 8;

class FuzzInputs {
public:
    explicit FuzzInputs(uint64_t seed) : random_(seed) {}

    // A packet for decode or conceal, made from valid (a packet the codec
    // itself encoded; may be empty) or from nothing.
    std::vector<uint8_t> next_packet(std::span<const uint8_t> valid, size_t max_packet_bytes);
    // Fills one frame of PCM.
    void next_pcm(std::span<int16_t> pcm);
    // 0..bound-1.
    uint64_t below(uint64_t bound);

    PacketShape last_packet_shape() const { return last_packet_; }
    PcmShape last_pcm_shape() const { return last_pcm_; }

private:
    std::mt19937_64 random_;
    PacketShape last_packet_ = PacketShape::empty;
    PcmShape last_pcm_ = PcmShape::silence;
};

} // namespace cordon::plugin_check
