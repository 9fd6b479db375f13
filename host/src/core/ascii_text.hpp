// ASCII text from the wire for C++ callers: comparison and lowering without
// regard to case, trimming, control characters and tokens, over string views.
// Every rule about a single character is in core/ascii_chars.h, which
// Cordon's plugins use too; none of it consults the locale, so a peer's bytes
// mean the same whatever locale the process runs in.
#pragma once

#include <string>
#include <string_view>

#include "core/ascii_chars.h"

namespace cordon {

// a and b are equal when A-Z are taken as a-z (SIP and SDP names, media
// types, URI schemes); bytes 0x80-0xFF compare as they are.
bool equal_ignoring_ascii_case(std::string_view a, std::string_view b);

// text begins with prefix, A-Z taken as a-z.
bool starts_with_ignoring_ascii_case(std::string_view text, std::string_view prefix);

// text with A-Z turned into a-z and every other byte as it is.
std::string ascii_lowercase(std::string_view text);

// text without the SP and HTAB (RFC 5234 WSP) at either end, at its start,
// at its end.
std::string_view trim_blanks(std::string_view text);
std::string_view trim_leading_blanks(std::string_view text);
std::string_view trim_trailing_blanks(std::string_view text);

// A C0 control or DEL (ascii_is_control) anywhere in text.
bool has_control_character(std::string_view text);

// A space, a C0 control or DEL anywhere in text: what may not stand in a name
// that is written unquoted between other fields (a URI, a server name).
bool has_space_or_control_character(std::string_view text);

// Every byte is ' ' to '~'.
bool is_printable_ascii(std::string_view text);

// RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool is_rfc3986_scheme(std::string_view text);

// One or more characters of the grammar's token (see ascii_chars.h).
bool is_rfc3261_token(std::string_view text);
bool is_rfc4566_token(std::string_view text);
bool is_rfc2045_token(std::string_view text);
bool is_rfc7230_token(std::string_view text);

} // namespace cordon
