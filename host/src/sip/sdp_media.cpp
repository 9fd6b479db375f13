#include "sip/sdp_media.hpp"

#include <algorithm>
#include <array>

#include "core/ascii_text.hpp"
#include "sip/sdp_fields.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

constexpr std::uint64_t max_port = 65535;

struct StaticPayloadType {
    int payload_type;
    const char *encoding_name;
    std::uint32_t clock_rate;
    std::uint32_t channels;
};

// RFC 3551 table 4: the audio payload types a peer may use without a=rtpmap.
constexpr std::array<StaticPayloadType, 17> static_audio_types{{
    {0, "PCMU", 8000, 1},
    {3, "GSM", 8000, 1},
    {4, "G723", 8000, 1},
    {5, "DVI4", 8000, 1},
    {6, "DVI4", 16000, 1},
    {7, "LPC", 8000, 1},
    {8, "PCMA", 8000, 1},
    {9, "G722", 8000, 1},
    {10, "L16", 44100, 2},
    {11, "L16", 44100, 1},
    {12, "QCELP", 8000, 1},
    {13, "CN", 8000, 1},
    {14, "MPA", 90000, 1},
    {15, "G728", 8000, 1},
    {16, "DVI4", 11025, 1},
    {17, "DVI4", 22050, 1},
    {18, "G729", 8000, 1},
}};

// Transport protocols whose formats are RTP payload types (RFC 4566 section
// 5.14 and the profiles built on it: AVP, SAVP, AVPF, SAVPF, over UDP or TLS).
bool is_rtp_protocol(std::string_view protocol) { return protocol.find("RTP/") != std::string_view::npos; }

// proto = token *("/" token)
bool is_protocol(std::string_view protocol)
{
    std::size_t start = 0;
    for (;;) {
        const std::size_t slash = protocol.find('/', start);
        if (!is_rfc4566_token(protocol.substr(start, slash - start))) {
            return false;
        }
        if (slash == std::string_view::npos) {
            return true;
        }
        start = slash + 1;
    }
}

class SectionReader {
public:
    explicit SectionReader(std::size_t line_number) { section_.line_number = line_number; }

    Result<void> read_media_line(const SdpLine &line);
    Result<void> read_line(const SdpLine &line);
    MediaSection take() { return std::move(section_); }

private:
    Result<void> read_attribute(const SdpLine &line);
    Result<int> listed_payload_type(const SdpLine &line, std::string_view text, std::string_view attribute) const;
    Result<void> read_rtpmap(const SdpLine &line, std::string_view value);
    Result<void> read_fmtp(const SdpLine &line, std::string_view value);
    Result<void> read_rtcp(const SdpLine &line, std::string_view value);

    MediaSection section_;
    std::bitset<max_payload_type + 1> listed_;
    bool has_information_ = false;
};

Result<void> SectionReader::read_media_line(const SdpLine &line)
{
    const auto fields = split_fields(line.value);
    if (fields.size() < 4) {
        return sdp_error(line, "m= '" + printable(line.value) + "' is not '<media> <port> <proto> <format>...'");
    }
    if (fields.size() - 3 > max_sdp_formats) {
        return sdp_error(line, "m= lists " + std::to_string(fields.size() - 3) +
                                   " formats, more than Cordon accepts (" + std::to_string(max_sdp_formats) + ")");
    }
    if (!is_rfc4566_token(fields[0])) {
        return sdp_error(line, "m= media type '" + printable(fields[0]) + "' is not a token");
    }
    const auto port = parse_decimal(fields[1], max_port);
    if (!port) {
        return sdp_error(line, "m= port '" + printable(fields[1]) +
                                   "' is not a number from 0 to 65535 (a port count is not supported)");
    }
    if (!is_protocol(fields[2])) {
        return sdp_error(line, "m= transport protocol '" + printable(fields[2]) + "' is not token/token...");
    }
    section_.media = std::string(fields[0]);
    section_.port = static_cast<std::uint16_t>(*port);
    section_.protocol = std::string(fields[2]);
    section_.rtp = is_rtp_protocol(section_.protocol);
    for (std::size_t i = 3; i < fields.size(); ++i) {
        const std::string_view format = fields[i];
        if (section_.rtp) {
            const auto payload_type = parse_decimal(format, max_payload_type);
            if (!payload_type) {
                return sdp_error(line, "m= payload type '" + printable(format) + "' is not a number from 0 to 127");
            }
            if (listed_.test(*payload_type)) {
                return sdp_error(line, "m= payload type " + std::to_string(*payload_type) + " is listed twice");
            }
            listed_.set(*payload_type);
            section_.payload_types.push_back(static_cast<int>(*payload_type));
        } else if (!is_rfc4566_token(format)) {
            return sdp_error(line, "m= format '" + printable(format) + "' is not a token");
        }
        section_.formats.emplace_back(format);
    }
    return {};
}

