#include "media/rtp_packet.hpp"

#include <algorithm>
#include <string>

#include "media/network_bytes.hpp"

namespace cordon::media {
namespace {

constexpr uint8_t version_shift = 6;
constexpr uint8_t padding_bit = 0x20;
constexpr uint8_t extension_bit = 0x10;
constexpr uint8_t csrc_count_mask = 0x0F;
constexpr uint8_t marker_bit = 0x80;
constexpr uint8_t payload_type_mask = 0x7F;
constexpr size_t word_bytes = 4;

Error malformed(const std::string &what) { return {ErrorCode::malformed_input, "RTP packet: " + what}; }

bool conflicts_with_rtcp(uint8_t payload_type)
{
    return payload_type >= first_rtcp_conflicting_payload_type && payload_type <= last_rtcp_conflicting_payload_type;
}

} // namespace

bool looks_like_rtcp(std::span<const uint8_t> packet)
{
    return packet.size() >= 2 && packet[1] >= first_multiplexed_rtcp_packet_type &&
           packet[1] <= last_multiplexed_rtcp_packet_type;
}

Result<RtpPacketView> parse_rtp(std::span<const uint8_t> packet)
{
    if (packet.size() < rtp_fixed_header_bytes) {
        return malformed(std::to_string(packet.size()) + " bytes, shorter than the 12-byte fixed header");
    }
    const uint8_t version = packet[0] >> version_shift;
    if (version != rtp_version) {
        return malformed("version " + std::to_string(version) + ", expected 2");
    }
    RtpPacketView view;
    RtpHeader &header = view.header;
    header.marker = (packet[1] & marker_bit) != 0;
    header.payload_type = packet[1] & payload_type_mask;
    if (conflicts_with_rtcp(header.payload_type)) {
        return malformed("payload type " + std::to_string(header.payload_type) +
                         " is in 64..95, which collides with RTCP (RFC 5761)");
    }
    header.sequence = read_u16(packet, 2);
    header.timestamp = read_u32(packet, 4);
    header.ssrc = read_u32(packet, 8);

    size_t offset = rtp_fixed_header_bytes;
    header.csrc_count = packet[0] & csrc_count_mask;
    if (packet.size() - offset < header.csrc_count * word_bytes) {
        return malformed(std::to_string(header.csrc_count) + " CSRCs run past the end of a " +
                         std::to_string(packet.size()) + "-byte packet");
    }
    for (size_t i = 0; i < header.csrc_count; ++i, offset += word_bytes) {
        header.csrcs[i] = read_u32(packet, offset);
    }

    header.has_extension = (packet[0] & extension_bit) != 0;
    if (header.has_extension) {
        if (packet.size() - offset < rtp_extension_header_bytes) {
            return malformed("the header extension's header runs past the end");
        }
        header.extension_profile = read_u16(packet, offset);
        const size_t extension_bytes = size_t{read_u16(packet, offset + 2)} * word_bytes;
        offset += rtp_extension_header_bytes;
        if (packet.size() - offset < extension_bytes) {
            return malformed("a header extension of " + std::to_string(extension_bytes) + " bytes runs past the end, " +
                             std::to_string(packet.size() - offset) + " left");
        }
        view.extension = packet.subspan(offset, extension_bytes);
        offset += extension_bytes;
    }

    size_t end = packet.size();
    if ((packet[0] & padding_bit) != 0) {
        view.padding = packet.back();
        if (view.padding == 0) {
            return malformed("padding count 0 (it counts itself, so it is at least 1)");
        }
        if (view.padding > end - offset) {
            return malformed("padding count " + std::to_string(view.padding) + " exceeds the " +
                             std::to_string(end - offset) + " bytes after the header");
        }
        end -= view.padding;
    }
    view.payload = packet.subspan(offset, end - offset);
    return view;
}

size_t rtp_packet_size(const RtpHeader &header, size_t extension_bytes, size_t payload_bytes)
{
    return rtp_fixed_header_bytes + size_t{header.csrc_count} * word_bytes +
           (header.has_extension ? rtp_extension_header_bytes + extension_bytes : 0) + payload_bytes;
}

Result<size_t> write_rtp(const RtpHeader &header, std::span<const uint8_t> payload, std::span<uint8_t> out,
                         std::span<const uint8_t> extension)
{
    if (header.payload_type > max_rtp_payload_type || conflicts_with_rtcp(header.payload_type)) {
        return Error{ErrorCode::invalid_argument,
                     "RTP payload type " + std::to_string(header.payload_type) + " is not in 0..63 or 96..127"};
    }
    if (header.csrc_count > max_rtp_csrcs) {
        return Error{ErrorCode::invalid_argument,
                     "RTP header with " + std::to_string(header.csrc_count) + " CSRCs, at most 15"};
    }
    if (!header.has_extension && !extension.empty()) {
        return Error{ErrorCode::invalid_argument, "RTP header extension data given without has_extension"};
    }
    if (extension.size() % word_bytes != 0 || extension.size() / word_bytes > max_rtp_extension_words) {
        return Error{ErrorCode::invalid_argument, "RTP header extension of " + std::to_string(extension.size()) +
                                                      " bytes is not up to 65535 whole 32-bit words"};
    }
    const size_t size = rtp_packet_size(header, extension.size(), payload.size());
    if (out.size() < size) {
        return Error{ErrorCode::buffer_too_small,
                     "RTP packet needs " + std::to_string(size) + " bytes, " + std::to_string(out.size()) + " given"};
    }
    out[0] = static_cast<uint8_t>(rtp_version << version_shift | (header.has_extension ? extension_bit : 0) |
                                  header.csrc_count);
    out[1] = static_cast<uint8_t>((header.marker ? marker_bit : 0) | header.payload_type);
    write_u16(out, 2, header.sequence);
    write_u32(out, 4, header.timestamp);
    write_u32(out, 8, header.ssrc);
    size_t offset = rtp_fixed_header_bytes;
    for (const uint32_t csrc : header.contributing_sources()) {
        write_u32(out, offset, csrc);
        offset += word_bytes;
    }
    if (header.has_extension) {
        write_u16(out, offset, header.extension_profile);
        write_u16(out, offset + 2, static_cast<uint16_t>(extension.size() / word_bytes));
        offset += rtp_extension_header_bytes;
        std::ranges::copy(extension, out.begin() + static_cast<std::ptrdiff_t>(offset));
        offset += extension.size();
    }
    std::ranges::copy(payload, out.begin() + static_cast<std::ptrdiff_t>(offset));
    return size;
}

} // namespace cordon::media
