// SDP (RFC 4566) for one audio stream, and the offer/answer rules of RFC 3264
// that Cordon's calls need: an offer built from the codecs the loaded plugins
// offer, an answer that keeps the offer's payload types, the direction
// attributes that put a call on hold and back, and the crypto attributes
// (RFC 4568) carried through for the encryption plugin.
//
// A received body is hostile: sizes and counts are capped before any parser
// sees it (lines, attributes, m-lines, formats), numbers are range-checked,
// and what is malformed is refused, never repaired.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::sip {

inline constexpr std::size_t max_sdp_bytes = 16384;
inline constexpr std::size_t max_sdp_lines = 256;
inline constexpr std::size_t max_sdp_media = 8;    // m= lines
inline constexpr std::size_t max_sdp_formats = 32; // payload types on one m= line
inline constexpr std::size_t max_sdp_crypto = 16;  // a=crypto lines in one media description

enum class MediaDirection { sendrecv, sendonly, recvonly, inactive };

const char *to_string(MediaDirection direction);

struct MediaCodec {
    int payload_type = -1;     // 0..127
    std::string encoding_name; // as in a=rtpmap, e.g. "opus", "PCMU"
    std::uint32_t clock_rate = 0;
    std::uint32_t channels = 1;
    std::string fmtp; // the a=fmtp parameters, or empty
};

// An m= line other than the audio stream: what RFC 3264 section 6 needs to
// reject it in an answer (port 0, the same media type and transport, one of
// the offered formats).
struct OtherMedia {
    std::string media;    // "video", "application", ...
    std::string protocol; // as offered, e.g. "RTP/AVP", "UDP/DTLS/SCTP"
    std::string format;   // the first format of the m= line, as written
};

// The audio stream Cordon offers or accepts. Other m= lines of a received
// offer are kept only as "rejected" (port 0 in the answer), by position.
struct SessionDescription {
    std::string origin_username = "-";
    std::uint64_t session_id = 0;
    std::uint64_t session_version = 0;
    std::string origin_address;            // numeric
    std::string connection_address;        // numeric, of the audio stream
    std::uint16_t audio_port = 0;          // 0: the stream is rejected
    std::string audio_profile = "RTP/AVP"; // or "RTP/SAVP" with SRTP
    std::vector<MediaCodec> codecs;        // in preference order
    std::optional<std::uint32_t> ptime_ms;
    MediaDirection direction = MediaDirection::sendrecv;
    std::vector<std::string> crypto; // a=crypto values, as written
    // a=rtcp (RFC 3605): where the stream's RTCP goes when not the next port.
    // Read, never written: Cordon's RTCP is always on the next port.
    std::optional<std::uint16_t> rtcp_port;
    std::size_t audio_index = 0;         // position of the audio m= line
    std::vector<OtherMedia> other_media; // the other m= lines, by position
};

// Writes the SDP text (CRLF line ends).
std::string write_sdp(const SessionDescription &description);

// Reads a received body: the first audio m= line becomes the stream; a body
// without one is refused (Cordon makes audio calls).
Result<SessionDescription> read_sdp(std::string_view body);

// The answer to an offer (RFC 3264 section 6): the offered codecs this agent
// supports, in the offer's order and with the offer's payload types; the
// direction mirrored (sendonly ↔ recvonly); the other streams rejected.
// unsupported when no codec is shared.
Result<SessionDescription> answer_offer(const SessionDescription &offer, const std::vector<MediaCodec> &supported,
                                        const std::string &address, std::uint16_t audio_port,
                                        MediaDirection wanted = MediaDirection::sendrecv);

// What an offer and its answer agree on: the codec to send with (the first
// in the answer), the peer's address and port, and the direction seen from
// this side.
struct NegotiatedAudio {
    MediaCodec codec;
    std::string remote_address;
    std::uint16_t remote_port = 0;
    MediaDirection direction = MediaDirection::sendrecv;
    std::uint16_t remote_rtcp_port = 0; // 0: remote_port + 1
};

// Checks an answer against the offer it answers: only offered payload types,
// the same number of m= lines, a direction the offer allows.
Result<NegotiatedAudio> accept_answer(const SessionDescription &offer, const SessionDescription &answer);

} // namespace cordon::sip
