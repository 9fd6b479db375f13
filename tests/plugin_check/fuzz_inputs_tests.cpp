#include <gtest/gtest.h>

#include <array>
#include <set>

#include "plugin_checker/fuzz_inputs.hpp"
#include "plugin_checker/robustness_check.hpp"

namespace cordon::plugin_check {
namespace {

constexpr size_t max_packet = 40;
constexpr int rounds = 2000;
const std::vector<uint8_t> valid = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

TEST(FuzzInputs, TheSameSeedGivesTheSameInputs)
{
    FuzzInputs a(42);
    FuzzInputs b(42);
    for (int i = 0; i < rounds; ++i) {
        EXPECT_EQ(a.next_packet(valid, max_packet), b.next_packet(valid, max_packet));
    }
    std::array<int16_t, 16> pcm_a{};
    std::array<int16_t, 16> pcm_b{};
    a.next_pcm(pcm_a);
    b.next_pcm(pcm_b);
    EXPECT_EQ(pcm_a, pcm_b);
}

TEST(FuzzInputs, AnotherSeedGivesOtherInputs)
{
    FuzzInputs a(1);
    FuzzInputs b(2);
    int differences = 0;
    for (int i = 0; i < 100; ++i) {
        differences += a.next_packet(valid, max_packet) != b.next_packet(valid, max_packet) ? 1 : 0;
    }
    EXPECT_GT(differences, 50);
}

TEST(FuzzInputs, PacketsStayWithinTwiceTheMaximumAndTakeEveryShape)
{
    FuzzInputs inputs(7);
    std::set<PacketShape> shapes;
    size_t longest = 0;
    for (int i = 0; i < rounds; ++i) {
        const auto packet = inputs.next_packet(valid, max_packet);
        longest = std::max(longest, packet.size());
        shapes.insert(inputs.last_packet_shape());
        if (inputs.last_packet_shape() == PacketShape::truncated) {
            EXPECT_LT(packet.size(), valid.size());
        }
        if (inputs.last_packet_shape() == PacketShape::empty) {
            EXPECT_TRUE(packet.empty());
        }
    }
    EXPECT_LE(longest, 2 * max_packet);
    EXPECT_GT(longest, max_packet);
    EXPECT_EQ(shapes.size(), packet_shapes);
}

TEST(FuzzInputs, WithoutAValidPacketOnlyRandomOrEmpty)
{
    FuzzInputs inputs(3);
    for (int i = 0; i < 200; ++i) {
        inputs.next_packet({}, max_packet);
        const PacketShape shape = inputs.last_packet_shape();
        EXPECT_TRUE(shape == PacketShape::random_bytes || shape == PacketShape::empty);
    }
}

TEST(FuzzInputs, PcmIncludesTheExtremes)
{
    FuzzInputs inputs(9);
    std::array<int16_t, 8> pcm{};
    bool saw_full_scale = false;
    for (int i = 0; i < 200; ++i) {
        inputs.next_pcm(pcm);
        if (inputs.last_pcm_shape() == PcmShape::full_scale) {
            saw_full_scale = true;
            EXPECT_EQ(pcm[0], INT16_MAX);
            EXPECT_EQ(pcm[1], INT16_MIN);
        }
    }
    EXPECT_TRUE(saw_full_scale);
}

TEST(HexPreview, IsCappedAndSaysTheLength)
{
    EXPECT_EQ(hex_preview(std::vector<uint8_t>{0x0a, 0xff, 0x00}), "0a ff 00");
    EXPECT_EQ(hex_preview({}), "(empty)");
    const std::vector<uint8_t> long_input(max_hex_bytes_shown + 10, 0xab);
    const std::string text = hex_preview(long_input);
    EXPECT_NE(text.find("(" + std::to_string(long_input.size()) + " bytes)"), std::string::npos);
    EXPECT_LT(text.size(), 3 * max_hex_bytes_shown + 30);
}

} // namespace
} // namespace cordon::plugin_check
