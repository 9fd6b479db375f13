#include "media/rtcp_packet.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cordon::media {
namespace {

using Bytes = std::vector<uint8_t>;

void put_u32(Bytes &out, uint32_t value)
{
    for (const unsigned shift : {24u, 16u, 8u, 0u}) {
        out.push_back(static_cast<uint8_t>(value >> shift));
    }
}

// One RTCP packet: header with the count and type, the length computed from
// the body (which the caller keeps word-aligned unless testing that).
Bytes packet(uint8_t count, uint8_t type, const Bytes &body, bool padding = false)
{
    Bytes out{static_cast<uint8_t>(0x80 | (padding ? 0x20 : 0) | count), type};
    const size_t words = (body.size() + 4) / 4 - 1;
    out.push_back(static_cast<uint8_t>(words >> 8));
    out.push_back(static_cast<uint8_t>(words));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &part : parts) {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

Bytes report_block_bytes(uint32_t ssrc)
{
    Bytes out;
    put_u32(out, ssrc);
    put_u32(out, 0x40FFFFFE); // fraction 64/256, cumulative lost -2
    put_u32(out, 0x0001FFFF);
    put_u32(out, 47);
    put_u32(out, 0x12345678);
    put_u32(out, 0x00018000); // 1.5 s
    return out;
}

Bytes receiver_report(uint32_t ssrc, size_t blocks)
{
    Bytes body;
    put_u32(body, ssrc);
    for (size_t i = 0; i < blocks; ++i) {
        const Bytes block = report_block_bytes(static_cast<uint32_t>(0x5000 + i));
        body.insert(body.end(), block.begin(), block.end());
    }
    return packet(static_cast<uint8_t>(blocks), rtcp_receiver_report, body);
}

// SDES with one chunk: CNAME "a@b", then a NAME item, NUL, padding.
Bytes sdes_cname(uint32_t ssrc)
{
    Bytes body;
    put_u32(body, ssrc);
    body.insert(body.end(), {1, 3, 'a', '@', 'b', 2, 2, 'J', 'o', 0, 0, 0});
    return packet(1, rtcp_source_description, body);
}

void expect_refused(const Bytes &compound, const std::string &reason)
{
    const auto parsed = parse_rtcp(compound);
    ASSERT_FALSE(parsed.ok()) << "accepted, expected: " << reason;
    EXPECT_EQ(parsed.error().code, ErrorCode::malformed_input);
    EXPECT_NE(parsed.error().message.find(reason), std::string::npos) << parsed.error().message;
}

RtcpCompound full_compound()
{
    RtcpCompound compound;
    compound.ssrc = 0xCAFEBABE;
    compound.sender = SenderInfo{{0xE8A1B2C3, 0x80000000}, 160000, 1000, 160000};
    compound.reports.push_back({0x11111111, 25, -3, 0x0002FFF0, 120, 0xB2C38000, 98304});
    compound.reports.push_back({0x22222222, 255, max_cumulative_lost, 1, 0, 0, 0});
    compound.reports.push_back({0x33333333, 0, min_cumulative_lost, 2, 3, 4, 5});
    compound.sdes.push_back({0xCAFEBABE, "alice@192.0.2.1"});
    compound.sdes.push_back({0x0BADF00D, "a"});
    compound.bye = Bye{{0xCAFEBABE, 0x0BADF00D}, "call ended"};
    return compound;
}

TEST(RtcpPacket, SenderReportSdesAndByeRoundTrip)
{
    const RtcpCompound compound = full_compound();
    Bytes out(rtcp_compound_size(compound));
    const auto written = write_rtcp(compound, out);
    ASSERT_TRUE(written.ok()) << written.error().message;
    // SR 8+20+3*24, SDES 4 + (4+20) + (4+4), BYE 4+8+12.
    EXPECT_EQ(*written, 100u + 36 + 24);
    EXPECT_EQ(out[1], rtcp_sender_report);
    const auto parsed = parse_rtcp(out);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed, compound);
}

TEST(RtcpPacket, ReceiverReportWithoutByeRoundTrips)
{
    RtcpCompound compound;
    compound.ssrc = 7;
    for (uint32_t i = 0; i < max_rtcp_item_count; ++i) {
        compound.reports.push_back({i, static_cast<uint8_t>(i), -static_cast<int32_t>(i), i * 3, i * 5, i, i});
    }
    compound.sdes.push_back({7, "abc"}); // 4+2+3+1: the NUL ends the word exactly, no padding
    Bytes out(rtcp_compound_size(compound));
    ASSERT_TRUE(write_rtcp(compound, out).ok());
    EXPECT_EQ(out[0], 0x80 | 31);
    EXPECT_EQ(out[1], rtcp_receiver_report);
    const auto parsed = parse_rtcp(out);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed, compound);
}

