// Hostile SDP bodies, one defect each, every one refused with a reason that
// names it. Each starts from a small valid offer so that the defect is the
// only thing wrong.
#include <gtest/gtest.h>

#include "tests/sip/sdp_test_bodies.hpp"
#include "tests/sip/sip_test_message.hpp"

namespace cordon::sip::test {
namespace {

const std::string valid = crlf(R"(v=0
o=- 1 1 IN IP4 192.0.2.1
s=-
c=IN IP4 192.0.2.1
t=0 0
m=audio 4000 RTP/AVP 0 96
a=rtpmap:96 opus/48000/2
)");

std::string with(std::string_view from, std::string_view to) { return replaced(valid, from, to); }

std::string repeated(std::string_view line, std::size_t times)
{
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += line;
    }
    return out;
}

// An otherwise valid offer listing count payload types: 0, 8, then dynamic
// ones from 96, each with its rtpmap.
std::string offer_with_formats(std::size_t count)
{
    std::string list = " 0 8";
    std::string rtpmaps;
    for (std::size_t pt = 96; pt < 96 + count - 2; ++pt) {
        list += " " + std::to_string(pt);
        rtpmaps += "a=rtpmap:" + std::to_string(pt) + " x" + std::to_string(pt) + "/8000\r\n";
    }
    return replaced(valid, " 0 96\r\na=rtpmap:96 opus/48000/2\r\n", list + "\r\n" + rtpmaps);
}

struct Hostile {
    const char *what;
    std::string body;
    const char *reason; // a part of the refusal
};

std::vector<Hostile> hostile_bodies()
{
    using namespace std::string_literals;
    return {
        {"empty", "", "empty"},
        {"oversize", valid + "a=x:" + std::string(max_sdp_bytes, 'x') + "\r\n", "larger than Cordon accepts"},
        {"too many lines", valid + repeated("a=x\r\n", max_sdp_lines), "more than 256 lines"},
        {"too many m= lines", valid + repeated("m=video 0 RTP/AVP 31\r\n", max_sdp_media), "m= lines, more than"},
        {"too many formats", offer_with_formats(max_sdp_formats + 1), "formats, more than"},
        {"port 70000", with("4000", "70000"), "port '70000'"},
        {"rtcp port 0", valid + "a=rtcp:0\r\n", "a=rtcp port '0'"},
        {"rtcp port 70000", valid + "a=rtcp:70000\r\n", "a=rtcp port '70000'"},
        {"rtcp port missing", valid + "a=rtcp:\r\n", "a=rtcp has no value"},
        {"rtcp twice", valid + "a=rtcp:4001\r\na=rtcp:4003\r\n", "a second a=rtcp"},
        {"rtcp to a host name", valid + "a=rtcp:4001 IN IP4 rtcp.example.com\r\n", "a=rtcp"},
        {"rtcp to another address", valid + "a=rtcp:4001 IN IP4 198.51.100.7\r\n", "another address"},
        {"negative port", with("4000", "-4000"), "port '-4000'"},
        {"port with a plus sign", with("4000", "+4000"), "port '+4000'"},
        {"port count", with("4000", "4000/2"), "port count"},
        {"overflowing port", with("4000", "18446744073709551617"), "port '18446744073709551617'"},
        {"payload type 128", with(" 0 96", " 0 128"), "payload type '128'"},
        {"negative payload type", with(" 0 96", " -1 96"), "payload type '-1'"},
        {"overflowing payload type", with(" 0 96", " 0 18446744073709551712"), "payload type '18446744073709551712'"},
        {"payload type listed twice", with(" 0 96", " 0 96 0"), "listed twice"},
        {"overflowing session id", with("o=- 1 1", "o=- 18446744073709551616 1"), "below 2**64"},
        {"negative session version", with("o=- 1 1", "o=- 1 -1"), "below 2**64"},
        {"clock rate 0", with("opus/48000", "opus/0"), "clock rate"},
        {"clock rate above 192 kHz", with("opus/48000", "opus/192001"), "clock rate"},
        {"overflowing clock rate", with("opus/48000", "opus/4294967297"), "clock rate"},
        {"9 channels", with("opus/48000/2", "opus/48000/9"), "channels"},
        {"negative channels", with("opus/48000/2", "opus/48000/-2"), "channels"},
        {"ptime 0", valid + "a=ptime:0\r\n", "ptime '0'"},
        {"ptime above a second", valid + "a=ptime:1001\r\n", "ptime '1001'"},
        {"negative ptime", valid + "a=ptime:-20\r\n", "ptime '-20'"},
        {"second ptime", valid + "a=ptime:20\r\na=ptime:30\r\n", "second a=ptime"},
        {"rtpmap for an unlisted payload type", valid + "a=rtpmap:97 PCMA/8000\r\n", "does not list"},
        {"fmtp for an unlisted payload type", valid + "a=fmtp:97 0-15\r\n", "does not list"},
        {"duplicate rtpmap", valid + "a=rtpmap:96 opus/48000/2\r\n", "second a=rtpmap"},
        {"conflicting rtpmap", valid + "a=rtpmap:96 PCMA/8000\r\n", "second a=rtpmap"},
        {"duplicate fmtp", valid + "a=fmtp:96 stereo=1\r\na=fmtp:96 stereo=0\r\n", "second a=fmtp"},
        {"two directions", valid + "a=sendonly\r\na=recvonly\r\n", "second direction"},
        {"dynamic type without rtpmap", with(" 0 96", " 0 96 97"), "no a=rtpmap"},
        {"missing v=", with("v=0\r\n", ""), "must be v="},
        {"version 1", with("v=0", "v=1"), "is not 0"},
        {"o= before v=", with("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n", "o=- 1 1 IN IP4 192.0.2.1\r\nv=0\r\n"),
         "must be v="},
        {"missing s=", with("s=-\r\n", ""), "must be s="},
        {"empty s=", with("s=-", "s="), "s= is empty"},
        {"missing t=", with("t=0 0\r\n", ""), "no t= line"},
        {"t= inside a media description", valid + "t=0 0\r\n", "not allowed in a media description"},
        {"r= before t=", with("t=0 0", "r=7d 1h 0 25h\r\nt=0 0"), "before any t="},
        {"two session-level c=", with("t=0 0", "c=IN IP4 192.0.2.2\r\nt=0 0"), "twice at session level"},
        {"unknown line type", with("t=0 0", "x=1\r\nt=0 0"), "x= is not allowed at session level"},
        {"second v=", with("t=0 0", "v=0\r\nt=0 0"), "v= is not allowed at session level"},
        {"uppercase line type", with("v=0", "V=0"), "is not <letter>=<value>"},
        {"no '=' after the letter", with("s=-", "s-"), "is not <letter>=<value>"},
        {"empty line", with("t=0 0\r\n", "t=0 0\r\n\r\n"), "is empty"},
        {"escape sequence", with("s=-", "s=\x1b[31mred"), "control character 0x1B"},
        {"tab", with("s=-", "s=a\tb"), "control character"},
        {"DEL", with("s=-", "s=a\x7f"), "control character"},
        {"NUL byte", with("s=-", "s=a\0b"s), "control character 0x00"},
        {"NUL in a number", with("4000", "40\0"s), "control character"},
        {"lone CR", with("s=-\r\n", "s=-\rt=1 1\r\n"), "lone CR"},
        {"host name in c=", with("c=IN IP4 192.0.2.1", "c=IN IP4 pbx.example.com"), "never resolves"},
        {"host name in o=", with("IN IP4 192.0.2.1\r\ns", "IN IP4 pbx.example.com\r\ns"), "never resolves"},
        {"IPv6 address as IP4", with("c=IN IP4 192.0.2.1", "c=IN IP4 2001:db8::1"), "numeric IPv4"},
        {"IPv6 address with a zone", with("c=IN IP4 192.0.2.1", "c=IN IP6 fe80::1%eth0"), "numeric IPv6"},
        {"multicast TTL", with("c=IN IP4 192.0.2.1", "c=IN IP4 233.252.0.1/127"), "numeric IPv4"},
        {"network type other than IN", with("c=IN IP4", "c=ATM NSAP"), "is not 'IN IP4|IP6"},
        {"missing c=", with("c=IN IP4 192.0.2.1\r\n", ""), "no c= line"},
        {"no audio stream", with("m=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2", "m=video 4000 RTP/AVP 31"),
         "no audio m= line"},
        {"audio without RTP", with("m=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2", "m=audio 4000 udp x"),
         "does not carry RTP"},
        {"double space in m=", with("m=audio 4000", "m=audio  4000"), "port ''"},
        {"trailing space in m=", with(" 0 96", " 0 96 "), "payload type ''"},
        {"truncated last line", valid.substr(0, valid.size() - 2), "truncated"},
        {"truncated m=", with("m=audio 4000 RTP/AVP 0 96", "m=audio 4000"), "is not '<media> <port>"},
        {"truncated o=", with("o=- 1 1 IN IP4 192.0.2.1", "o=- 1 1 IN IP4"), "is not '<user>"},
        {"truncated c=", with("c=IN IP4 192.0.2.1", "c=IN IP4"), "is not 'IN IP4|IP6"},
        {"truncated rtpmap", with("opus/48000/2", "opus"), "is not '<pt> <name>/<rate>"},
        {"rtpmap without a value", valid + "a=rtpmap\r\n", "has no value"},
        {"fmtp without parameters", valid + "a=fmtp:96\r\n", "is not '<pt> <parameters>'"},
        {"fmtp with an empty parameter list", valid + "a=fmtp:96 \r\n", "is not '<pt> <parameters>'"},
        {"too many crypto attributes",
         valid + repeated("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x\r\n", max_sdp_crypto + 1),
         "more than 16 a=crypto"},
        {"crypto without a value", valid + "a=crypto:\r\n", "has no value"},
        {"attribute name that is not a token", valid + "a=rtp map:96 x\r\n", "does not start with a token"},
        {"direction with a value", valid + "a=sendonly:yes\r\n", "takes no value"},
    };
}

TEST(SdpHostile, TheTemplateItselfIsValid)
{
    const auto read = read_sdp(valid);
    EXPECT_TRUE(read.ok()) << read.error().message;
}

TEST(SdpHostile, RefusesEachDefectWithAReasonThatNamesIt)
{
    for (const Hostile &hostile : hostile_bodies()) {
        const auto read = read_sdp(hostile.body);
        if (read.ok()) {
            ADD_FAILURE() << hostile.what << ": accepted";
            continue;
        }
        const std::string &reason = read.error().message;
        EXPECT_NE(reason.find(hostile.reason), std::string::npos) << hostile.what << ": " << reason;
        EXPECT_EQ(reason.find_first_of("\r\n"), std::string::npos) << hostile.what << ": " << reason;
        for (const char c : reason) {
            EXPECT_TRUE(c >= 0x20 && c < 0x7f) << hostile.what << ": unprintable byte in the reason";
        }
    }
}

TEST(SdpHostile, ANoAudioOfferIsUnsupportedRatherThanMalformed)
{
    const auto read =
        read_sdp(with("m=audio 4000 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2", "m=video 4000 RTP/AVP 31"));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::unsupported);
}

TEST(SdpHostile, AcceptsTheLimitsThemselves)
{
    for (const std::string &body :
         {with("4000", "65535"), with("4000", "0"), with(" 0 96", " 0 96 127") + "a=rtpmap:127 x/8000\r\n",
          with("opus/48000/2", "L16/192000/8"), with("opus/48000/2", "L16/1"), valid + "a=ptime:1000\r\n",
          valid + "a=ptime:1\r\n", offer_with_formats(max_sdp_formats),
          valid + repeated("m=video 0 RTP/AVP 31\r\n", max_sdp_media - 1),
          valid + repeated("a=x\r\n", max_sdp_lines - 7),
          valid + repeated("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x\r\n", max_sdp_crypto)}) {
        const auto read = read_sdp(body);
        EXPECT_TRUE(read.ok()) << read.error().message << "\n" << body;
    }
}

} // namespace
} // namespace cordon::sip::test
