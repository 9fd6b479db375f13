#include "sip/sdp_lines.hpp"

#include "core/ascii_chars.h"
#include "sip/session_description.hpp"

namespace cordon::sip {
namespace {

std::string hex_byte(char c)
{
    constexpr std::string_view digits = "0123456789ABCDEF";
    const auto octet = static_cast<unsigned char>(c);
    return std::string("0x") + digits[octet >> 4u] + digits[octet & 0xFu];
}

Error line_error(std::size_t number, const std::string &why)
{
    return Error{ErrorCode::malformed_input, "SDP line " + std::to_string(number) + ": " + why};
}

} // namespace

Error sdp_error(const SdpLine &line, const std::string &why) { return line_error(line.number, why); }

Result<std::vector<SdpLine>> split_sdp_lines(std::string_view body)
{
    if (body.size() > max_sdp_bytes) {
        return Error{ErrorCode::malformed_input, "SDP body of " + std::to_string(body.size()) +
                                                     " bytes is larger than Cordon accepts (" +
                                                     std::to_string(max_sdp_bytes) + " bytes)"};
    }
    if (body.empty()) {
        return Error{ErrorCode::malformed_input, "SDP body is empty"};
    }
    std::vector<SdpLine> lines;
    std::size_t start = 0;
    while (start < body.size()) {
        const std::size_t number = lines.size() + 1;
        // Counted before the line is read, so a body of tiny lines costs no more.
        if (number > max_sdp_lines) {
            return Error{ErrorCode::malformed_input,
                         "SDP body has more than " + std::to_string(max_sdp_lines) + " lines"};
        }
        const std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) {
            return line_error(number, "has no line end (the body is truncated)");
        }
        std::string_view text = body.substr(start, end - start);
        if (!text.empty() && text.back() == '\r') {
            text.remove_suffix(1);
        }
        start = end + 1;
        if (text.empty()) {
            return line_error(number, "is empty");
        }
        if (text.size() < 2 || text[0] < 'a' || text[0] > 'z' || text[1] != '=') {
            return line_error(number, "is not <letter>=<value>");
        }
        for (const char c : text) {
            if (c == '\r') {
                return line_error(number, "contains a lone CR (a line ends in CRLF or LF)");
            }
            if (ascii_is_control(c)) {
                return line_error(number, "contains control character " + hex_byte(c));
            }
        }
        lines.push_back(SdpLine{number, text[0], text.substr(2)});
    }
    return lines;
}

} // namespace cordon::sip
