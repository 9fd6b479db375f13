// SDP bodies as real user agents send them, to read and to derive hostile
// variants from. Written with "\n" and turned into CRLF by crlf().
#pragma once

#include <string>
#include <string_view>

#include "sip/session_description.hpp"

namespace cordon::sip::test {

inline std::string crlf(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    return out;
}

// An offer in the manner of baresip: Opus first, rtpmap written for the
// static types too, ICE and RTCP attributes Cordon ignores.
inline const std::string baresip_offer = crlf(R"(v=0
o=- 1402353574 1854829154 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 10814 RTP/AVP 96 0 8 101
b=AS:128
a=rtpmap:96 opus/48000/2
a=fmtp:96 stereo=1;sprop-stereo=1;useinbandfec=1
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=ptime:20
a=rtcp:10815
a=sendrecv
a=label:1
a=ice-ufrag:Rmbq
a=ice-pwd:2vHpR8oL0ayOkUZNt5mCwM
a=candidate:1 1 UDP 2130706431 192.0.2.10 10814 typ host
a=rtcp-mux
)");

// An offer in the manner of Linphone: session-level ICE and RTCP-XR
// attributes, a media-level c=, static types without rtpmap, two
// telephone-event clock rates.
inline const std::string linphone_offer = crlf(R"(v=0
o=alice 2563 3028 IN IP4 198.51.100.3
s=Talk
c=IN IP4 198.51.100.3
t=0 0
a=ice-pwd:31ec21eb38b2ec6d36e8dc7b
a=ice-ufrag:0cd5b4b7
a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
a=record:off
m=audio 7078 RTP/AVP 96 0 8 101 97
c=IN IP4 198.51.100.4
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1
a=rtpmap:101 telephone-event/48000
a=rtpmap:97 telephone-event/8000
a=rtcp:7079
a=candidate:1 1 UDP 2130706303 198.51.100.3 7078 typ host
a=candidate:1 2 UDP 2130706302 198.51.100.3 7079 typ host
a=rtcp-fb:* trr-int 1000
a=rtcp-fb:* ccm tmmbr
)");

// Audio and video, the video first: Cordon answers the video with port 0.
inline const std::string audio_video_offer = crlf(R"(v=0
o=bob 8 9 IN IP6 2001:db8::7
s=-
c=IN IP6 2001:db8::7
t=0 0
m=video 51372 RTP/SAVP 99
a=rtpmap:99 H264/90000
a=fmtp:99 profile-level-id=42e01f
m=audio 49170 RTP/SAVP 0
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32
)");

inline const std::vector<MediaCodec> opus_and_pcmu{
    {111, "opus", 48000, 2, "useinbandfec=1"},
    {0, "PCMU", 8000, 1, ""},
};

inline const std::vector<MediaCodec> g711{
    {0, "PCMU", 8000, 1, ""},
    {8, "PCMA", 8000, 1, ""},
};

} // namespace cordon::sip::test
