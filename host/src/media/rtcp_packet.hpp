// Compound RTCP packets (RFC 3550 section 6): the sender or receiver report
// that starts every compound, its report blocks, SDES CNAMEs and BYE, read
// with the validity checks of appendix A.2 and written for sending. Other
// packet types (APP, feedback, XR) are stepped over by their length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cordon/host/result.hpp"
#include "media/ntp_time.hpp"

namespace cordon::media {

inline constexpr uint8_t rtcp_version = 2;
inline constexpr size_t rtcp_header_bytes = 4;
inline constexpr uint8_t rtcp_sender_report = 200;
inline constexpr uint8_t rtcp_receiver_report = 201;
inline constexpr uint8_t rtcp_source_description = 202;
inline constexpr uint8_t rtcp_bye = 203;
inline constexpr uint8_t rtcp_app = 204;
// RC and SC are 5-bit fields: one SR or RR holds at most 31 report blocks,
// one SDES at most 31 chunks, one BYE at most 31 SSRCs.
inline constexpr size_t max_rtcp_item_count = 31;
inline constexpr size_t rtcp_report_block_bytes = 24;
inline constexpr size_t rtcp_sender_info_bytes = 20;
inline constexpr uint8_t sdes_cname = 1;
// SDES item and BYE reason lengths are one byte.
inline constexpr size_t max_rtcp_text_bytes = 255;
// cumulative_lost is a signed 24-bit field; values beyond are clamped (A.3).
inline constexpr int32_t max_cumulative_lost = 0x7FFFFF;
inline constexpr int32_t min_cumulative_lost = -0x800000;

// A reception report about one source (RFC 3550 section 6.4.1).
struct ReportBlock {
    uint32_t ssrc = 0;                      // the source reported on
    uint8_t fraction_lost = 0;              // lost since the previous report, in 1/256
    int32_t cumulative_lost = 0;            // signed 24 bits: duplicates can make it negative
    uint32_t extended_highest_sequence = 0; // cycles << 16 | highest sequence number
    uint32_t jitter = 0;                    // interarrival jitter, in RTP timestamp units
    uint32_t last_sr = 0;                   // compact NTP time of the last SR from the source, 0 if none
    uint32_t delay_since_last_sr = 0;       // in 1/65536 s, 0 if no SR yet

    bool operator==(const ReportBlock &) const = default;
};

struct SenderInfo {
    NtpTimestamp ntp;
    uint32_t rtp_timestamp = 0; // the same instant as ntp, on the RTP clock
    uint32_t packet_count = 0;  // RTP packets sent since the start (wraps)
    uint32_t octet_count = 0;   // payload octets sent since the start (wraps)

    bool operator==(const SenderInfo &) const = default;
};

// One SDES chunk. Only the CNAME is kept; other items are checked and skipped.
struct SdesChunk {
    uint32_t ssrc = 0;
    std::string cname; // empty when the chunk carried none

    bool operator==(const SdesChunk &) const = default;
};

struct Bye {
    std::vector<uint32_t> ssrcs;
    std::string reason; // empty when none was given

    bool operator==(const Bye &) const = default;
};

struct RtcpCompound {
    uint32_t ssrc = 0;                // of the SR or RR that starts the compound
    std::optional<SenderInfo> sender; // set: an SR; empty: an RR
    std::vector<ReportBlock> reports; // of the first packet and of any RR after it from the same SSRC
    std::vector<SdesChunk> sdes;      // the chunks of every SDES packet
    std::optional<Bye> bye;
    size_t skipped_packets = 0; // APP, RTPFB, PSFB, XR and unknown types; ignored by write_rtcp

    bool operator==(const RtcpCompound &) const = default;
};

// Errors (malformed_input, the message naming the packet and the problem):
// a version other than 2; lengths that run past the end or do not tile the
// compound exactly; a first packet other than SR or RR; padding on any packet
// but the last, or a padding count of 0 or past the packet; report blocks,
// SDES chunks or items, BYE SSRCs or reason past their packet's length; an
// SDES chunk without its NUL terminator and zero padding, or with two CNAMEs;
// control characters in a CNAME or a reason; an SR or an RR from another SSRC
// after the first packet; two BYE packets.
Result<RtcpCompound> parse_rtcp(std::span<const uint8_t> compound);

// Bytes write_rtcp needs for this compound.
size_t rtcp_compound_size(const RtcpCompound &compound);

// Writes an SR (when sender is set) or an RR with the report blocks, an SDES
// with each chunk's CNAME, and the BYE when set; returns the bytes written.
// Errors: invalid_argument (more than 31 report blocks, no SDES chunk or more
// than 31, an empty CNAME, more than 31 BYE SSRCs, a CNAME or reason over 255
// bytes or with control characters), buffer_too_small.
Result<size_t> write_rtcp(const RtcpCompound &compound, std::span<uint8_t> out);

// cumulative_lost in its 24-bit two's complement form and back.
uint32_t encode_cumulative_lost(int32_t lost);
int32_t decode_cumulative_lost(uint32_t field);

} // namespace cordon::media
