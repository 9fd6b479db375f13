/*
 * Strict UTF-8 (RFC 3629) in one place, for the host (C++, usually through
 * core/utf8_check.hpp) and Cordon's own plugins (C11): no overlong forms, no
 * surrogates, nothing above U+10FFFF. A lenient decoder would let two byte
 * strings stand for one text (two names for one plugin, a '/' that a check
 * did not see).
 */
#ifndef CORDON_CORE_UTF8_H
#define CORDON_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 10xxxxxx: a byte that continues a sequence and starts no character (how
 * text already checked is cut or counted by characters). */
bool utf8_is_continuation_byte(char byte);

/* The length (1 to 4) of the well-formed sequence that text[0..length)
 * starts with, its code point in *code_point; 0 when it starts none (a
 * truncated sequence included) or length is 0. */
size_t utf8_sequence_at(const char *text, size_t length, uint32_t *code_point);

/* How many bytes at the start of text[0..length) are well-formed UTF-8:
 * length when all of them are. */
size_t utf8_valid_prefix(const char *text, size_t length);

bool utf8_is_valid(const char *text, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_CORE_UTF8_H */
