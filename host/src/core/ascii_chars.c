/*
 * ASCII character classes and grammars (see ascii_chars.h).
 */
#include "core/ascii_chars.h"

#include <string.h>

/* c is one of the characters of set; NUL never is. */
static bool is_one_of(char c, const char *set) { return c != '\0' && strchr(set, c) != NULL; }

bool ascii_is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool ascii_is_digit(char c) { return c >= '0' && c <= '9'; }

bool ascii_is_hex_digit(char c) { return ascii_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool ascii_is_alnum(char c) { return ascii_is_alpha(c) || ascii_is_digit(c); }

bool ascii_is_control(char c)
{
    const unsigned char byte = (unsigned char)c;
    return byte < 0x20u || byte == 0x7Fu;
}

bool ascii_is_printable(char c) { return c >= ' ' && c <= '~'; }

bool ascii_is_visible(char c) { return c > ' ' && c <= '~'; }

bool ascii_is_blank(char c) { return c == ' ' || c == '\t'; }

size_t ascii_leading_blanks(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && ascii_is_blank(text[count]))
        ++count;
    return count;
}

size_t ascii_trailing_blanks(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && ascii_is_blank(text[length - 1 - count]))
        ++count;
    return count;
}

char ascii_to_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

bool ascii_spans_equal_nocase(const char *a, size_t a_length, const char *b, size_t b_length)
{
    if (a_length != b_length)
        return false;
    for (size_t i = 0; i < a_length; ++i)
        if (ascii_to_lower(a[i]) != ascii_to_lower(b[i]))
            return false;
    return true;
}

bool ascii_has_control(const char *text, size_t length)
{
    for (size_t i = 0; i < length; ++i)
        if (ascii_is_control(text[i]))
            return true;
    return false;
}

bool is_rfc3261_token_char(char c) { return ascii_is_alnum(c) || is_one_of(c, "-.!%*_+`'~"); }

bool is_rfc7230_tchar(char c) { return ascii_is_alnum(c) || is_one_of(c, "!#$%&'*+-.^_`|~"); }

bool is_rfc2045_token_char(char c) { return ascii_is_visible(c) && !is_one_of(c, "()<>@,;:\\\"/[]?="); }

bool is_rfc4566_token_char(char c) { return is_rfc2045_token_char(c); }