TEST(RtcpPacket, NegativeCumulativeLostIsTwosComplementIn24Bits)
{
    EXPECT_EQ(encode_cumulative_lost(-1), 0xFFFFFFu);
    EXPECT_EQ(encode_cumulative_lost(-2), 0xFFFFFEu);
    EXPECT_EQ(encode_cumulative_lost(min_cumulative_lost), 0x800000u);
    EXPECT_EQ(encode_cumulative_lost(max_cumulative_lost), 0x7FFFFFu);
    EXPECT_EQ(encode_cumulative_lost(-10'000'000), 0x800000u); // clamped, not wrapped
    EXPECT_EQ(encode_cumulative_lost(10'000'000), 0x7FFFFFu);
    EXPECT_EQ(decode_cumulative_lost(0xFFFFFF), -1);
    EXPECT_EQ(decode_cumulative_lost(0x800000), min_cumulative_lost);
    EXPECT_EQ(decode_cumulative_lost(0x7FFFFF), max_cumulative_lost);
    EXPECT_EQ(decode_cumulative_lost(5), 5);

    const auto parsed = parse_rtcp(receiver_report(1, 1));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_EQ(parsed->reports.size(), 1u);
    const ReportBlock &block = parsed->reports[0];
    EXPECT_EQ(block.fraction_lost, 64);
    EXPECT_EQ(block.cumulative_lost, -2);
    EXPECT_EQ(block.extended_highest_sequence, 0x0001FFFFu);
    EXPECT_EQ(block.jitter, 47u);
    EXPECT_EQ(block.last_sr, 0x12345678u);
    EXPECT_EQ(block.delay_since_last_sr, 0x00018000u);
}

TEST(RtcpPacket, OtherPacketsAreSkippedAndAdditionalReceiverReportsJoin)
{
    const Bytes app = packet(1, rtcp_app, {0, 0, 0, 1, 'n', 'a', 'm', 'e', 1, 2, 3, 4});
    const Bytes feedback = packet(1, 205, {0, 0, 0, 1, 0, 0, 0, 2, 0, 9, 0, 0});
    const Bytes compound = concat({receiver_report(9, 2), receiver_report(9, 1), sdes_cname(9), app, feedback});
    const auto parsed = parse_rtcp(compound);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->ssrc, 9u);
    EXPECT_FALSE(parsed->sender);
    ASSERT_EQ(parsed->reports.size(), 3u);
    EXPECT_EQ(parsed->reports[2].ssrc, 0x5000u);
    ASSERT_EQ(parsed->sdes.size(), 1u);
    EXPECT_EQ(parsed->sdes[0].cname, "a@b");
    EXPECT_EQ(parsed->skipped_packets, 2u);
    EXPECT_FALSE(parsed->bye);
}

TEST(RtcpPacket, PaddingOnTheLastPacketIsAccepted)
{
    Bytes bye_body;
    put_u32(bye_body, 9);
    bye_body.insert(bye_body.end(), {0, 0, 0, 4});
    const auto parsed = parse_rtcp(concat({receiver_report(9, 0), packet(1, rtcp_bye, bye_body, true)}));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_TRUE(parsed->bye);
    EXPECT_EQ(parsed->bye->ssrcs, std::vector<uint32_t>{9});
    EXPECT_TRUE(parsed->bye->reason.empty());
}

