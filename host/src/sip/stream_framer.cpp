#include "sip/stream_framer.hpp"

#include <optional>

#include "core/ascii_text.hpp"
#include "sip/content_length.hpp"
#include "sip/message_framing.hpp"

namespace cordon::sip {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view end_of_head = "\r\n\r\n";

Error malformed(const std::string &reason) { return Error{ErrorCode::malformed_input, "SIP stream: " + reason}; }

// The value of a header line "Name: value" when its name is Content-Length
// (or the compact "l"); nothing for any other line.
std::optional<std::string_view> content_length_value(std::string_view line)
{
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view name = trim_trailing_blanks(line.substr(0, colon));
    if (!is_header(name, "Content-Length", "l")) {
        return std::nullopt;
    }
    return trim_blanks(line.substr(colon + 1));
}

} // namespace

Result<std::size_t> StreamFramer::message_length() const
{
    const std::string_view available(buffer_);
    const size_t head_end = available.find(end_of_head);
    if (head_end == std::string_view::npos) {
        if (available.size() > max_header_section_bytes) {
            return malformed("no end of the header section within " + std::to_string(max_header_section_bytes) +
                             " bytes");
        }
        return size_t{0};
    }
    if (head_end + end_of_head.size() > max_header_section_bytes) {
        return malformed("a header section of " + std::to_string(head_end + end_of_head.size()) +
                         " bytes is larger than the limit of " + std::to_string(max_header_section_bytes));
    }
    const std::string_view head = available.substr(0, head_end);
    std::optional<size_t> body_length;
    // Line by line after the start line; a continuation line (leading
    // space or tab) belongs to the field before it and names nothing.
    size_t line_start = head.find(crlf);
    while (line_start != std::string_view::npos) {
        line_start += crlf.size();
        const size_t line_end = head.find(crlf, line_start);
        const std::string_view line = head.substr(line_start, line_end - line_start);
        if (!line.empty() && line.front() != ' ' && line.front() != '\t') {
            if (const auto value = content_length_value(line)) {
                if (body_length) {
                    return malformed("more than one Content-Length");
                }
                auto parsed = parse_content_length(*value);
                if (!parsed) {
                    return malformed(parsed.error().message);
                }
                body_length = *parsed;
            }
        }
        line_start = line_end;
    }
    if (!body_length) {
        return malformed("a message without Content-Length (a stream transport requires it)");
    }
    const size_t total = head_end + end_of_head.size() + *body_length;
    if (total > max_message_bytes) {
        return malformed("a message of " + std::to_string(total) + " bytes is larger than the limit of " +
                         std::to_string(max_message_bytes));
    }
    return total;
}

Result<std::vector<StreamItem>> StreamFramer::feed(std::string_view bytes)
{
    if (failed_) {
        return failure_;
    }
    buffer_.append(bytes);
    std::vector<StreamItem> items;
    size_t consumed = 0;
    for (;;) {
        const std::string_view rest = std::string_view(buffer_).substr(consumed);
        if (rest.starts_with(crlf)) {
            items.push_back({StreamItem::Kind::crlf, {}});
            consumed += crlf.size();
            continue;
        }
        if (rest.empty() || rest == "\r") {
            break;
        }
        buffer_.erase(0, consumed);
        consumed = 0;
        auto length = message_length();
        if (!length) {
            failed_ = true;
            failure_ = length.error();
            buffer_.clear();
            return failure_;
        }
        if (*length == 0 || buffer_.size() < *length) {
            break;
        }
        items.push_back({StreamItem::Kind::message, buffer_.substr(0, *length)});
        consumed = *length;
    }
    buffer_.erase(0, consumed);
    return items;
}

} // namespace cordon::sip
