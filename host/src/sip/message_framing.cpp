#include "sip/message_framing.hpp"

#include <algorithm>
#include <optional>

#include "core/ascii_text.hpp"
#include "sip/content_length.hpp"
#include "sip/header_syntax.hpp"
#include "sip/limits.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {
namespace {

constexpr std::string_view crlf = "\r\n";
constexpr std::string_view end_of_head = "\r\n\r\n";

Error malformed(std::string message) { return Error{ErrorCode::malformed_input, std::move(message)}; }

// Fields RFC 3261 section 7.3.1 allows only once; two values leave no way to
// know which one the sender meant.
constexpr std::string_view single_fields[][2] = {
    {"Call-ID", "i"},        {"CSeq", ""},          {"From", "f"}, {"To", "t"}, {"Max-Forwards", ""},
    {"Content-Length", "l"}, {"Content-Type", "c"},
};

Result<void> check_single_fields(const std::vector<HeaderField> &fields)
{
    for (const auto &names : single_fields) {
        const auto count = std::count_if(fields.begin(), fields.end(), [&](const HeaderField &field) {
            return is_header(field.name, names[0], names[1]);
        });
        if (count > 1) {
            return malformed("header " + std::string(names[0]) + " appears " + std::to_string(count) +
                             " times; it may appear only once");
        }
    }
    return {};
}

// One header field: "name: value", with continuation lines already joined.
Result<HeaderField> split_field(std::string_view line)
{
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
        return malformed("header line '" + printable(line, 40) + "' has no colon");
    }
    // RFC 3261 allows whitespace between the name and the colon.
    const std::string_view name = trim_blanks(line.substr(0, colon));
    if (auto valid = check_header_name(name); !valid) {
        return valid.error();
    }
    const std::string_view value = trim_blanks(line.substr(colon + 1));
    if (auto valid = check_header_value(name, value); !valid) {
        return valid.error();
    }
    return HeaderField{std::string(name), std::string(value)};
}

Result<std::vector<HeaderField>> split_fields(std::string_view head)
{
    std::vector<HeaderField> fields;
    std::string field; // the field being assembled from its lines
    const auto finish_field = [&]() -> Result<void> {
        if (field.empty()) {
            return {};
        }
        if (fields.size() == max_header_fields) {
            return malformed("more than " + std::to_string(max_header_fields) + " header fields");
        }
        auto split = split_field(field);
        if (!split) {
            return split.error();
        }
        fields.push_back(std::move(split.value()));
        field.clear();
        return {};
    };
    while (!head.empty()) {
        const auto end = std::min(head.find(crlf), head.size());
        const std::string_view line = head.substr(0, end);
        head.remove_prefix(std::min(end + crlf.size(), head.size()));
        if (line.find_first_of("\r\n") != std::string_view::npos) {
            return malformed("a header line contains a bare CR or LF");
        }
        const bool continuation = !line.empty() && ascii_is_blank(line.front());
        if (continuation && field.empty()) {
            return malformed("the first header line starts with whitespace");
        }
        if (!continuation) {
            if (auto done = finish_field(); !done) {
                return done.error();
            }
        }
        // Unfolding replaces the line break by one space (RFC 3261 section 7.3.1).
        if (continuation) {
            field += ' ';
        }
        field += continuation ? trim_blanks(line) : line;
        if (field.size() > max_header_field_bytes) {
            return malformed("a header field is longer than " + std::to_string(max_header_field_bytes) + " bytes");
        }
    }
    if (auto done = finish_field(); !done) {
        return done.error();
    }
    return fields;
}

Result<std::optional<std::size_t>> find_content_length(const std::vector<HeaderField> &fields)
{
    for (const auto &field : fields) {
        if (is_header(field.name, "Content-Length", "l")) {
            auto length = parse_content_length(field.value);
            if (!length) {
                return length.error();
            }
            return std::optional<std::size_t>(*length);
        }
    }
    return std::optional<std::size_t>();
}

} // namespace

bool is_header(std::string_view name, std::string_view full, std::string_view compact)
{
    return equal_ignoring_ascii_case(name, full) || (!compact.empty() && equal_ignoring_ascii_case(name, compact));
}

Result<FramedMessage> frame_message(std::string_view bytes)
{
    if (bytes.size() > max_message_bytes) {
        return malformed("message of " + std::to_string(bytes.size()) + " bytes is larger than the limit of " +
                         std::to_string(max_message_bytes));
    }
    const auto head_end = bytes.find(end_of_head);
    if (head_end == std::string_view::npos) {
        return malformed("no empty line (CRLF CRLF) ends the header section");
    }
    const std::string_view head = bytes.substr(0, head_end + crlf.size());
    const auto start_end = head.find(crlf);
    FramedMessage framed;
    framed.start_line = head.substr(0, start_end);
    if (framed.start_line.find_first_of("\r\n") != std::string_view::npos) {
        return malformed("the start line contains a bare CR or LF");
    }
    auto fields = split_fields(head.substr(start_end + crlf.size()));
    if (!fields) {
        return fields.error();
    }
    framed.fields = std::move(fields.value());
    if (auto single = check_single_fields(framed.fields); !single) {
        return single.error();
    }
    auto length = find_content_length(framed.fields);
    if (!length) {
        return length.error();
    }
    const std::string_view rest = bytes.substr(head_end + end_of_head.size());
    // Without Content-Length a datagram's body is the rest of it (RFC 3261 section 18.3).
    const std::size_t body_size = length->value_or(rest.size());
    if (body_size > rest.size()) {
        return malformed("Content-Length " + std::to_string(body_size) + " is larger than the " +
                         std::to_string(rest.size()) + " body bytes received");
    }
    framed.body = rest.substr(0, body_size);
    return framed;
}

} // namespace cordon::sip
