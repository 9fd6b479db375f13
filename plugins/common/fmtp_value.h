/*
 * Strict reading of a numeric fmtp value: decimal digits only (no sign, no
 * space, not empty), no overflow, then range-checked. A peer's value either
 * reads exactly or is refused; nothing is guessed.
 * Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_FMTP_VALUE_H
#define CORDON_PLUGIN_SUPPORT_FMTP_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads the first length bytes of text as a number in min..max into *value.
 * False (and *value untouched) for anything else. */
bool fmtp_parse_decimal_span(const char *text, size_t length, uint32_t min, uint32_t max, uint32_t *value);

/* The same for the whole NUL-terminated text. */
bool fmtp_parse_decimal(const char *text, uint32_t min, uint32_t max, uint32_t *value);

#endif /* CORDON_PLUGIN_SUPPORT_FMTP_VALUE_H */
