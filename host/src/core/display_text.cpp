#include "core/display_text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/utf8_check.hpp"

namespace cordon {
namespace {

struct CodePointRange {
    char32_t first;
    char32_t last;
};

// Unicode 15.1, UnicodeData.txt: the bidirectional controls (Bidi_Control
// in PropList.txt) ...
constexpr std::array bidirectional_controls{
    CodePointRange{0x061C, 0x061C}, // ARABIC LETTER MARK
    CodePointRange{0x200E, 0x200F}, // LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    CodePointRange{0x202A, 0x202E}, // embeddings, POP DIRECTIONAL FORMATTING, overrides
    CodePointRange{0x2066, 0x2069}, // isolates, POP DIRECTIONAL ISOLATE
};

// ... and the rest of general category Cf (DerivedGeneralCategory.txt), with
// the whole tag block U+E0000..U+E007F.
constexpr std::array invisible_formats{
    CodePointRange{0x00AD, 0x00AD},   CodePointRange{0x0600, 0x0605},   CodePointRange{0x06DD, 0x06DD},
    CodePointRange{0x070F, 0x070F},   CodePointRange{0x0890, 0x0891},   CodePointRange{0x08E2, 0x08E2},
    CodePointRange{0x180E, 0x180E},   CodePointRange{0x200B, 0x200D},   CodePointRange{0x2060, 0x2064},
    CodePointRange{0x206A, 0x206F},   CodePointRange{0xFEFF, 0xFEFF},   CodePointRange{0xFFF9, 0xFFFB},
    CodePointRange{0x110BD, 0x110BD}, CodePointRange{0x110CD, 0x110CD}, CodePointRange{0x13430, 0x1343F},
    CodePointRange{0x1BCA0, 0x1BCA3}, CodePointRange{0x1D173, 0x1D17A}, CodePointRange{0xE0000, 0xE007F},
};

struct NamedCodePoint {
    char32_t code_point;
    const char *name;
};

// Names (NameAliases.txt for the controls) of the unsafe code points a
// reader is likely to meet; the others are shown by number only.
constexpr std::array named_code_points{
    NamedCodePoint{0x0000, "NULL"},
    NamedCodePoint{0x0009, "CHARACTER TABULATION"},
    NamedCodePoint{0x000A, "LINE FEED"},
    NamedCodePoint{0x000D, "CARRIAGE RETURN"},
    NamedCodePoint{0x001B, "ESCAPE"},
    NamedCodePoint{0x007F, "DELETE"},
    NamedCodePoint{0x0085, "NEXT LINE"},
    NamedCodePoint{0x009B, "CONTROL SEQUENCE INTRODUCER"},
    NamedCodePoint{0x00AD, "SOFT HYPHEN"},
    NamedCodePoint{0x061C, "ARABIC LETTER MARK"},
    NamedCodePoint{0x180E, "MONGOLIAN VOWEL SEPARATOR"},
    NamedCodePoint{0x200B, "ZERO WIDTH SPACE"},
    NamedCodePoint{0x200C, "ZERO WIDTH NON-JOINER"},
    NamedCodePoint{0x200D, "ZERO WIDTH JOINER"},
    NamedCodePoint{0x200E, "LEFT-TO-RIGHT MARK"},
    NamedCodePoint{0x200F, "RIGHT-TO-LEFT MARK"},
    NamedCodePoint{0x2028, "LINE SEPARATOR"},
    NamedCodePoint{0x2029, "PARAGRAPH SEPARATOR"},
    NamedCodePoint{0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    NamedCodePoint{0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    NamedCodePoint{0x202C, "POP DIRECTIONAL FORMATTING"},
    NamedCodePoint{0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    NamedCodePoint{0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    NamedCodePoint{0x2060, "WORD JOINER"},
    NamedCodePoint{0x2066, "LEFT-TO-RIGHT ISOLATE"},
    NamedCodePoint{0x2067, "RIGHT-TO-LEFT ISOLATE"},
    NamedCodePoint{0x2068, "FIRST STRONG ISOLATE"},
    NamedCodePoint{0x2069, "POP DIRECTIONAL ISOLATE"},
    NamedCodePoint{0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
};

constexpr std::string_view cut_marker = "...";

template <size_t count> bool in_any(const std::array<CodePointRange, count> &ranges, char32_t code_point)
{
    return std::ranges::any_of(
        ranges, [&](const CodePointRange &range) { return code_point >= range.first && code_point <= range.last; });
}

const char *kind_text(UnsafeCodePoint kind)
{
    switch (kind) {
    case UnsafeCodePoint::control:
        return "a control character";
    case UnsafeCodePoint::bidirectional_control:
        return "a bidirectional control";
    case UnsafeCodePoint::invisible_format:
        return "an invisible format character";
    case UnsafeCodePoint::line_separator:
        return "a line separator";
    case UnsafeCodePoint::noncharacter:
        return "a noncharacter";
    }
    return "an unsafe character";
}

// "U+202E", "U+E0041": at least four hex digits, as Unicode writes them.
std::string code_point_number(char32_t code_point)
{
    char text[16];
    std::snprintf(text, sizeof text, "U+%04X", static_cast<unsigned>(code_point));
    return text;
}

// \u202E within the BMP, \U000E0041 beyond it, \xC0 for a byte that is not UTF-8.
std::string escaped_code_point(char32_t code_point)
{
    char text[16];
    if (code_point <= 0xFFFF) {
        std::snprintf(text, sizeof text, "\\u%04X", static_cast<unsigned>(code_point));
    } else {
        std::snprintf(text, sizeof text, "\\U%08X", static_cast<unsigned>(code_point));
    }
    return text;
}

std::string escaped_byte(unsigned char byte)
{
    char text[8];
    std::snprintf(text, sizeof text, "\\x%02X", static_cast<unsigned>(byte));
    return text;
}

} // namespace

std::optional<UnsafeCodePoint> unsafe_to_display(char32_t code_point)
{
    if (code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F)) {
        return UnsafeCodePoint::control;
    }
    if (in_any(bidirectional_controls, code_point)) {
        return UnsafeCodePoint::bidirectional_control;
    }
    if (in_any(invisible_formats, code_point)) {
        return UnsafeCodePoint::invisible_format;
    }
    if (code_point == 0x2028 || code_point == 0x2029) {
        return UnsafeCodePoint::line_separator;
    }
    if ((code_point >= 0xFDD0 && code_point <= 0xFDEF) || (code_point & 0xFFFE) == 0xFFFE) {
        return UnsafeCodePoint::noncharacter;
    }
    return std::nullopt;
}

std::string describe_unsafe_code_point(char32_t code_point)
{
    const auto kind = unsafe_to_display(code_point);
    std::string text = std::string(kind ? kind_text(*kind) : "the character") + " " + code_point_number(code_point);
    const auto named = std::ranges::find_if(
        named_code_points, [&](const NamedCodePoint &entry) { return entry.code_point == code_point; });
    if (named != named_code_points.end()) {
        text += std::string(" (") + named->name + ")";
    }
    return text;
}

std::optional<std::string> undisplayable_text_problem(std::string_view text)
{
    for (size_t offset = 0; offset < text.size();) {
        const auto decoded = decode_utf8_at(text, offset);
        if (!decoded) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[offset])));
            return "is not valid UTF-8 (byte " + std::string(byte) + " at offset " + std::to_string(offset) + ")";
        }
        if (unsafe_to_display(decoded->code_point)) {
            return "contains " + describe_unsafe_code_point(decoded->code_point);
        }
        offset += decoded->length;
    }
    return std::nullopt;
}

std::string displayable(std::string_view text, size_t max_bytes)
{
    std::string out;
    // The longest output so far, ending between two characters, that leaves
    // room for the marker should the text not fit.
    size_t cut_point = 0;
    for (size_t offset = 0; offset < text.size();) {
        const auto decoded = decode_utf8_at(text, offset);
        std::string piece;
        size_t consumed = 1;
        if (!decoded) {
            piece = escaped_byte(static_cast<unsigned char>(text[offset]));
        } else if (unsafe_to_display(decoded->code_point)) {
            piece = escaped_code_point(decoded->code_point);
            consumed = decoded->length;
        } else {
            piece = text.substr(offset, decoded->length);
            consumed = decoded->length;
        }
        if (piece.size() > max_bytes - out.size()) {
            out.resize(cut_point);
            if (max_bytes >= cut_marker.size()) {
                out += cut_marker;
            }
            return out;
        }
        out += piece;
        if (max_bytes - out.size() >= cut_marker.size()) {
            cut_point = out.size();
        }
        offset += consumed;
    }
    return out;
}

} // namespace cordon
