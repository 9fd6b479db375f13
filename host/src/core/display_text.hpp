// Text a plugin (or the wire) supplied, on its way to a person: a log line,
// a JSON field, a terminal. A code point is unsafe to display when it can
// forge a line or a terminal escape (controls), make text read other than it
// is stored (bidirectional controls, invisible format characters, line
// separators) or has no meaning in interchange (noncharacters). Validators
// refuse such text with the reason below; outputs that must show it anyway
// escape it with displayable().
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace cordon {

enum class UnsafeCodePoint {
    control,               // C0, DEL, C1
    bidirectional_control, // embeddings, overrides, isolates, marks
    invisible_format,      // the rest of general category Cf
    line_separator,        // U+2028, U+2029
    noncharacter,          // U+FDD0..U+FDEF and the last two of every plane
};

// Why code_point must not be shown as it is, or nothing when it may be.
std::optional<UnsafeCodePoint> unsafe_to_display(char32_t code_point);

// "a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE)"; the name only
// for the code points a reader is likely to meet.
std::string describe_unsafe_code_point(char32_t code_point);

// Why text cannot be displayed as it is ("contains a bidirectional control
// U+202E (RIGHT-TO-LEFT OVERRIDE)", "is not valid UTF-8 (byte 0xC0 at offset
// 4)"), or nothing when every character is safe.
std::optional<std::string> undisplayable_text_problem(std::string_view text);

// text as valid UTF-8 without an unsafe code point: each unsafe code point
// becomes \uXXXX (\UXXXXXXXX beyond the BMP), each byte that is not UTF-8
// \xHH. At most max_bytes come out, cut between characters and ending
// "..." when text did not fit.
std::string displayable(std::string_view text, std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

} // namespace cordon
