/*
 * ASCII comparison and printable copies (see ascii_text.h).
 */
#include "common/ascii_text.h"

#include <string.h>

#include "common/text_checks.h"
#include "core/ascii_chars.h"

bool ascii_equal_nocase(const char *a, const char *b) { return ascii_spans_equal_nocase(a, strlen(a), b, strlen(b)); }

bool ascii_span_equal_nocase(const char *text, size_t length, const char *word)
{
    return ascii_spans_equal_nocase(text, length, word, strlen(word));
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
        out[used] = ascii_is_printable((char)c) ? (char)c : '?';
    }
    out[used] = '\0';
}
