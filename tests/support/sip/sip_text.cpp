#include "tests/support/sip/sip_text.hpp"

#include <cctype>
#include <stdexcept>

namespace cordon::test {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

// The long form of a compact header name (RFC 3261 section 7.3.3).
std::string long_name(std::string_view name)
{
    const std::string folded = lower(name);
    static const std::pair<const char *, const char *> compact[] = {
        {"v", "via"},          {"f", "from"},    {"t", "to"},
        {"i", "call-id"},      {"m", "contact"}, {"l", "content-length"},
        {"c", "content-type"}, {"o", "event"},   {"k", "supported"}};
    for (const auto &[short_form, long_form] : compact) {
        if (folded == short_form) {
            return long_form;
        }
    }
    return folded;
}

} // namespace

SipText SipText::parse(std::string_view bytes)
{
    SipText text;
    const auto head_end = bytes.find("\r\n\r\n");
    if (head_end == std::string_view::npos) {
        throw std::invalid_argument("not a SIP message: " + std::string(bytes.substr(0, 80)));
    }
    text.body_ = std::string(bytes.substr(head_end + 4));
    std::string_view head = bytes.substr(0, head_end);
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at <= head.size()) {
        const auto end = head.find("\r\n", at);
        lines.emplace_back(head.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
        if (end == std::string_view::npos) {
            break;
        }
        at = end + 2;
    }
    text.start_line_ = lines.front();
    if (text.start_line_.rfind("SIP/2.0 ", 0) == 0) {
        text.status_ = std::stoi(text.start_line_.substr(8, 3));
    } else {
        const auto space = text.start_line_.find(' ');
        text.method_ = text.start_line_.substr(0, space);
        const auto second = text.start_line_.find(' ', space + 1);
        text.request_uri_ = text.start_line_.substr(space + 1, second - space - 1);
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !text.fields_.empty()) {
            text.fields_.back().second += " " + trim(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        text.fields_.emplace_back(long_name(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    }
    return text;
}

std::string SipText::header(std::string_view name) const
{
    const std::string wanted = long_name(name);
    for (const auto &[field, value] : fields_) {
        if (field == wanted) {
            return value;
        }
    }
    return {};
}

std::vector<std::string> SipText::headers(std::string_view name) const
{
    const std::string wanted = long_name(name);
    std::vector<std::string> values;
    for (const auto &[field, value] : fields_) {
        if (field == wanted) {
            values.push_back(value);
        }
    }
    return values;
}

std::uint32_t SipText::cseq() const { return static_cast<std::uint32_t>(std::stoul(header("CSeq"))); }

std::string SipText::cseq_method() const
{
    const std::string value = header("CSeq");
    return trim(value.substr(value.find(' ') + 1));
}

std::string parameter(std::string_view value, std::string_view name)
{
    const std::string folded = lower(value);
    const std::string key = ";" + lower(name) + "=";
    const auto at = folded.find(key);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + key.size();
    const auto end = value.find_first_of(";>, \t", start);
    return std::string(value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

std::string SipText::branch() const { return parameter(header("Via"), "branch"); }

std::string SipText::from_tag() const
{
    const std::string value = header("From");
    return parameter(value.substr(value.find('>') == std::string::npos ? 0 : value.find('>')), "tag");
}

std::string SipText::to_tag() const
{
    const std::string value = header("To");
    return parameter(value.substr(value.find('>') == std::string::npos ? 0 : value.find('>')), "tag");
}

std::string SipText::contact_uri() const
{
    const std::string value = header("Contact");
    const auto open = value.find('<');
    const auto close = value.find('>');
    if (open == std::string::npos || close == std::string::npos) {
        return value;
    }
    return value.substr(open + 1, close - open - 1);
}

std::string response_to(const SipText &request, int status, std::string_view reason, std::string_view to_tag,
                        const std::vector<std::string> &extra, std::string_view sdp)
{
    std::string out = "SIP/2.0 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
    for (const std::string &via : request.headers("Via")) {
        out += "Via: " + via + "\r\n";
    }
    out += "From: " + request.header("From") + "\r\n";
    std::string to = request.header("To");
    if (request.to_tag().empty() && !to_tag.empty()) {
        to += ";tag=" + std::string(to_tag);
    }
    out += "To: " + to + "\r\n";
    out += "Call-ID: " + request.call_id() + "\r\n";
    out += "CSeq: " + request.header("CSeq") + "\r\n";
    for (const std::string &field : extra) {
        out += field + "\r\n";
    }
    if (!sdp.empty()) {
        out += "Content-Type: application/sdp\r\n";
    }
    out += "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n";
    out += sdp;
    return out;
}

std::string request_text(std::string_view start_line, const std::vector<std::string> &fields, std::string_view body,
                         std::string_view content_type)
{
    std::string out = std::string(start_line) + "\r\n";
    for (const std::string &field : fields) {
        out += field + "\r\n";
    }
    if (!body.empty()) {
        out += "Content-Type: " + std::string(content_type) + "\r\n";
    }
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

std::string peer_sdp(std::string_view address, std::uint16_t port, std::string_view formats, std::string_view rtpmaps,
                     std::string_view direction, std::uint64_t version)
{
    const std::string at(address);
    return "v=0\r\no=bob 4242 " + std::to_string(version) + " IN IP4 " + at + "\r\ns=-\r\nc=IN IP4 " + at +
           "\r\nt=0 0\r\nm=audio " + std::to_string(port) + " RTP/AVP " + std::string(formats) + "\r\n" +
           std::string(rtpmaps) + "a=" + std::string(direction) + "\r\n";
}

} // namespace cordon::test
