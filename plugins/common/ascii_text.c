/*
 * ASCII comparison and printable copies (see ascii_text.h).
 */
#include "common/ascii_text.h"

#include "common/text_checks.h"

int ascii_lower_char(int c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

bool ascii_equal_nocase(const char *a, const char *b)
{
    for (;; ++a, ++b) {
        const int ca = ascii_lower_char((unsigned char)*a);
        if (ca != ascii_lower_char((unsigned char)*b))
            return false;
        if (ca == '\0')
            return true;
    }
}

bool ascii_span_equal_nocase(const char *text, size_t length, const char *word)
{
    for (size_t i = 0; i < length; ++i)
        if (word[i] == '\0' || ascii_lower_char((unsigned char)text[i]) != ascii_lower_char((unsigned char)word[i]))
            return false;
    return word[length] == '\0';
}

void ascii_printable_copy(const char *text, char *out, size_t out_size)
{
    ascii_printable_copy_span(text, text_length_within(text, out_size), out, out_size);
}

void ascii_printable_copy_span(const char *text, size_t length, char *out, size_t out_size)
{
    size_t used = 0;
    for (; used < length && used + 1u < out_size; ++used) {
        const unsigned char c = (unsigned char)text[used];
        out[used] = (c >= ' ' && c <= '~') ? (char)c : '?';
    }
    out[used] = '\0';
}
