/*
 * The characters of text from the wire, each rule defined once, for the host
 * (C++, usually through core/ascii_text.hpp) and Cordon's own plugins (C11)
 * alike. ASCII only, and never <ctype.h>: isalpha() and tolower() consult the
 * locale, and a byte a peer sent must mean the same whatever locale the
 * process runs in. Bytes 0x80-0xFF are never letters, digits or token
 * characters and never change case.
 */
#ifndef CORDON_CORE_ASCII_CHARS_H
#define CORDON_CORE_ASCII_CHARS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* RFC 5234 ALPHA, DIGIT and HEXDIG (HEXDIG in either case, as every caller
 * accepts it). */
bool ascii_is_alpha(char c);
bool ascii_is_digit(char c);
bool ascii_is_hex_digit(char c);
bool ascii_is_alnum(char c);

/* RFC 5234 CTL: the C0 controls and DEL. CR and LF split header fields, NUL
 * ends C strings, ESC starts terminal escapes. */
bool ascii_is_control(char c);

/* ' ' to '~': what may be shown as it is in a log line. */
bool ascii_is_printable(char c);

/* RFC 5234 VCHAR, '!' to '~': printable and not a space. */
bool ascii_is_visible(char c);

/* RFC 5234 WSP: SP or HTAB, the blanks around header field values. */
bool ascii_is_blank(char c);

/* How many blanks text[0..length) starts with, and ends with. */
size_t ascii_leading_blanks(const char *text, size_t length);
size_t ascii_trailing_blanks(const char *text, size_t length);

/* c with A-Z taken as a-z; every other byte as it is. */
char ascii_to_lower(char c);

/* a and b have the same length and are equal when A-Z are taken as a-z. */
bool ascii_spans_equal_nocase(const char *a, size_t a_length, const char *b, size_t b_length);

bool ascii_has_control(const char *text, size_t length);

/* RFC 3261 section 25.1 token: alphanum / "-" / "." / "!" / "%" / "*" / "_" /
 * "+" / "`" / "'" / "~". SIP methods, header names, parameter names. */
bool is_rfc3261_token_char(char c);

/* RFC 7230 section 3.2.6 tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" /
 * "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA. The token of
 * RFC 7235 auth-schemes and auth-params. */
bool is_rfc7230_tchar(char c);

/* RFC 2045 section 5.1 token: printable ASCII but SP and the tspecials
 * ()<>@,;:\"/[]?= . MIME types, subtypes and parameter names. */
bool is_rfc2045_token_char(char c);

/* RFC 4566 section 9 token-char: %x21 / %x23-27 / %x2A-2B / %x2D-2E /
 * %x30-39 / %x41-5A / %x5E-7E, which is exactly the RFC 2045 token set (SDP
 * took its tokens from MIME). */
bool is_rfc4566_token_char(char c);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_CORE_ASCII_CHARS_H */
