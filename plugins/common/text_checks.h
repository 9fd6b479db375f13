/*
 * Checks on text a plugin puts into a header or a log line: its length read
 * within a bound, control characters, and strict UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), as the host checks
 * it. Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_TEXT_CHECKS_H
#define CORDON_PLUGIN_SUPPORT_TEXT_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the NUL-terminated text, or limit when it is longer; never
 * reads more than limit bytes (C11 has no strnlen). */
size_t text_length_within(const char *text, size_t limit);

bool utf8_is_valid(const char *text, size_t length);

/* A byte below 0x20 or 0x7F: CR and LF inject header fields, NUL ends them. */
bool text_has_control_character(const char *text, size_t length);

#endif /* CORDON_PLUGIN_SUPPORT_TEXT_CHECKS_H */
