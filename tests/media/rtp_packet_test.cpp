#include "media/rtp_packet.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cordon::media {
namespace {

using Bytes = std::vector<uint8_t>;

// A packet as a peer would send it: V=2, the given first-byte flags, PT 0,
// sequence 0x1234, timestamp 0x01020304, SSRC 0xAABBCCDD.
Bytes fixed_header(uint8_t first_byte_flags)
{
    return {static_cast<uint8_t>(0x80 | first_byte_flags),
            0x00,
            0x12,
            0x34,
            0x01,
            0x02,
            0x03,
            0x04,
            0xAA,
            0xBB,
            0xCC,
            0xDD};
}

void expect_refused(const Bytes &packet, const std::string &reason)
{
    const auto parsed = parse_rtp(packet);
    ASSERT_FALSE(parsed.ok()) << "accepted, expected: " << reason;
    EXPECT_EQ(parsed.error().code, ErrorCode::malformed_input);
    EXPECT_NE(parsed.error().message.find(reason), std::string::npos) << parsed.error().message;
}

TEST(RtpPacket, ReadsTheFixedHeaderOfAPeersPacket)
{
    Bytes packet = fixed_header(0);
    packet[1] = 0x80 | 8; // marker, PCMA
    packet.insert(packet.end(), {0xD5, 0xD5, 0x55});
    const auto parsed = parse_rtp(packet);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->header.payload_type, 8);
    EXPECT_TRUE(parsed->header.marker);
    EXPECT_EQ(parsed->header.sequence, 0x1234);
    EXPECT_EQ(parsed->header.timestamp, 0x01020304u);
    EXPECT_EQ(parsed->header.ssrc, 0xAABBCCDDu);
    EXPECT_EQ(parsed->header.csrc_count, 0);
    EXPECT_FALSE(parsed->header.has_extension);
    EXPECT_EQ(Bytes(parsed->payload.begin(), parsed->payload.end()), (Bytes{0xD5, 0xD5, 0x55}));
    EXPECT_EQ(parsed->payload.data(), packet.data() + rtp_fixed_header_bytes); // a view, not a copy
    EXPECT_EQ(parsed->padding, 0u);
}

TEST(RtpPacket, HeaderWithCsrcsExtensionAndPayloadRoundTrips)
{
    RtpHeader header;
    header.payload_type = 111;
    header.marker = true;
    header.sequence = 65535;
    header.timestamp = 0xFFFFFFF0;
    header.ssrc = 0x01234567;
    header.csrc_count = 15;
    for (uint32_t i = 0; i < max_rtp_csrcs; ++i) {
        header.csrcs[i] = 0x10000000 + i;
    }
    header.has_extension = true;
    header.extension_profile = 0xBEDE;
    const Bytes extension{0x10, 0x7F, 0x00, 0x00, 0x22, 0x01, 0x02, 0x00};
    const Bytes payload{1, 2, 3, 4, 5};
    Bytes out(rtp_packet_size(header, extension.size(), payload.size()));
    const auto written = write_rtp(header, payload, out, extension);
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(*written, 12u + 15 * 4 + 4 + 8 + 5);

    const auto parsed = parse_rtp(out);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->header, header);
    EXPECT_EQ(Bytes(parsed->extension.begin(), parsed->extension.end()), extension);
    EXPECT_EQ(Bytes(parsed->payload.begin(), parsed->payload.end()), payload);
}

TEST(RtpPacket, EmptyPayloadRoundTrips)
{
    RtpHeader header;
    header.payload_type = 0;
    header.sequence = 7;
    Bytes out(rtp_fixed_header_bytes);
    ASSERT_TRUE(write_rtp(header, {}, out).ok());
    const auto parsed = parse_rtp(out);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->header, header);
    EXPECT_TRUE(parsed->payload.empty());
}

TEST(RtpPacket, PaddingIsRemovedFromThePayload)
{
    Bytes packet = fixed_header(0x20);
    packet.insert(packet.end(), {9, 9, 0, 0, 3});
    const auto parsed = parse_rtp(packet);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->padding, 3u);
    EXPECT_EQ(Bytes(parsed->payload.begin(), parsed->payload.end()), (Bytes{9, 9}));

    // Padding may take everything after the header.
    Bytes all_padding = fixed_header(0x20);
    all_padding.insert(all_padding.end(), {0, 0, 0, 4});
    const auto empty = parse_rtp(all_padding);
    ASSERT_TRUE(empty.ok()) << empty.error().message;
    EXPECT_TRUE(empty->payload.empty());
}

