// parse_rtcp: appendix A.2's checks on the compound, then each packet's body
// read against its own length, never against the compound's.
#include <string>
#include <string_view>

#include "media/network_bytes.hpp"
#include "media/rtcp_packet.hpp"
#include "media/rtcp_text.hpp"

namespace cordon::media {
namespace {

constexpr size_t word_bytes = 4;
constexpr uint8_t version_shift = 6;
constexpr uint8_t padding_bit = 0x20;
constexpr uint8_t count_mask = 0x1F;
constexpr uint32_t cumulative_lost_sign_bit = 0x800000;
constexpr uint32_t cumulative_lost_mask = 0xFFFFFF;

std::string packet_name(uint8_t type)
{
    switch (type) {
    case rtcp_sender_report:
        return "SR";
    case rtcp_receiver_report:
        return "RR";
    case rtcp_source_description:
        return "SDES";
    case rtcp_bye:
        return "BYE";
    case rtcp_app:
        return "APP";
    default:
        return "type " + std::to_string(type);
    }
}

size_t round_up_to_word(size_t bytes) { return (bytes + word_bytes - 1) / word_bytes * word_bytes; }

// One packet of the compound: its header fields and its body (what follows
// the 4-byte header, without padding).
struct Packet {
    size_t index = 0;
    uint8_t type = 0;
    uint8_t count = 0;
    std::span<const uint8_t> body;

