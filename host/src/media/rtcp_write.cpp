// write_rtcp: SR or RR, SDES with CNAMEs, optional BYE; every length checked
// against the field that will carry it before a byte is written.
#include <algorithm>
#include <string>

#include "media/network_bytes.hpp"
#include "media/rtcp_packet.hpp"
#include "media/rtcp_text.hpp"

namespace cordon::media {
namespace {

constexpr size_t word_bytes = 4;
constexpr uint8_t version_bits = rtcp_version << 6u;
constexpr uint32_t cumulative_lost_mask = 0xFFFFFF;
constexpr size_t sdes_item_header_bytes = 2;

size_t round_up_to_word(size_t bytes) { return (bytes + word_bytes - 1) / word_bytes * word_bytes; }

size_t report_packet_size(const RtcpCompound &compound)
{
    return rtcp_header_bytes + word_bytes + (compound.sender ? rtcp_sender_info_bytes : 0) +
           compound.reports.size() * rtcp_report_block_bytes;
}

// SSRC, the CNAME item, then the NUL that ends the items, padded to a word.
size_t sdes_chunk_size(const SdesChunk &chunk)
{
    return word_bytes + round_up_to_word(sdes_item_header_bytes + chunk.cname.size() + 1);
}

size_t sdes_packet_size(const RtcpCompound &compound)
{
    size_t size = rtcp_header_bytes;
    for (const SdesChunk &chunk : compound.sdes) {
        size += sdes_chunk_size(chunk);
    }
    return size;
}

size_t bye_packet_size(const Bye &bye)
{
    return rtcp_header_bytes + bye.ssrcs.size() * word_bytes +
           (bye.reason.empty() ? 0 : round_up_to_word(1 + bye.reason.size()));
}

Error invalid(const std::string &what) { return {ErrorCode::invalid_argument, "RTCP compound: " + what}; }

Result<void> check_text(const std::string &text, const std::string &name)
{
    if (text.size() > max_rtcp_text_bytes || !is_acceptable_rtcp_text(text)) {
        return invalid(name + " is longer than 255 bytes or has a control character");
    }
    return {};
}

Result<void> check_writable(const RtcpCompound &compound)
{
    if (compound.reports.size() > max_rtcp_item_count) {
        return invalid(std::to_string(compound.reports.size()) + " report blocks, at most 31");
    }
    if (compound.sdes.empty() || compound.sdes.size() > max_rtcp_item_count) {
        return invalid(std::to_string(compound.sdes.size()) + " SDES chunks: every compound carries a CNAME, "
                                                              "at most 31 chunks");
    }
    for (const SdesChunk &chunk : compound.sdes) {
        if (chunk.cname.empty()) {
            return invalid("an SDES chunk with an empty CNAME");
        }
        if (auto checked = check_text(chunk.cname, "a CNAME"); !checked.ok()) {
            return checked;
        }
    }
    if (compound.bye) {
        if (compound.bye->ssrcs.size() > max_rtcp_item_count) {
            return invalid(std::to_string(compound.bye->ssrcs.size()) + " BYE SSRCs, at most 31");
        }
        return check_text(compound.bye->reason, "the BYE reason");
    }
    return {};
}

// Writes one packet's header; returns the offset of its body.
size_t write_header(std::span<uint8_t> out, size_t offset, size_t count, uint8_t type, size_t size)
{
    out[offset] = static_cast<uint8_t>(version_bits | count);
    out[offset + 1] = type;
    write_u16(out, offset + 2, static_cast<uint16_t>(size / word_bytes - 1));
    return offset + rtcp_header_bytes;
}

size_t write_report_block(std::span<uint8_t> out, size_t offset, const ReportBlock &block)
{
    write_u32(out, offset, block.ssrc);
    write_u32(out, offset + 4, uint32_t{block.fraction_lost} << 24u | encode_cumulative_lost(block.cumulative_lost));
    write_u32(out, offset + 8, block.extended_highest_sequence);
    write_u32(out, offset + 12, block.jitter);
    write_u32(out, offset + 16, block.last_sr);
    write_u32(out, offset + 20, block.delay_since_last_sr);
    return offset + rtcp_report_block_bytes;
}

size_t write_report(std::span<uint8_t> out, size_t offset, const RtcpCompound &compound)
{
    offset = write_header(out, offset, compound.reports.size(),
                          compound.sender ? rtcp_sender_report : rtcp_receiver_report, report_packet_size(compound));
    write_u32(out, offset, compound.ssrc);
    offset += word_bytes;
    if (compound.sender) {
        const SenderInfo &sender = *compound.sender;
        write_u32(out, offset, sender.ntp.seconds);
        write_u32(out, offset + 4, sender.ntp.fraction);
        write_u32(out, offset + 8, sender.rtp_timestamp);
        write_u32(out, offset + 12, sender.packet_count);
        write_u32(out, offset + 16, sender.octet_count);
        offset += rtcp_sender_info_bytes;
    }
    for (const ReportBlock &block : compound.reports) {
        offset = write_report_block(out, offset, block);
    }
    return offset;
}

size_t write_text(std::span<uint8_t> out, size_t offset, const std::string &text)
{
    out[offset] = static_cast<uint8_t>(text.size());
    std::ranges::copy(text, out.begin() + static_cast<std::ptrdiff_t>(offset + 1));
    return offset + 1 + text.size();
}

// Zeros up to the next word boundary (at least one when `terminate`: the NUL
// that ends an SDES chunk's items).
size_t write_zero_padding(std::span<uint8_t> out, size_t offset, bool terminate)
{
    const size_t end = round_up_to_word(offset + (terminate ? 1 : 0));
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(offset), out.begin() + static_cast<std::ptrdiff_t>(end), 0);
    return end;
}

size_t write_sdes(std::span<uint8_t> out, size_t offset, const RtcpCompound &compound)
{
    offset = write_header(out, offset, compound.sdes.size(), rtcp_source_description, sdes_packet_size(compound));
    for (const SdesChunk &chunk : compound.sdes) {
        write_u32(out, offset, chunk.ssrc);
        out[offset + word_bytes] = sdes_cname;
        offset = write_text(out, offset + word_bytes + 1, chunk.cname);
        offset = write_zero_padding(out, offset, true);
    }
    return offset;
}

size_t write_bye(std::span<uint8_t> out, size_t offset, const Bye &bye)
{
    offset = write_header(out, offset, bye.ssrcs.size(), rtcp_bye, bye_packet_size(bye));
    for (const uint32_t ssrc : bye.ssrcs) {
        write_u32(out, offset, ssrc);
        offset += word_bytes;
    }
    if (!bye.reason.empty()) {
        offset = write_zero_padding(out, write_text(out, offset, bye.reason), false);
    }
    return offset;
}

} // namespace

uint32_t encode_cumulative_lost(int32_t lost)
{
    return static_cast<uint32_t>(std::clamp(lost, min_cumulative_lost, max_cumulative_lost)) & cumulative_lost_mask;
}

size_t rtcp_compound_size(const RtcpCompound &compound)
{
    return report_packet_size(compound) + sdes_packet_size(compound) +
           (compound.bye ? bye_packet_size(*compound.bye) : 0);
}

Result<size_t> write_rtcp(const RtcpCompound &compound, std::span<uint8_t> out)
{
    if (auto checked = check_writable(compound); !checked.ok()) {
        return checked.error();
    }
    const size_t size = rtcp_compound_size(compound);
    if (out.size() < size) {
        return Error{ErrorCode::buffer_too_small, "RTCP compound needs " + std::to_string(size) + " bytes, " +
                                                      std::to_string(out.size()) + " given"};
    }
    size_t offset = write_report(out, 0, compound);
    offset = write_sdes(out, offset, compound);
    if (compound.bye) {
        offset = write_bye(out, offset, *compound.bye);
    }
    return offset;
}

} // namespace cordon::media
