/*
 * ASCII text as media type parameters and log lines need it: comparison
 * without regard to case of NUL-terminated words, and a printable copy of a
 * peer's text. The rules for single characters are the host's
 * (core/ascii_chars.h); no locale is consulted. Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_ASCII_TEXT_H
#define CORDON_PLUGIN_SUPPORT_ASCII_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* a and b are equal when A-Z are taken as a-z; other bytes compare as they
 * are. Both NUL terminated. */
bool ascii_equal_nocase(const char *a, const char *b);

/* The first length bytes of text equal the whole of word, as above. */
bool ascii_span_equal_nocase(const char *text, size_t length, const char *word);

/* A peer's text goes into a log line: copies at most out_size - 1 bytes into
 * out, each byte outside printable ASCII (' '..'~') replaced by '?', and
 * terminates it. out_size is at least 1. */
void ascii_printable_copy(const char *text, char *out, size_t out_size);

/* The same for text[0..length), which need not be NUL terminated. */
void ascii_printable_copy_span(const char *text, size_t length, char *out, size_t out_size);

#endif /* CORDON_PLUGIN_SUPPORT_ASCII_TEXT_H */