Result<void> SectionReader::read_line(const SdpLine &line)
{
    switch (line.type) {
    case 'i':
        if (has_information_) {
            return sdp_error(line, "i= appears twice in one media description");
        }
        has_information_ = true;
        return {};
    case 'b':
    case 'k':
        return {}; // bandwidth and the obsolete key field: not used
    case 'c': {
        if (section_.connection_address) {
            return sdp_error(line, "c= appears twice in one media description");
        }
        auto address = parse_network_address(line.value, "c=");
        if (!address) {
            return sdp_error(line, address.error().message);
        }
        section_.connection_address = std::move(address.value());
        return {};
    }
    case 'a':
        return read_attribute(line);
    default:
        return sdp_error(line, std::string(1, line.type) +
                                   "= is not allowed in a media description (only i=, c=, b=, k= and a= are)");
    }
}

Result<void> SectionReader::read_attribute(const SdpLine &line)
{
    const auto attribute = split_attribute(line.value);
    if (!attribute) {
        return sdp_error(line, "attribute '" + printable(line.value) + "' does not start with a token");
    }
    if (const auto direction = direction_attribute(attribute->name)) {
        if (attribute->value) {
            return sdp_error(line, "a=" + std::string(attribute->name) + " takes no value");
        }
        if (section_.direction) {
            return sdp_error(line, "a second direction attribute in one media description");
        }
        section_.direction = direction;
        return {};
    }
    const bool read_here = attribute->name == "rtpmap" || attribute->name == "fmtp" || attribute->name == "ptime" ||
                           attribute->name == "crypto" || attribute->name == "rtcp";
    if (!read_here) {
        return {}; // ICE, ssrc, rtcp-mux (never offered, so never used), ...: not Cordon's to read
    }
    if (!attribute->value || attribute->value->empty()) {
        return sdp_error(line, "a=" + std::string(attribute->name) + " has no value");
    }
    const std::string_view value = *attribute->value;
    if (attribute->name == "rtpmap") {
        return read_rtpmap(line, value);
    }
    if (attribute->name == "fmtp") {
        return read_fmtp(line, value);
    }
    if (attribute->name == "ptime") {
        const auto ptime = parse_decimal(value, max_ptime_ms);
        if (!ptime || *ptime == 0) {
            return sdp_error(line, "a=ptime '" + printable(value) + "' is not a number of milliseconds from 1 to 1000");
        }
        if (section_.ptime_ms) {
            return sdp_error(line, "a second a=ptime in one media description");
        }
        section_.ptime_ms = static_cast<std::uint32_t>(*ptime);
        return {};
    }
    if (attribute->name == "rtcp") {
        return read_rtcp(line, value);
    }
    if (section_.crypto.size() == max_sdp_crypto) {
        return sdp_error(line, "more than " + std::to_string(max_sdp_crypto) + " a=crypto in one media description");
    }
    section_.crypto.emplace_back(value); // for the encryption plugin to judge
    return {};
}

// RFC 3605: a=rtcp:<port> [<nettype> <addrtype> <address>].
Result<void> SectionReader::read_rtcp(const SdpLine &line, std::string_view value)
{
    if (section_.rtcp_port) {
        return sdp_error(line, "a second a=rtcp in one media description");
    }
    const std::size_t space = value.find(' ');
    const auto port = parse_decimal(value.substr(0, space), max_port);
    if (!port || *port == 0) {
        return sdp_error(line,
                         "a=rtcp port '" + printable(value.substr(0, space)) + "' is not a number from 1 to 65535");
    }
    if (space != std::string_view::npos) {
        auto address = parse_network_address(value.substr(space + 1), "a=rtcp");
        if (!address) {
            return sdp_error(line, address.error().message);
        }
        section_.rtcp_address = std::move(address.value());
    }
    section_.rtcp_port = static_cast<std::uint16_t>(*port);
    return {};
}

Result<int> SectionReader::listed_payload_type(const SdpLine &line, std::string_view text,
                                               std::string_view attribute) const
{
    if (!section_.rtp) {
        return sdp_error(line, "a=" + std::string(attribute) + " on an m= line that does not carry RTP");
    }
    const auto payload_type = parse_decimal(text, max_payload_type);
    if (!payload_type) {
        return sdp_error(line, "a=" + std::string(attribute) + " payload type '" + printable(text) +
                                   "' is not a number from 0 to 127");
    }
    if (!listed_.test(*payload_type)) {
        return sdp_error(line, "a=" + std::string(attribute) + " for payload type " + std::to_string(*payload_type) +
                                   ", which the m= line does not list");
    }
    return static_cast<int>(*payload_type);
}

