#include "media/payload_span.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace cordon::media {
namespace {

uint32_t span_of(std::string_view encoding, std::vector<uint8_t> payload, uint32_t channels = 1)
{
    const auto span = payload_span(encoding, channels, payload, 999);
    EXPECT_TRUE(span.ok()) << span.error().message;
    return span.ok() ? *span : 0;
}

TEST(PayloadSpan, G711IsOneBytePerSamplePerChannel)
{
    EXPECT_EQ(span_of("PCMU", std::vector<uint8_t>(160)), 160u);
    EXPECT_EQ(span_of("pcma", std::vector<uint8_t>(480)), 480u);
    EXPECT_EQ(span_of("PCMU", std::vector<uint8_t>(320), 2), 160u);
    EXPECT_EQ(payload_span("PCMU", 2, std::vector<uint8_t>(321), 160).error().code, ErrorCode::malformed_input);
}

// TOC byte: config << 3 | stereo << 2 | code (RFC 6716 section 3.1).
uint8_t toc(uint8_t config, uint8_t code) { return static_cast<uint8_t>(config << 3 | code); }

TEST(PayloadSpan, OpusReadsItsTableOfContents)
{
    EXPECT_EQ(span_of("opus", {toc(1, 0), 0xff}), 960u);      // SILK 20 ms, one frame
    EXPECT_EQ(span_of("opus", {toc(2, 0), 0xff}), 1920u);     // SILK 40 ms
    EXPECT_EQ(span_of("opus", {toc(13, 1), 0, 0}), 1920u);    // hybrid 20 ms, two frames
    EXPECT_EQ(span_of("opus", {toc(31, 2), 1, 0, 0}), 1920u); // CELT 20 ms, two frames of other sizes
    EXPECT_EQ(span_of("opus", {toc(28, 3), 0x03, 0}), 360u);  // CELT 2.5 ms, three frames
    EXPECT_EQ(span_of("opus", {toc(31, 3), 0x86, 0}), 5760u); // six 20 ms frames: 120 ms
    EXPECT_EQ(span_of("OPUS", {toc(16, 0)}), 120u);
}

TEST(PayloadSpan, HostileOpusPayloadsAreMalformed)
{
    const auto refused = [](std::vector<uint8_t> payload) {
        const auto span = payload_span("opus", 2, payload, 960);
        return !span.ok() && span.error().code == ErrorCode::malformed_input;
    };
    EXPECT_TRUE(refused({}));
    EXPECT_TRUE(refused({toc(31, 3)}));       // code 3 without its count
    EXPECT_TRUE(refused({toc(31, 3), 0x00})); // no frames
    EXPECT_TRUE(refused({toc(31, 3), 0x07})); // seven 20 ms frames: 140 ms
    EXPECT_TRUE(refused({toc(3, 3), 0x3f}));  // 63 frames of 60 ms
}

TEST(PayloadSpan, OtherEncodingsTakeOneFrame) { EXPECT_EQ(span_of("speex", {1, 2, 3}), 999u); }

} // namespace
} // namespace cordon::media