TEST(RtcpPacket, CompoundsThatBreakAppendixA2AreRefused)
{
    expect_refused({}, "empty");
    Bytes version_one = receiver_report(1, 0);
    version_one[0] = 0x40;
    expect_refused(version_one, "version 1");
    Bytes second_version = concat({receiver_report(1, 0), sdes_cname(1)});
    second_version[8] = 0xC1;
    expect_refused(second_version, "RTCP packet 2 (SDES): version 3");

    expect_refused(sdes_cname(1), "must start with an SR or an RR");
    expect_refused(concat({packet(0, rtcp_bye, {}), receiver_report(1, 0)}), "must start with an SR or an RR");

    // Lengths that do not tile the compound.
    Bytes too_long = receiver_report(1, 0);
    too_long[3] = 2;
    expect_refused(too_long, "length 12 bytes runs past the 8 left");
    Bytes trailing = receiver_report(1, 0);
    trailing.insert(trailing.end(), {0x80, 0xC9});
    expect_refused(trailing, "2 bytes left, less than a header");
    // The APP packet claims one word less than it has: its last word becomes a header.
    Bytes short_length =
        concat({receiver_report(1, 0), packet(0, rtcp_app, {0, 0, 0, 1, 'n', 'a', 'm', 'e', 1, 2, 3, 4})});
    short_length[11] -= 1;
    expect_refused(short_length, "RTCP packet 3 (type 2): version 0");

    // Padding only on the last packet, and a sane count there.
    Bytes padded_first = concat({receiver_report(1, 0), sdes_cname(1)});
    padded_first[0] |= 0x20;
    expect_refused(padded_first, "padding on a packet that is not the last");
    Bytes zero_padding_body;
    put_u32(zero_padding_body, 1);
    zero_padding_body.insert(zero_padding_body.end(), {0, 0, 0, 0});
    expect_refused(concat({receiver_report(1, 0), packet(1, rtcp_bye, zero_padding_body, true)}), "padding count 0");
    Bytes big_padding_body;
    put_u32(big_padding_body, 1);
    big_padding_body.insert(big_padding_body.end(), {0, 0, 0, 9});
    expect_refused(concat({receiver_report(1, 0), packet(1, rtcp_bye, big_padding_body, true)}),
                   "padding count 9 is 0 or more than the 8 bytes");
}

TEST(RtcpPacket, TruncatedReportsAreRefused)
{
    Bytes report_count_past_length = receiver_report(1, 1);
    report_count_past_length[0] = 0x82;
    expect_refused(report_count_past_length, "report count 2 needs 52 bytes after the header, the packet has 28");
    Bytes sr_body;
    put_u32(sr_body, 1);
    sr_body.insert(sr_body.end(), 16, 0); // sender info is 20 bytes
    expect_refused(packet(0, rtcp_sender_report, sr_body), "report count 0 needs 24 bytes");
    expect_refused(packet(0, rtcp_receiver_report, {}), "report count 0 needs 4 bytes");
    expect_refused(concat({receiver_report(1, 0), receiver_report(2, 0)}), "an RR from SSRC 2 after a report from 1");
    Bytes sr_later_body;
    put_u32(sr_later_body, 1);
    sr_later_body.insert(sr_later_body.end(), 20, 0);
    expect_refused(concat({receiver_report(1, 0), packet(0, rtcp_sender_report, sr_later_body)}),
                   "an SR after the first packet");
}

TEST(RtcpPacket, TruncatedOrMalformedSdesIsRefused)
{
    const Bytes rr = receiver_report(1, 0);
    Bytes two_chunks_one_present = sdes_cname(1);
    two_chunks_one_present[0] = 0x82;
    expect_refused(concat({rr, two_chunks_one_present}), "chunk 2 of 2 runs past the end");
    // An item whose length runs past the packet.
    const Bytes item_past = {0, 0, 0, 1, 1, 9, 'a', 'b', 'c', 'd', 'e', 'f'};
    expect_refused(concat({rr, packet(1, rtcp_source_description, item_past)}), "an item of chunk 1 runs past the end");
    // Items that fill the chunk with no NUL after them.
    const Bytes unterminated = {0, 0, 0, 1, 1, 2, 'a', 'b'};
    expect_refused(concat({rr, packet(1, rtcp_source_description, unterminated)}), "ends without the NUL");
    const Bytes trailing_after_chunk = {0, 0, 0, 1, 1, 1, 'a', 0, 7, 0, 0, 0};
    expect_refused(concat({rr, packet(1, rtcp_source_description, trailing_after_chunk)}),
                   "RTCP packet 2 (SDES): 4 bytes after the last of 1 chunks");
    const Bytes padding_not_zero = {0, 0, 0, 1, 1, 2, 'a', 'b', 0, 5, 0, 0};
    expect_refused(concat({rr, packet(1, rtcp_source_description, padding_not_zero)}), "a nonzero byte in the padding");
    const Bytes two_cnames = {0, 0, 0, 1, 1, 1, 'a', 1, 1, 'b', 0, 0};
    expect_refused(concat({rr, packet(1, rtcp_source_description, two_cnames)}), "chunk 1 has two CNAMEs");
    const Bytes empty_cname = {0, 0, 0, 1, 1, 0, 0, 0};
    expect_refused(concat({rr, packet(1, rtcp_source_description, empty_cname)}), "is empty or has a control");
    const Bytes control_cname = {0, 0, 0, 1, 1, 2, 'a', '\n', 0, 0, 0, 0};
    expect_refused(concat({rr, packet(1, rtcp_source_description, control_cname)}), "is empty or has a control");
    // A chunk without a CNAME is fine; its cname stays empty.
    const auto no_cname = parse_rtcp(concat({rr, packet(1, rtcp_source_description, {0, 0, 0, 1, 2, 1, 'x', 0})}));
    ASSERT_TRUE(no_cname.ok()) << no_cname.error().message;
    ASSERT_EQ(no_cname->sdes.size(), 1u);
    EXPECT_TRUE(no_cname->sdes[0].cname.empty());
}

