/*
 * The length of a string a plugin was handed, read within a bound. Control
 * characters and UTF-8 are checked with the host's own rules:
 * core/ascii_chars.h and core/utf8.h. Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_TEXT_CHECKS_H
#define CORDON_PLUGIN_SUPPORT_TEXT_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the NUL-terminated text, or limit when it is longer; never
 * reads more than limit bytes (C11 has no strnlen). */
size_t text_length_within(const char *text, size_t limit);

#endif /* CORDON_PLUGIN_SUPPORT_TEXT_CHECKS_H */
