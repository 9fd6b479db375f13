/*
 * RFC 2045 tokens, the pieces both MIME readers of this plugin share.
 */
#ifndef CORDON_ENCRYPTION_SMIME_MIME_TOKENS_H
#define CORDON_ENCRYPTION_SMIME_MIME_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

/* A token character: printable ASCII except space and the tspecials. */
bool mime_is_token_char(char c);

/* The length of the token at text[0..length) (0 when none). */
size_t mime_token_length(const char *text, size_t length);

/* The count of spaces and horizontal tabs at text[0..length). */
size_t mime_blank_length(const char *text, size_t length);

#endif /* CORDON_ENCRYPTION_SMIME_MIME_TOKENS_H */