TEST(RtpPacket, HostilePacketsAreRefusedWithTheirReason)
{
    expect_refused(Bytes(11, 0x80), "shorter than the 12-byte fixed header");

    Bytes version_one = fixed_header(0);
    version_one[0] = 0x40;
    expect_refused(version_one, "version 1");
    Bytes version_zero = fixed_header(0);
    version_zero[0] = 0x00;
    expect_refused(version_zero, "version 0");

    Bytes csrcs = fixed_header(3); // CC=3, only two CSRCs present
    csrcs.insert(csrcs.end(), 8, 0);
    expect_refused(csrcs, "3 CSRCs run past the end");

    expect_refused(fixed_header(0x10), "extension's header runs past the end");
    Bytes extension = fixed_header(0x10);
    extension.insert(extension.end(), {0xBE, 0xDE, 0x00, 0x02, 1, 2, 3, 4}); // says 2 words, has 1
    expect_refused(extension, "header extension of 8 bytes runs past the end");
    Bytes extension_max = fixed_header(0x10);
    extension_max.insert(extension_max.end(), {0xBE, 0xDE, 0xFF, 0xFF});
    expect_refused(extension_max, "runs past the end");

    Bytes padding_zero = fixed_header(0x20);
    padding_zero.insert(padding_zero.end(), {1, 2, 0});
    expect_refused(padding_zero, "padding count 0");
    Bytes padding_large = fixed_header(0x20);
    padding_large.insert(padding_large.end(), {1, 2, 4});
    expect_refused(padding_large, "padding count 4 exceeds the 3 bytes after the header");
    // The count may not reach back into the CSRCs.
    Bytes padding_into_csrc = fixed_header(0x21);
    padding_into_csrc.insert(padding_into_csrc.end(), {0, 0, 0, 5});
    expect_refused(padding_into_csrc, "exceeds the 0 bytes after the header");
}

TEST(RtpPacket, PayloadTypesThatCollideWithRtcpAreRefused)
{
    for (const uint8_t type : std::initializer_list<uint8_t>{64, 72, 77, 95}) {
        Bytes packet = fixed_header(0);
        packet[1] = type;
        expect_refused(packet, "collides with RTCP");
        packet[1] = static_cast<uint8_t>(0x80 | type);
        EXPECT_TRUE(looks_like_rtcp(packet)) << int{type};
        RtpHeader header;
        header.payload_type = type;
        Bytes out(rtp_fixed_header_bytes);
        const auto written = write_rtp(header, {}, out);
        ASSERT_FALSE(written.ok());
        EXPECT_EQ(written.error().code, ErrorCode::invalid_argument);
    }
    for (const uint8_t type : std::initializer_list<uint8_t>{63, 96}) {
        Bytes packet = fixed_header(0);
        packet[1] = static_cast<uint8_t>(0x80 | type);
        EXPECT_TRUE(parse_rtp(packet).ok()) << int{type};
        EXPECT_FALSE(looks_like_rtcp(packet)) << int{type};
    }
}

TEST(RtpPacket, LooksLikeRtcpChecksTheSecondByte)
{
    EXPECT_TRUE(looks_like_rtcp(Bytes{0x80, 200}));
    EXPECT_TRUE(looks_like_rtcp(Bytes{0x81, 201, 0, 7}));
    EXPECT_TRUE(looks_like_rtcp(Bytes{0x80, 223}));
    EXPECT_FALSE(looks_like_rtcp(Bytes{0x80, 191}));
    EXPECT_FALSE(looks_like_rtcp(Bytes{0x80, 224}));
    EXPECT_FALSE(looks_like_rtcp(Bytes{0x80}));
    EXPECT_FALSE(looks_like_rtcp(Bytes{}));
}

TEST(RtpPacket, WriterRefusesWhatItCannotWrite)
{
    RtpHeader header;
    header.payload_type = 0;
    const Bytes payload(160, 0xFF);
    Bytes small(rtp_fixed_header_bytes + payload.size() - 1);
    const auto too_small = write_rtp(header, payload, small);
    ASSERT_FALSE(too_small.ok());
    EXPECT_EQ(too_small.error().code, ErrorCode::buffer_too_small);

    Bytes out(1500);
    RtpHeader bad_type = header;
    bad_type.payload_type = 128;
    EXPECT_EQ(write_rtp(bad_type, payload, out).error().code, ErrorCode::invalid_argument);
    RtpHeader too_many_csrcs = header;
    too_many_csrcs.csrc_count = 16;
    EXPECT_EQ(write_rtp(too_many_csrcs, payload, out).error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(too_many_csrcs.contributing_sources().size(), max_rtp_csrcs);
    const Bytes extension{1, 2, 3, 4};
    EXPECT_EQ(write_rtp(header, payload, out, extension).error().code, ErrorCode::invalid_argument);
    RtpHeader with_extension = header;
    with_extension.has_extension = true;
    const Bytes ragged{1, 2, 3};
    EXPECT_EQ(write_rtp(with_extension, payload, out, ragged).error().code, ErrorCode::invalid_argument);
}

} // namespace
} // namespace cordon::media
