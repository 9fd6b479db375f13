// Packets come from the network: random, truncated and corrupted ones decode
// with OK or MALFORMED_INPUT, within the buffer, never a crash. Run under
// ASan (the asan preset) this also catches reads past the packet.
#include <random>

#include "conformance_fixture.hpp"

namespace cordon::conformance {
namespace {

constexpr size_t random_packets = 400;
constexpr uint32_t random_seed = 20261126;

// What any decode of any bytes may do.
void expect_safe_decode(RawInstance &decoder, uint32_t channels, std::span<const uint8_t> packet, const char *what,
                        size_t index)
{
    GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
    const CallResult result = decoder.decode(packet, pcm);
    ASSERT_TRUE(result.status == CORDON_STATUS_OK || result.status == CORDON_STATUS_MALFORMED_INPUT ||
                result.status == CORDON_STATUS_BUFFER_TOO_SMALL)
        << what << " " << index << ": status " << result.status;
    if (result.status == CORDON_STATUS_OK) {
        ASSERT_LE(result.length, pcm.capacity()) << what << " " << index;
        ASSERT_EQ(result.length % channels, 0u) << what << " " << index;
    } else {
        ASSERT_EQ(result.length, 0u) << what << " " << index;
    }
    ASSERT_TRUE(pcm.canary_intact()) << what << " " << index << " wrote past the buffer";
}

TEST_P(CodecConformance, SurvivesRandomPackets)
{
    RawInstance decoder(raw(), config());
    ASSERT_TRUE(decoder.ok());
    std::mt19937 random(random_seed);
    std::uniform_int_distribution<size_t> length(1, 2 * size_t{decoder.info().max_packet_bytes});
    std::uniform_int_distribution<int> byte(0, 255);
    for (size_t i = 0; i < random_packets; ++i) {
        std::vector<uint8_t> packet(length(random));
        for (auto &b : packet) {
            b = static_cast<uint8_t>(byte(random));
        }
        expect_safe_decode(decoder, config().channels, packet, "random packet", i);
    }
}

TEST_P(CodecConformance, SurvivesTruncatedAndCorruptedPackets)
{
    RawInstance encoder(raw(), config());
    RawInstance decoder(raw(), config());
    ASSERT_TRUE(encoder.ok() && decoder.ok());
    const auto packets = encode_frames(encoder, 8);
    ASSERT_FALSE(packets.empty());
    const std::vector<uint8_t> &packet = packets.back();
    for (size_t cut = 1; cut < packet.size(); ++cut) {
        expect_safe_decode(decoder, config().channels, std::span(packet).first(cut), "prefix of length", cut);
    }
    for (size_t bit = 0; bit < packet.size() * 8; ++bit) {
        std::vector<uint8_t> corrupted = packet;
        corrupted[bit / 8] = static_cast<uint8_t>(corrupted[bit / 8] ^ (1u << (bit % 8)));
        expect_safe_decode(decoder, config().channels, corrupted, "bit flip", bit);
    }
    // After all that, the decoder still decodes a good packet.
    GuardedBuffer<int16_t> pcm(decoder.info().max_decoded_samples);
    EXPECT_EQ(decoder.decode(packets.front(), pcm).status, CORDON_STATUS_OK);
}

}  // namespace
}  // namespace cordon::conformance
