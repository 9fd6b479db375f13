#include "media/rtp_packet.hpp"

#include <algorithm>
#include <string>

#include "media/network_bytes.hpp"

namespace cordon::media {
namespace {

constexpr uint8_t kVersionShift = 6;
constexpr uint8_t kPaddingBit = 0x20;
constexpr uint8_t kExtensionBit = 0x10;
constexpr uint8_t kCsrcCountMask = 0x0F;
constexpr uint8_t kMarkerBit = 0x80;
constexpr uint8_t kPayloadTypeMask = 0x7F;
constexpr size_t kWordBytes = 4;

Error malformed(const std::string &what) { return {ErrorCode::malformed_input, "RTP packet: " + what}; }

bool conflicts_with_rtcp(uint8_t payload_type)
{
    return payload_type >= kFirstRtcpConflictingPayloadType && payload_type <= kLastRtcpConflictingPayloadType;
}

} // namespace

bool looks_like_rtcp(std::span<const uint8_t> packet)
{
    return packet.size() >= 2 && packet[1] >= kFirstMultiplexedRtcpPacketType &&
           packet[1] <= kLastMultiplexedRtcpPacketType;
}

Result<RtpPacketView> parse_rtp(std::span<const uint8_t> packet)
{
    if (packet.size() < kRtpFixedHeaderBytes) {
        return malformed(std::to_string(packet.size()) + " bytes, shorter than the 12-byte fixed header");
    }
    const uint8_t version = packet[0] >> kVersionShift;
    if (version != kRtpVersion) {
        return malformed("version " + std::to_string(version) + ", expected 2");
    }
    RtpPacketView view;
    RtpHeader &header = view.header;
    header.marker = (packet[1] & kMarkerBit) != 0;
    header.payload_type = packet[1] & kPayloadTypeMask;
    if (conflicts_with_rtcp(header.payload_type)) {
        return malformed("payload type " + std::to_string(header.payload_type) +
                         " is in 64..95, which collides with RTCP (RFC 5761)");
    }
    header.sequence = read_u16(packet, 2);
    header.timestamp = read_u32(packet, 4);
    header.ssrc = read_u32(packet, 8);

    size_t offset = kRtpFixedHeaderBytes;
    header.csrc_count = packet[0] & kCsrcCountMask;
    if (packet.size() - offset < header.csrc_count * kWordBytes) {
        return malformed(std::to_string(header.csrc_count) + " CSRCs run past the end of a " +
                         std::to_string(packet.size()) + "-byte packet");
    }
    for (size_t i = 0; i < header.csrc_count; ++i, offset += kWordBytes) {
        header.csrcs[i] = read_u32(packet, offset);
    }

    header.has_extension = (packet[0] & kExtensionBit) != 0;
    if (header.has_extension) {
        if (packet.size() - offset < kRtpExtensionHeaderBytes) {
            return malformed("the header extension's header runs past the end");
        }
        header.extension_profile = read_u16(packet, offset);
        const size_t extension_bytes = size_t{read_u16(packet, offset + 2)} * kWordBytes;
        offset += kRtpExtensionHeaderBytes;
        if (packet.size() - offset < extension_bytes) {
            return malformed("a header extension of " + std::to_string(extension_bytes) + " bytes runs past the end, " +
                             std::to_string(packet.size() - offset) + " left");
        }
        view.extension = packet.subspan(offset, extension_bytes);
        offset += extension_bytes;
    }

    size_t end = packet.size();
    if ((packet[0] & kPaddingBit) != 0) {
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
    return kRtpFixedHeaderBytes + size_t{header.csrc_count} * kWordBytes +
           (header.has_extension ? kRtpExtensionHeaderBytes + extension_bytes : 0) + payload_bytes;
}

Result<size_t> write_rtp(const RtpHeader &header, std::span<const uint8_t> payload, std::span<uint8_t> out,
                         std::span<const uint8_t> extension)
{
    if (header.payload_type > kMaxRtpPayloadType || conflicts_with_rtcp(header.payload_type)) {
        return Error{ErrorCode::invalid_argument,
                     "RTP payload type " + std::to_string(header.payload_type) + " is not in 0..63 or 96..127"};
    }
    if (header.csrc_count > kMaxRtpCsrcs) {
        return Error{ErrorCode::invalid_argument,
                     "RTP header with " + std::to_string(header.csrc_count) + " CSRCs, at most 15"};
    }
    if (!header.has_extension && !extension.empty()) {
        return Error{ErrorCode::invalid_argument, "RTP header extension data given without has_extension"};
    }
    if (extension.size() % kWordBytes != 0 || extension.size() / kWordBytes > kMaxRtpExtensionWords) {
        return Error{ErrorCode::invalid_argument, "RTP header extension of " + std::to_string(extension.size()) +
                                                      " bytes is not up to 65535 whole 32-bit words"};
    }
    const size_t size = rtp_packet_size(header, extension.size(), payload.size());
    if (out.size() < size) {
        return Error{ErrorCode::buffer_too_small,
                     "RTP packet needs " + std::to_string(size) + " bytes, " + std::to_string(out.size()) + " given"};
    }
    out[0] = static_cast<uint8_t>(kRtpVersion << kVersionShift | (header.has_extension ? kExtensionBit : 0) |
                                  header.csrc_count);
    out[1] = static_cast<uint8_t>((header.marker ? kMarkerBit : 0) | header.payload_type);
    write_u16(out, 2, header.sequence);
    write_u32(out, 4, header.timestamp);
    write_u32(out, 8, header.ssrc);
    size_t offset = kRtpFixedHeaderBytes;
    for (const uint32_t csrc : header.contributing_sources()) {
        write_u32(out, offset, csrc);
        offset += kWordBytes;
    }
    if (header.has_extension) {
        write_u16(out, offset, header.extension_profile);
        write_u16(out, offset + 2, static_cast<uint16_t>(extension.size() / kWordBytes));
        offset += kRtpExtensionHeaderBytes;
        std::ranges::copy(extension, out.begin() + static_cast<std::ptrdiff_t>(offset));
        offset += extension.size();
    }
    std::ranges::copy(payload, out.begin() + static_cast<std::ptrdiff_t>(offset));
    return size;
}

} // namespace cordon::media