    Error malformed(const std::string &what) const
    {
        return {ErrorCode::malformed_input,
                "RTCP packet " + std::to_string(index + 1) + " (" + packet_name(type) + "): " + what};
    }
};

ReportBlock read_report_block(std::span<const uint8_t> bytes)
{
    ReportBlock block;
    block.ssrc = read_u32(bytes, 0);
    const uint32_t loss = read_u32(bytes, 4);
    block.fraction_lost = static_cast<uint8_t>(loss >> 24u);
    block.cumulative_lost = decode_cumulative_lost(loss & cumulative_lost_mask);
    block.extended_highest_sequence = read_u32(bytes, 8);
    block.jitter = read_u32(bytes, 12);
    block.last_sr = read_u32(bytes, 16);
    block.delay_since_last_sr = read_u32(bytes, 20);
    return block;
}

// An SR or RR body: the sender's SSRC, the sender info (SR only), then the
// report blocks. Bytes after them are profile-specific extensions, skipped.
Result<void> read_report(const Packet &packet, RtcpCompound &compound)
{
    const bool is_sender_report = packet.type == rtcp_sender_report;
    const size_t blocks_at = word_bytes + (is_sender_report ? rtcp_sender_info_bytes : 0);
    const size_t needed = blocks_at + packet.count * rtcp_report_block_bytes;
    if (packet.body.size() < needed) {
        return packet.malformed("report count " + std::to_string(packet.count) + " needs " + std::to_string(needed) +
                                " bytes after the header, the packet has " + std::to_string(packet.body.size()));
    }
    const uint32_t ssrc = read_u32(packet.body, 0);
    if (packet.index == 0) {
        compound.ssrc = ssrc;
        if (is_sender_report) {
            SenderInfo &sender = compound.sender.emplace();
            sender.ntp.seconds = read_u32(packet.body, 4);
            sender.ntp.fraction = read_u32(packet.body, 8);
            sender.rtp_timestamp = read_u32(packet.body, 12);
            sender.packet_count = read_u32(packet.body, 16);
            sender.octet_count = read_u32(packet.body, 20);
        }
    } else if (is_sender_report) {
        return packet.malformed("an SR after the first packet");
    } else if (ssrc != compound.ssrc) {
        return packet.malformed("an RR from SSRC " + std::to_string(ssrc) + " after a report from " +
                                std::to_string(compound.ssrc));
    }
    for (size_t i = 0; i < packet.count; ++i) {
        compound.reports.push_back(read_report_block(packet.body.subspan(blocks_at + i * rtcp_report_block_bytes)));
    }
    return {};
}

// After a chunk's NUL terminator or a reason, zero bytes up to the next
// 32-bit boundary; returns the offset of that boundary.
Result<size_t> skip_word_padding(const Packet &packet, size_t offset, const std::string &after)
{
    const size_t aligned = round_up_to_word(offset);
    if (aligned > packet.body.size()) {
        return packet.malformed("the padding after " + after + " runs past the end");
    }
    for (size_t i = offset; i < aligned; ++i) {
        if (packet.body[i] != 0) {
            return packet.malformed("a nonzero byte in the padding after " + after);
        }
    }
    return aligned;
}

// One chunk from `offset`: SSRC, items, the NUL that ends them, zero padding.
Result<size_t> read_sdes_chunk(const Packet &packet, size_t offset, size_t number, SdesChunk &chunk)
{
    const std::string name = "chunk " + std::to_string(number + 1);
    const auto body = packet.body;
    if (body.size() - offset < word_bytes) {
        return packet.malformed(name + " of " + std::to_string(packet.count) + " runs past the end");
    }
    chunk.ssrc = read_u32(body, offset);
    offset += word_bytes;
    while (true) {
        if (offset == body.size()) {
            return packet.malformed(name + " ends without the NUL that ends its items");
        }
        const uint8_t item_type = body[offset];
        if (item_type == 0) {
            return skip_word_padding(packet, offset + 1, name);
        }
        if (body.size() - offset < 2 || body.size() - offset - 2 < body[offset + 1]) {
            return packet.malformed("an item of " + name + " runs past the end");
        }
        const std::string_view text(reinterpret_cast<const char *>(body.data() + offset + 2), body[offset + 1]);
        if (item_type == sdes_cname) {
            if (!chunk.cname.empty()) {
                return packet.malformed(name + " has two CNAMEs");
            }
            if (text.empty() || !is_acceptable_rtcp_text(text)) {
                return packet.malformed("the CNAME of " + name + " is empty or has a control character");
            }
            chunk.cname = text;
        }
        offset += 2 + text.size();
    }
}

Result<void> read_sdes(const Packet &packet, RtcpCompound &compound)
{
    size_t offset = 0;
    for (size_t i = 0; i < packet.count; ++i) {
        SdesChunk chunk;
        const auto next = read_sdes_chunk(packet, offset, i, chunk);
        if (!next.ok()) {
            return next.error();
        }
        offset = *next;
        compound.sdes.push_back(std::move(chunk));
    }
    if (offset != packet.body.size()) {
        return packet.malformed(std::to_string(packet.body.size() - offset) + " bytes after the last of " +
                                std::to_string(packet.count) + " chunks");
    }
    return {};
}

Result<void> read_bye(const Packet &packet, RtcpCompound &compound)
{
    if (compound.bye) {
        return packet.malformed("a second BYE");
    }
    const auto body = packet.body;
    size_t offset = packet.count * word_bytes;
    if (body.size() < offset) {
        return packet.malformed(std::to_string(packet.count) + " SSRCs run past the end");
    }
    Bye &bye = compound.bye.emplace();
    for (size_t at = 0; at < offset; at += word_bytes) {
        bye.ssrcs.push_back(read_u32(body, at));
    }
    if (offset < body.size()) {
        const size_t length = body[offset];
        if (body.size() - offset - 1 < length) {
            return packet.malformed("a reason of " + std::to_string(length) + " bytes runs past the end");
        }
        bye.reason.assign(reinterpret_cast<const char *>(body.data() + offset + 1), length);
        if (!is_acceptable_rtcp_text(bye.reason)) {
            return packet.malformed("the reason has a control character");
        }
        const auto end = skip_word_padding(packet, offset + 1 + length, "the reason");
        if (!end.ok()) {
            return end.error();
        }
        offset = *end;
    }
    if (offset != body.size()) {
        return packet.malformed(std::to_string(body.size() - offset) + " bytes after the reason");
    }
    return {};
}

Result<void> read_packet(const Packet &packet, RtcpCompound &compound)
{
    switch (packet.type) {
    case rtcp_sender_report:
    case rtcp_receiver_report:
        return read_report(packet, compound);
    case rtcp_source_description:
        return read_sdes(packet, compound);
    case rtcp_bye:
        return read_bye(packet, compound);
    default:
        ++compound.skipped_packets;
        return {};
    }
}

} // namespace

int32_t decode_cumulative_lost(uint32_t field)
{
    field &= cumulative_lost_mask;
    return (field & cumulative_lost_sign_bit) != 0 ? static_cast<int32_t>(field) - static_cast<int32_t>(1u << 24u)
                                                   : static_cast<int32_t>(field);
}

Result<RtcpCompound> parse_rtcp(std::span<const uint8_t> bytes)
{
    RtcpCompound compound;
    size_t offset = 0;
    for (size_t index = 0; offset < bytes.size(); ++index) {
        Packet packet;
        packet.index = index;
        if (bytes.size() - offset < rtcp_header_bytes) {
            return packet.malformed(std::to_string(bytes.size() - offset) + " bytes left, less than a header");
        }
        packet.type = bytes[offset + 1];
        packet.count = bytes[offset] & count_mask;
        const uint8_t version = bytes[offset] >> version_shift;
        if (version != rtcp_version) {
            return packet.malformed("version " + std::to_string(version) + ", expected 2");
        }
        if (index == 0 && packet.type != rtcp_sender_report && packet.type != rtcp_receiver_report) {
            return packet.malformed("a compound must start with an SR or an RR");
        }
        const size_t length = (size_t{read_u16(bytes, offset + 2)} + 1) * word_bytes;
        if (length > bytes.size() - offset) {
            return packet.malformed("length " + std::to_string(length) + " bytes runs past the " +
                                    std::to_string(bytes.size() - offset) + " left in the compound");
        }
        size_t body_length = length - rtcp_header_bytes;
        if ((bytes[offset] & padding_bit) != 0) {
            if (offset + length != bytes.size()) {
                return packet.malformed("padding on a packet that is not the last of the compound");
            }
            const size_t padding = bytes.back();
            if (padding == 0 || padding > body_length) {
                return packet.malformed("padding count " + std::to_string(padding) + " is 0 or more than the " +
                                        std::to_string(body_length) + " bytes after the header");
            }
            body_length -= padding;
        }
        packet.body = bytes.subspan(offset + rtcp_header_bytes, body_length);
        if (auto read = read_packet(packet, compound); !read.ok()) {
            return read.error();
        }
        offset += length;
    }
    if (offset == 0) {
        return Error{ErrorCode::malformed_input, "RTCP compound: empty"};
    }
    return compound;
}

} // namespace cordon::media
