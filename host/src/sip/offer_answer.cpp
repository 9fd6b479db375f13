// RFC 3264 offer/answer for the audio stream: answering a received offer
// (section 6.1) and checking a received answer against Cordon's offer.
#include <algorithm>

#include "core/ascii_text.hpp"
#include "sip/sdp_fields.hpp"
#include "sip/session_description.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

// Codecs named in an error message; an offer may list up to max_sdp_formats.
constexpr std::size_t max_codecs_named = 8;

bool sends(MediaDirection direction)
{
    return direction == MediaDirection::sendrecv || direction == MediaDirection::sendonly;
}

bool receives(MediaDirection direction)
{
    return direction == MediaDirection::sendrecv || direction == MediaDirection::recvonly;
}

MediaDirection direction_of(bool send, bool receive)
{
    if (send) {
        return receive ? MediaDirection::sendrecv : MediaDirection::sendonly;
    }
    return receive ? MediaDirection::recvonly : MediaDirection::inactive;
}

// The same direction seen from the other end of the stream.
MediaDirection mirrored(MediaDirection direction) { return direction_of(receives(direction), sends(direction)); }

bool same_encoding(const MediaCodec &a, const MediaCodec &b)
{
    return equal_ignoring_ascii_case(a.encoding_name, b.encoding_name) && a.clock_rate == b.clock_rate &&
           a.channels == b.channels;
}

std::string describe(const MediaCodec &codec)
{
    std::string text = printable(codec.encoding_name) + "/" + std::to_string(codec.clock_rate);
    if (codec.channels != 1) {
        text += "/" + std::to_string(codec.channels);
    }
    return text;
}

std::string describe(const std::vector<MediaCodec> &codecs)
{
    if (codecs.empty()) {
        return "none";
    }
    std::string text;
    for (std::size_t i = 0; i < codecs.size() && i < max_codecs_named; ++i) {
        text += (i == 0 ? "" : ", ") + describe(codecs[i]);
    }
    return codecs.size() > max_codecs_named ? text + ", ..." : text;
}

// The profiles Cordon's media layer speaks: plain RTP, or SRTP through the
// encryption plugin.
bool is_supported_profile(const std::string &profile) { return profile == "RTP/AVP" || profile == "RTP/SAVP"; }

} // namespace

Result<SessionDescription> answer_offer(const SessionDescription &offer, const std::vector<MediaCodec> &supported,
                                        const std::string &address, std::uint16_t audio_port, MediaDirection wanted)
{
    if (!is_numeric_ipv4(address) && !is_numeric_ipv6(address)) {
        return Error{ErrorCode::invalid_argument, "answer address '" + printable(address) + "' is not numeric"};
    }
    if (offer.audio_port == 0) {
        return Error{ErrorCode::unsupported, "the offer's audio stream is disabled (port 0)"};
    }
    if (!is_supported_profile(offer.audio_profile)) {
        return Error{ErrorCode::unsupported, "the offer's audio profile '" + printable(offer.audio_profile) +
                                                 "' is not supported (RTP/AVP or RTP/SAVP)"};
    }
    SessionDescription answer;
    for (const MediaCodec &offered : offer.codecs) {
        const bool shared = std::any_of(supported.begin(), supported.end(),
                                        [&](const MediaCodec &ours) { return same_encoding(offered, ours); });
        if (shared) {
            answer.codecs.push_back(offered); // the offer's payload type and fmtp
        }
    }
    if (answer.codecs.empty()) {
        return Error{ErrorCode::unsupported,
                     "no codec in common: offered " + describe(offer.codecs) + "; supported " + describe(supported)};
    }
    answer.origin_address = address;
    answer.connection_address = address;
    answer.audio_port = audio_port;
    answer.audio_profile = offer.audio_profile;
    // Send only what the offerer receives, receive only what it sends.
    answer.direction =
        direction_of(receives(offer.direction) && sends(wanted), sends(offer.direction) && receives(wanted));
    answer.audio_index = offer.audio_index;
    answer.other_media = offer.other_media;
    return answer;
}

Result<NegotiatedAudio> accept_answer(const SessionDescription &offer, const SessionDescription &answer)
{
    if (answer.other_media.size() != offer.other_media.size() || answer.audio_index != offer.audio_index) {
        return Error{ErrorCode::malformed_input, "the answer has " + std::to_string(answer.other_media.size() + 1) +
                                                     " m= lines with audio at " +
                                                     std::to_string(answer.audio_index + 1) + ", the offer " +
                                                     std::to_string(offer.other_media.size() + 1) + " with audio at " +
                                                     std::to_string(offer.audio_index + 1)};
    }
    if (answer.audio_port == 0) {
        return Error{ErrorCode::unsupported, "the answer rejects the audio stream (port 0)"};
    }
    if (answer.audio_profile != offer.audio_profile) {
        return Error{ErrorCode::malformed_input, "the answer's audio profile '" + printable(answer.audio_profile) +
                                                     "' is not the offer's (" + offer.audio_profile + ")"};
    }
    for (const MediaCodec &answered : answer.codecs) {
        const auto offered = std::find_if(offer.codecs.begin(), offer.codecs.end(), [&](const MediaCodec &codec) {
            return codec.payload_type == answered.payload_type;
        });
        if (offered == offer.codecs.end()) {
            return Error{ErrorCode::malformed_input,
                         "the answer uses payload type " + std::to_string(answered.payload_type) + ", not offered"};
        }
        if (!same_encoding(*offered, answered)) {
            return Error{ErrorCode::malformed_input, "the answer maps payload type " +
                                                         std::to_string(answered.payload_type) + " to " +
                                                         describe(answered) + ", the offer to " + describe(*offered)};
        }
    }
    if (answer.codecs.empty()) {
        return Error{ErrorCode::malformed_input, "the answer accepts the audio stream with no codec"};
    }
    // The answerer may send only what the offerer receives, and the reverse.
    if ((sends(answer.direction) && !receives(offer.direction)) ||
        (receives(answer.direction) && !sends(offer.direction))) {
        return Error{ErrorCode::malformed_input, std::string("the answer's direction ") + to_string(answer.direction) +
                                                     " does not fit the offer's " + to_string(offer.direction)};
    }
    return NegotiatedAudio{answer.codecs.front(), answer.connection_address, answer.audio_port,
                           mirrored(answer.direction), answer.rtcp_port.value_or(0)};
}

} // namespace cordon::sip