Result<void> SectionReader::read_rtpmap(const SdpLine &line, std::string_view value)
{
    // <payload type> <encoding name>/<clock rate>[/<channels>]
    const auto fields = split_fields(value);
    if (fields.size() != 2) {
        return sdp_error(line, "a=rtpmap '" + printable(value) + "' is not '<pt> <name>/<rate>[/<channels>]'");
    }
    const auto payload_type = listed_payload_type(line, fields[0], "rtpmap");
    if (!payload_type) {
        return payload_type.error();
    }
    if (section_.rtpmap.contains(*payload_type)) {
        return sdp_error(line, "a second a=rtpmap for payload type " + std::to_string(*payload_type));
    }
    const std::string_view encoding = fields[1];
    const std::size_t first_slash = encoding.find('/');
    if (first_slash == std::string_view::npos || !is_rfc4566_token(encoding.substr(0, first_slash))) {
        return sdp_error(line, "a=rtpmap '" + printable(value) + "' is not '<pt> <name>/<rate>[/<channels>]'");
    }
    const std::size_t second_slash = encoding.find('/', first_slash + 1);
    MediaCodec codec;
    codec.payload_type = *payload_type;
    codec.encoding_name = std::string(encoding.substr(0, first_slash));
    const auto clock_rate =
        parse_decimal(encoding.substr(first_slash + 1, second_slash - first_slash - 1), max_clock_rate_hz);
    if (!clock_rate || *clock_rate == 0) {
        return sdp_error(line, "a=rtpmap clock rate in '" + printable(value) + "' is not from 1 to 192000 Hz");
    }
    codec.clock_rate = static_cast<std::uint32_t>(*clock_rate);
    if (second_slash != std::string_view::npos) {
        const auto channels = parse_decimal(encoding.substr(second_slash + 1), max_channels);
        if (!channels || *channels == 0) {
            return sdp_error(line, "a=rtpmap channels in '" + printable(value) + "' is not from 1 to 8");
        }
        codec.channels = static_cast<std::uint32_t>(*channels);
    }
    section_.rtpmap.emplace(*payload_type, std::move(codec));
    return {};
}

Result<void> SectionReader::read_fmtp(const SdpLine &line, std::string_view value)
{
    const std::size_t space = value.find(' ');
    if (space == std::string_view::npos || space + 1 == value.size()) {
        return sdp_error(line, "a=fmtp '" + printable(value) + "' is not '<pt> <parameters>'");
    }
    const auto payload_type = listed_payload_type(line, value.substr(0, space), "fmtp");
    if (!payload_type) {
        return payload_type.error();
    }
    if (!section_.fmtp.emplace(*payload_type, std::string(value.substr(space + 1))).second) {
        return sdp_error(line, "a second a=fmtp for payload type " + std::to_string(*payload_type));
    }
    return {};
}

} // namespace

const char *to_string(MediaDirection direction)
{
    switch (direction) {
    case MediaDirection::sendrecv:
        return "sendrecv";
    case MediaDirection::sendonly:
        return "sendonly";
    case MediaDirection::recvonly:
        return "recvonly";
    case MediaDirection::inactive:
        return "inactive";
    }
    return "sendrecv";
}

std::optional<MediaDirection> direction_attribute(std::string_view name)
{
    for (const auto direction :
         {MediaDirection::sendrecv, MediaDirection::sendonly, MediaDirection::recvonly, MediaDirection::inactive}) {
        if (name == to_string(direction)) {
            return direction;
        }
    }
    return std::nullopt;
}

Result<MediaSection> read_media_section(std::span<const SdpLine> lines)
{
    SectionReader reader(lines.front().number);
    if (auto read = reader.read_media_line(lines.front()); !read) {
        return read.error();
    }
    for (const SdpLine &line : lines.subspan(1)) {
        if (auto read = reader.read_line(line); !read) {
            return read.error();
        }
    }
    return reader.take();
}

Result<std::vector<MediaCodec>> audio_codecs(const MediaSection &section)
{
    std::vector<MediaCodec> codecs;
    for (const int payload_type : section.payload_types) {
        MediaCodec codec;
        if (const auto mapped = section.rtpmap.find(payload_type); mapped != section.rtpmap.end()) {
            codec = mapped->second;
        } else {
            const auto *known = std::find_if(static_audio_types.begin(), static_audio_types.end(),
                                             [&](const auto &entry) { return entry.payload_type == payload_type; });
            if (known == static_audio_types.end()) {
                return Error{ErrorCode::malformed_input, "SDP line " + std::to_string(section.line_number) +
                                                             ": payload type " + std::to_string(payload_type) +
                                                             " has no a=rtpmap and is not a static audio type"};
            }
            codec = MediaCodec{payload_type, known->encoding_name, known->clock_rate, known->channels, {}};
        }
        if (const auto parameters = section.fmtp.find(payload_type); parameters != section.fmtp.end()) {
            codec.fmtp = parameters->second;
        }
        codecs.push_back(std::move(codec));
    }
    return codecs;
}

} // namespace cordon::sip
