// write_sdp: Cordon's own SDP, one audio stream with its connection address
// at session level; other m= lines (in an answer) rejected with port 0.
#include <string>

#include "sip/session_description.hpp"

namespace cordon::sip {
namespace {

std::string network_address(const std::string &address)
{
    return std::string("IN ") + (address.find(':') == std::string::npos ? "IP4 " : "IP6 ") + address;
}

void write_audio(const SessionDescription &description, std::string &out)
{
    out += "m=audio " + std::to_string(description.audio_port) + " " + description.audio_profile;
    for (const MediaCodec &codec : description.codecs) {
        out += " " + std::to_string(codec.payload_type);
    }
    out += "\r\n";
    for (const MediaCodec &codec : description.codecs) {
        out += "a=rtpmap:" + std::to_string(codec.payload_type) + " " + codec.encoding_name + "/" +
               std::to_string(codec.clock_rate);
        // RFC 4566 section 6: the channel count may be left out when it is one.
        if (codec.channels != 1) {
            out += "/" + std::to_string(codec.channels);
        }
        out += "\r\n";
        if (!codec.fmtp.empty()) {
            out += "a=fmtp:" + std::to_string(codec.payload_type) + " " + codec.fmtp + "\r\n";
        }
    }
    if (description.ptime_ms) {
        out += "a=ptime:" + std::to_string(*description.ptime_ms) + "\r\n";
    }
    for (const std::string &crypto : description.crypto) {
        out += "a=crypto:" + crypto + "\r\n";
    }
    out += std::string("a=") + to_string(description.direction) + "\r\n";
}

} // namespace

std::string write_sdp(const SessionDescription &description)
{
    std::string out = "v=0\r\n";
    out += "o=" + description.origin_username + " " + std::to_string(description.session_id) + " " +
           std::to_string(description.session_version) + " " + network_address(description.origin_address) + "\r\n";
    out += "s=-\r\n";
    // A rejected stream needs no address (read_sdp accepts its absence too).
    if (!description.connection_address.empty()) {
        out += "c=" + network_address(description.connection_address) + "\r\n";
    }
    out += "t=0 0\r\n";
    const std::size_t media_count = description.other_media.size() + 1;
    auto other = description.other_media.begin();
    for (std::size_t index = 0; index < media_count; ++index) {
        if (index == description.audio_index || other == description.other_media.end()) {
            write_audio(description, out);
            continue;
        }
        out += "m=" + other->media + " 0 " + other->protocol + " " + other->format + "\r\n";
        ++other;
    }
    return out;
}

} // namespace cordon::sip
