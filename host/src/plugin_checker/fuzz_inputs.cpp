#include "plugin_checker/fuzz_inputs.hpp"

#include <algorithm>
#include <limits>

namespace cordon::plugin_check {

namespace {

constexpr unsigned bits_per_byte = 8;
constexpr uint64_t byte_values = 256;

} // namespace

uint64_t FuzzInputs::below(uint64_t bound) { return bound == 0 ? 0 : random_() % bound; }

std::vector<uint8_t> FuzzInputs::next_packet(std::span<const uint8_t> valid, size_t max_packet_bytes)
{
    last_packet_ = static_cast<PacketShape>(below(packet_shapes));
    if (valid.empty() && last_packet_ != PacketShape::empty) {
        last_packet_ = PacketShape::random_bytes;
    }
    std::vector<uint8_t> packet(valid.begin(), valid.end());
    const auto random_byte = [this] { return static_cast<uint8_t>(below(byte_values)); };
    switch (last_packet_) {
    case PacketShape::random_bytes:
        packet.resize(below(2 * uint64_t{max_packet_bytes} + 1));
        std::generate(packet.begin(), packet.end(), random_byte);
        break;
    case PacketShape::bit_flips:
        for (uint64_t n = 1 + below(max_mutations_per_packet); n > 0; --n) {
            packet[below(packet.size())] ^= static_cast<uint8_t>(1u << below(bits_per_byte));
        }
        break;
    case PacketShape::truncated:
        packet.resize(below(packet.size()));
        break;
    case PacketShape::extended: {
        const size_t room = 2 * max_packet_bytes > packet.size() ? 2 * max_packet_bytes - packet.size() : 0;
        for (uint64_t n = 1 + below(room); n > 0 && room > 0; --n) {
            packet.push_back(random_byte());
        }
        break;
    }
    case PacketShape::byte_swaps:
        for (uint64_t n = 1 + below(max_mutations_per_packet); n > 0; --n) {
            std::swap(packet[below(packet.size())], packet[below(packet.size())]);
        }
        break;
    case PacketShape::empty:
        packet.clear();
        break;
    }
    return packet;
}

void FuzzInputs::next_pcm(std::span<int16_t> pcm)
{
    last_pcm_ = static_cast<PcmShape>(below(pcm_shapes));
    constexpr int16_t high = std::numeric_limits<int16_t>::max();
    constexpr int16_t low = std::numeric_limits<int16_t>::min();
    for (size_t i = 0; i < pcm.size(); ++i) {
        switch (last_pcm_) {
        case PcmShape::random:
            pcm[i] = static_cast<int16_t>(static_cast<uint16_t>(random_()));
            break;
        case PcmShape::full_scale:
            pcm[i] = i % 2 == 0 ? high : low;
            break;
        case PcmShape::positive_max:
            pcm[i] = high;
            break;
        case PcmShape::negative_max:
            pcm[i] = low;
            break;
        case PcmShape::silence:
            pcm[i] = 0;
            break;
        }
    }
}

} // namespace cordon::plugin_check
