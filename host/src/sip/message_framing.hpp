// Cordon's own split of received bytes into start line, header fields and
// body. Everything libosip2 would otherwise trust is settled here: sizes,
// counts, header names, quoting, duplicates and the Content-Length.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cordon/host/result.hpp"

namespace cordon::sip {

struct HeaderField {
    std::string name;  // as received (may be a compact form such as "l")
    std::string value; // unfolded, surrounding whitespace removed
};

struct FramedMessage {
    std::string_view start_line;
    std::vector<HeaderField> fields;
    std::string_view body; // exactly Content-Length bytes
};

// Case-insensitive comparison of a received name with a full and a compact name.
bool is_header(std::string_view name, std::string_view full, std::string_view compact = {});

Result<FramedMessage> frame_message(std::string_view bytes);

} // namespace cordon::sip
