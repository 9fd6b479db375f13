/*
 * What both MIME readers of this plugin share besides the RFC 2045 tokens
 * themselves (rfc2045_token_length, core/media_type.h).
 */
#ifndef CORDON_ENCRYPTION_SMIME_MIME_TOKENS_H
#define CORDON_ENCRYPTION_SMIME_MIME_TOKENS_H

#include <stddef.h>

/* The count of spaces and horizontal tabs at text[0..length). */
size_t mime_blank_length(const char *text, size_t length);

#endif /* CORDON_ENCRYPTION_SMIME_MIME_TOKENS_H */
