/*
 * Basic credentials (RFC 7617 section 2): "Basic " base64(user-id ":"
 * password). A user-id with ':' would move the split between user-id and
 * password, and neither may hold a control character; both are refused.
 */
#ifndef CORDON_AUTH_BASIC_CREDENTIALS_H
#define CORDON_AUTH_BASIC_CREDENTIALS_H

#include <stddef.h>

#include "cordon/plugin.h"

/* Why these credentials cannot be sent, or NULL. Never quotes the password. */
const char *basic_credentials_problem(const char *username, const char *password);

/* Writes "Basic <base64>" into answer: OK with *answer_length set;
 * BUFFER_TOO_SMALL (nothing left in answer) when it does not fit;
 * INVALID_ARGUMENT when the credentials are longer than any answer. Every copy
 * of the plain credentials is wiped before returning. */
cordon_status basic_credentials_write(const char *username, const char *password, char *answer, size_t answer_capacity,
                                      size_t *answer_length);

#endif /* CORDON_AUTH_BASIC_CREDENTIALS_H */
