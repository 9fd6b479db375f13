/*
 * The bounded header value writer (see header_writer.h).
 */
#include "common/header_writer.h"

#include <string.h>

header_writer header_writer_start(char *out, size_t capacity)
{
    return (header_writer){.out = out, .capacity = capacity, .length = 0, .overflowed = false};
}

void header_writer_text(header_writer *writer, const char *text, size_t length)
{
    if (writer->overflowed || length > writer->capacity - writer->length) {
        writer->overflowed = true;
        return;
    }
    memcpy(writer->out + writer->length, text, length);
    writer->length += length;
}

void header_writer_cstr(header_writer *writer, const char *text) { header_writer_text(writer, text, strlen(text)); }

void header_writer_quoted(header_writer *writer, const char *text, size_t length)
{
    header_writer_text(writer, "\"", 1);
    for (size_t i = 0; i < length; ++i) {
        if (text[i] == '"' || text[i] == '\\')
            header_writer_text(writer, "\\", 1);
        header_writer_text(writer, &text[i], 1);
    }
    header_writer_text(writer, "\"", 1);
}

size_t header_writer_finish(header_writer *writer)
{
    if (!writer->overflowed)
        return writer->length;
    /* volatile: the wipe must not be optimised away as a dead store. */
    volatile char *written = writer->out;
    for (size_t i = 0; i < writer->length; ++i)
        written[i] = '\0';
    writer->length = 0;
    return 0;
}
