// One media description of a received SDP body: its m= line and the lines
// up to the next m=, read and checked on their own.
#pragma once

#include <bitset>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sip/sdp_lines.hpp"
#include "sip/session_description.hpp"

namespace cordon::sip {

inline constexpr int max_payload_type = 127;
inline constexpr std::uint32_t max_clock_rate_hz = 192000;
inline constexpr std::uint32_t max_channels = 8;
inline constexpr std::uint32_t max_ptime_ms = 1000;

struct MediaSection {
    std::size_t line_number = 0; // of the m= line
    std::string media;
    std::uint16_t port = 0;
    std::string protocol;
    std::vector<std::string> formats; // as on the m= line
    bool rtp = false;                 // the formats are payload types (RTP/AVP and its kin)
    std::vector<int> payload_types;   // when rtp, in the m= line's order
    std::map<int, MediaCodec> rtpmap; // payload type -> a=rtpmap, fmtp left empty
    std::map<int, std::string> fmtp;
    std::optional<std::string> connection_address;
    std::optional<std::uint32_t> ptime_ms;
    std::optional<MediaDirection> direction;
    std::vector<std::string> crypto;
    std::optional<std::uint16_t> rtcp_port;  // a=rtcp (RFC 3605)
    std::optional<std::string> rtcp_address; // a=rtcp's address, when it names one
};

// lines[0] is the m= line; the others are its i=, c=, b=, k= and a= lines.
// rtpmap and fmtp must name a payload type of the m= line, once each.
Result<MediaSection> read_media_section(std::span<const SdpLine> lines);

// The section's payload types as codecs, in the m= line's order: from
// a=rtpmap, else from RFC 3551's static audio types; a payload type that
// is neither is refused.
Result<std::vector<MediaCodec>> audio_codecs(const MediaSection &section);

// a=sendrecv, a=sendonly, a=recvonly or a=inactive, given the attribute name.
std::optional<MediaDirection> direction_attribute(std::string_view name);

} // namespace cordon::sip
