// read_sdp: the session-level structure of a received body (RFC 4566 section
// 5: v=, o=, s= first, then t= before any m=), and the audio stream in it.
#include <algorithm>
#include <limits>

#include "sip/sdp_fields.hpp"
#include "sip/sdp_lines.hpp"
#include "sip/sdp_media.hpp"
#include "sip/session_description.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

constexpr std::uint64_t any_uint64 = std::numeric_limits<std::uint64_t>::max();

// What the lines before the first m= say.
struct SessionLevel {
    std::optional<std::string> connection_address;
    std::optional<MediaDirection> direction;
};

Result<void> expect_type(std::span<const SdpLine> lines, std::size_t index, char type)
{
    if (lines.size() <= index || lines[index].type != type) {
        return Error{ErrorCode::malformed_input, "SDP line " + std::to_string(index + 1) + " must be " +
                                                     std::string(1, type) + "= (the body starts v=, o=, s=)"};
    }
    return {};
}

Result<void> read_origin(const SdpLine &line, SessionDescription &description)
{
    // <username> <sess-id> <sess-version> IN <IP4|IP6> <address>
    const auto fields = split_fields(line.value);
    if (fields.size() != 6 || fields[0].empty()) {
        return sdp_error(line,
                         "o= '" + printable(line.value) + "' is not '<user> <id> <version> IN IP4|IP6 <address>'");
    }
    const auto id = parse_decimal(fields[1], any_uint64);
    const auto version = parse_decimal(fields[2], any_uint64);
    if (!id || !version) {
        return sdp_error(line, "o= session id and version must be decimal numbers below 2**64");
    }
    const auto address = parse_network_address(line.value.substr(fields[3].data() - line.value.data()), "o=");
    if (!address) {
        return sdp_error(line, address.error().message);
    }
    description.origin_username = std::string(fields[0]);
    description.session_id = *id;
    description.session_version = *version;
    description.origin_address = address.value();
    return {};
}

Result<void> read_timing(const SdpLine &line)
{
    const auto fields = split_fields(line.value);
    if (fields.size() != 2 || !parse_decimal(fields[0], any_uint64) || !parse_decimal(fields[1], any_uint64)) {
        return sdp_error(line, "t= '" + printable(line.value) + "' is not '<start> <stop>' in decimal");
    }
    return {};
}

// The lines between s= and the first m=.
Result<SessionLevel> read_session_level(std::span<const SdpLine> lines)
{
    SessionLevel session;
    std::string seen; // the single-use letters already read
    bool has_timing = false;
    for (const SdpLine &line : lines) {
        if (std::string_view("iuczk").find(line.type) != std::string_view::npos) {
            if (seen.find(line.type) != std::string::npos) {
                return sdp_error(line, std::string(1, line.type) + "= appears twice at session level");
            }
            seen += line.type;
        }
        switch (line.type) {
        case 'i':
        case 'u':
        case 'e':
        case 'p':
        case 'b':
        case 'z':
        case 'k':
            break; // informational, or not used by Cordon
        case 't':
            if (auto timing = read_timing(line); !timing) {
                return timing.error();
            }
            has_timing = true;
            break;
        case 'r':
            if (!has_timing) {
                return sdp_error(line, "r= comes before any t=");
            }
            break;
        case 'c': {
            auto address = parse_network_address(line.value, "c=");
            if (!address) {
                return sdp_error(line, address.error().message);
            }
            session.connection_address = std::move(address.value());
            break;
        }
        case 'a': {
            const auto attribute = split_attribute(line.value);
            if (!attribute) {
                return sdp_error(line, "attribute '" + printable(line.value) + "' does not start with a token");
            }
            if (const auto direction = direction_attribute(attribute->name)) {
                if (session.direction || attribute->value) {
                    return sdp_error(line, "a second or valued direction attribute at session level");
                }
                session.direction = direction;
            }
            break;
        }
        default:
            // Includes letters RFC 4566 does not define: section 5 says to refuse those bodies.
            return sdp_error(line, std::string(1, line.type) + "= is not allowed at session level");
        }
    }
    if (!has_timing) {
        return Error{ErrorCode::malformed_input, "SDP has no t= line before its first m= line"};
    }
    return session;
}

