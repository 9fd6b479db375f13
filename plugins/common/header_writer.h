/*
 * Writes a header field value into the caller's bounded buffer: plain text,
 * and quoted strings with '"' and '\' escaped. The first write that does not
 * fit marks the writer as overflowed; from then on nothing is written, and
 * header_writer_finish() wipes what was, so a partial answer (which may hold
 * credentials) is never left behind. Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_HEADER_WRITER_H
#define CORDON_PLUGIN_SUPPORT_HEADER_WRITER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct header_writer {
    char *out;
    size_t capacity;
    size_t length;
    bool overflowed;
} header_writer;

header_writer header_writer_start(char *out, size_t capacity);

void header_writer_text(header_writer *writer, const char *text, size_t length);

/* text as a NUL-terminated string. */
void header_writer_cstr(header_writer *writer, const char *text);

/* DQUOTE text DQUOTE, each '"' and '\' in text preceded by '\'. The caller
 * has refused control characters in text beforehand. */
void header_writer_quoted(header_writer *writer, const char *text, size_t length);

/* The length written, or 0 after an overflow (the buffer then holds zeros
 * where the partial value was). */
size_t header_writer_finish(header_writer *writer);

#endif /* CORDON_PLUGIN_SUPPORT_HEADER_WRITER_H */
