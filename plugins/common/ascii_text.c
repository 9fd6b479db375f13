/*
 * ASCII comparison and printable copies (see ascii_text.h).
 */
#include "common/ascii_text.h"

static int ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

bool ascii_equal_nocase(const char *a, const char *b)
{
    for (;; ++a, ++b) {
        const int ca = ascii_lower((unsigned char)*a);
        if (ca != ascii_lower((unsigned char)*b))
            return false;
        if (ca == '\0')
            return true;
    }
}

bool ascii_span_equal_nocase(const char *text, size_t length, const char *word)
{
    for (size_t i = 0; i < length; ++i)
        if (word[i] == '\0' || ascii_lower((unsigned char)text[i]) != ascii_lower((unsigned char)word[i]))
            return false;
    return word[length] == '\0';
}

void ascii_printable_copy(const char *text, char *out, size_t out_size)
{
    size_t used = 0;
    for (; text[used] != '\0' && used + 1u < out_size; ++used) {
        const unsigned char c = (unsigned char)text[used];
        out[used] = (c >= ' ' && c <= '~') ? (char)c : '?';
    }
    out[used] = '\0';
}