Result<std::vector<MediaSection>> read_media_sections(std::span<const SdpLine> lines)
{
    std::vector<MediaSection> sections;
    while (!lines.empty()) {
        std::size_t end = 1;
        while (end < lines.size() && lines[end].type != 'm') {
            ++end;
        }
        auto section = read_media_section(lines.first(end));
        if (!section) {
            return section.error();
        }
        sections.push_back(std::move(section.value()));
        lines = lines.subspan(end);
    }
    return sections;
}

Result<void> take_audio(std::vector<MediaSection> &sections, const SessionLevel &session,
                        SessionDescription &description)
{
    const auto audio = std::find_if(sections.begin(), sections.end(), [](const auto &s) { return s.media == "audio"; });
    if (audio == sections.end()) {
        return Error{ErrorCode::unsupported, "SDP has no audio m= line (Cordon makes audio calls)"};
    }
    if (!audio->rtp) {
        return Error{ErrorCode::unsupported, "SDP line " + std::to_string(audio->line_number) +
                                                 ": the audio m= line uses '" + printable(audio->protocol) +
                                                 "', which does not carry RTP"};
    }
    auto codecs = audio_codecs(*audio);
    if (!codecs) {
        return codecs.error();
    }
    const auto &address = audio->connection_address ? audio->connection_address : session.connection_address;
    if (!address && audio->port != 0) {
        return Error{ErrorCode::malformed_input, "SDP has no c= line for the audio stream, at session or media level"};
    }
    description.connection_address = address.value_or("");
    description.audio_port = audio->port;
    description.audio_profile = audio->protocol;
    description.codecs = std::move(codecs.value());
    description.ptime_ms = audio->ptime_ms;
    description.direction = audio->direction.value_or(session.direction.value_or(MediaDirection::sendrecv));
    description.crypto = std::move(audio->crypto);
    if (audio->rtcp_address && audio->rtcp_address != address) {
        return Error{ErrorCode::unsupported, "SDP a=rtcp sends RTCP to " + printable(*audio->rtcp_address) +
                                                 ", another address than the audio's: Cordon sends a call's media "
                                                 "to one peer address"};
    }
    description.rtcp_port = audio->rtcp_port;
    description.audio_index = static_cast<std::size_t>(audio - sections.begin());
    for (const auto &section : sections) {
        if (&section != &*audio) {
            description.other_media.push_back(OtherMedia{section.media, section.protocol, section.formats.front()});
        }
    }
    return {};
}

} // namespace

Result<SessionDescription> read_sdp(std::string_view body)
{
    auto split = split_sdp_lines(body);
    if (!split) {
        return split.error();
    }
    const std::span<const SdpLine> lines = split.value();
    constexpr std::string_view leading_types = "vos";
    for (std::size_t index = 0; index < leading_types.size(); ++index) {
        if (auto expected = expect_type(lines, index, leading_types[index]); !expected) {
            return expected.error();
        }
    }
    if (lines[0].value != "0") {
        return sdp_error(lines[0], "v= '" + printable(lines[0].value) + "' is not 0");
    }
    SessionDescription description;
    if (auto origin = read_origin(lines[1], description); !origin) {
        return origin.error();
    }
    if (lines[2].value.empty()) {
        return sdp_error(lines[2], "s= is empty (RFC 4566 asks for at least one character)");
    }
    const auto media_count = std::count_if(lines.begin(), lines.end(), [](const auto &l) { return l.type == 'm'; });
    if (static_cast<std::size_t>(media_count) > max_sdp_media) {
        return Error{ErrorCode::malformed_input, "SDP has " + std::to_string(media_count) +
                                                     " m= lines, more than Cordon accepts (" +
                                                     std::to_string(max_sdp_media) + ")"};
    }
    const auto first_media =
        std::find_if(lines.begin() + 3, lines.end(), [](const auto &l) { return l.type == 'm'; }) - lines.begin();
    const auto session = read_session_level(lines.subspan(3, static_cast<std::size_t>(first_media) - 3));
    if (!session) {
        return session.error();
    }
    auto sections = read_media_sections(lines.subspan(static_cast<std::size_t>(first_media)));
    if (!sections) {
        return sections.error();
    }
    if (auto audio = take_audio(sections.value(), session.value(), description); !audio) {
        return audio.error();
    }
    return description;
}

} // namespace cordon::sip
