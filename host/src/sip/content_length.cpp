#include "sip/content_length.hpp"

#include "sip/limits.hpp"
#include "sip/wire_text.hpp"

namespace cordon::sip {

Result<std::size_t> parse_content_length(std::string_view value)
{
    if (value.empty()) {
        return Error{ErrorCode::malformed_input, "Content-Length is empty"};
    }
    std::size_t length = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') {
            return Error{ErrorCode::malformed_input,
                         "Content-Length '" + printable(value) + "' is not a non-negative decimal number"};
        }
        // Checked per digit so no value overflows before the comparison.
        length = length * 10 + static_cast<std::size_t>(c - '0');
        if (length > max_message_bytes) {
            return Error{ErrorCode::malformed_input, "Content-Length " + printable(value) +
                                                         " is larger than the largest message Cordon accepts (" +
                                                         std::to_string(max_message_bytes) + " bytes)"};
        }
    }
    return length;
}

} // namespace cordon::sip