TEST(RtcpPacket, TruncatedOrMalformedByeIsRefused)
{
    const Bytes rr = receiver_report(1, 0);
    Bytes ssrcs_past;
    put_u32(ssrcs_past, 1);
    expect_refused(concat({rr, packet(2, rtcp_bye, ssrcs_past)}), "2 SSRCs run past the end");
    Bytes reason_past;
    put_u32(reason_past, 1);
    reason_past.insert(reason_past.end(), {7, 'g', 'o', 'n'});
    expect_refused(concat({rr, packet(1, rtcp_bye, reason_past)}), "a reason of 7 bytes runs past the end");
    Bytes reason_control;
    put_u32(reason_control, 1);
    reason_control.insert(reason_control.end(), {3, 'a', 0x1B, 'b'});
    expect_refused(concat({rr, packet(1, rtcp_bye, reason_control)}), "the reason has a control character");
    Bytes reason_padding;
    put_u32(reason_padding, 1);
    reason_padding.insert(reason_padding.end(), {1, 'a', 0, 1});
    expect_refused(concat({rr, packet(1, rtcp_bye, reason_padding)}), "a nonzero byte in the padding after the reason");
    Bytes bye;
    put_u32(bye, 1);
    expect_refused(concat({rr, packet(1, rtcp_bye, bye), packet(1, rtcp_bye, bye)}), "a second BYE");
}

TEST(RtcpPacket, WriterRefusesWhatTheWireCannotCarry)
{
    Bytes out(2048);
    RtcpCompound no_sdes = full_compound();
    no_sdes.sdes.clear();
    EXPECT_EQ(write_rtcp(no_sdes, out).error().code, ErrorCode::invalid_argument);
    RtcpCompound many_reports = full_compound();
    many_reports.reports.resize(32);
    EXPECT_EQ(write_rtcp(many_reports, out).error().code, ErrorCode::invalid_argument);
    RtcpCompound empty_cname = full_compound();
    empty_cname.sdes[0].cname.clear();
    EXPECT_EQ(write_rtcp(empty_cname, out).error().code, ErrorCode::invalid_argument);
    RtcpCompound long_cname = full_compound();
    long_cname.sdes[0].cname.assign(256, 'a');
    EXPECT_EQ(write_rtcp(long_cname, out).error().code, ErrorCode::invalid_argument);
    RtcpCompound control_reason = full_compound();
    control_reason.bye->reason = "bye\r\nVia: forged";
    EXPECT_EQ(write_rtcp(control_reason, out).error().code, ErrorCode::invalid_argument);
    RtcpCompound many_byes = full_compound();
    many_byes.bye->ssrcs.resize(32);
    EXPECT_EQ(write_rtcp(many_byes, out).error().code, ErrorCode::invalid_argument);
    const RtcpCompound fine = full_compound();
    Bytes small(rtcp_compound_size(fine) - 1);
    EXPECT_EQ(write_rtcp(fine, small).error().code, ErrorCode::buffer_too_small);
}

} // namespace
} // namespace cordon::media
