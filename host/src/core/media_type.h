/*
 * The Content-Type value a body carries, as both sides of the body
 * encryption interface check it: the host on what a plugin returns, the
 * S/MIME plugin on what it is given and what it decrypts. Defined once so
 * the two never disagree. ASCII only, no locale (see ascii_chars.h).
 */
#ifndef CORDON_CORE_MEDIA_TYPE_H
#define CORDON_CORE_MEDIA_TYPE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The length of the RFC 2045 token that text[0..length) starts with (0 when
 * none). */
size_t rfc2045_token_length(const char *text, size_t length);

/* Printable ASCII (so no HTAB) that starts with type "/" subtype (RFC 2045
 * tokens) and then ends or goes on with ';' or SP: parameters, passed on as
 * written. */
bool is_content_type_value(const char *text, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_CORE_MEDIA_TYPE_H */
