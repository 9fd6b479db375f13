/*
 * The request-digest (RFC 7616 section 3.4.1, RFC 2617 section 3.2.2.1 for
 * the qop-less form RFC 3261 keeps):
 *
 *   A1       = username ":" realm ":" password
 *   A1 -sess = H(username ":" realm ":" password) ":" nonce ":" cnonce
 *   A2       = method ":" digest-uri               (qop auth or none)
 *   A2       = method ":" digest-uri ":" H(body)   (qop auth-int)
 *   response = H(H(A1) ":" nonce ":" nc ":" cnonce ":" qop ":" H(A2))
 *   response = H(H(A1) ":" nonce ":" H(A2))        (no qop)
 *
 * Kept apart from everything random or stateful so that the RFC's test
 * vectors can be checked with a fixed cnonce.
 */
#ifndef CORDON_AUTH_DIGEST_RESPONSE_H
#define CORDON_AUTH_DIGEST_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth-digest/digest_algorithm.h"
#include "auth-digest/digest_challenge.h"
#include "common/auth_params.h"

typedef struct digest_response_input {
    const digest_algorithm *algorithm;
    digest_qop qop;
    auth_text username;
    auth_text realm;
    auth_text password;
    auth_text nonce;
    auth_text cnonce;      /* unused without a qop */
    auth_text nonce_count; /* eight hex digits; unused without a qop */
    auth_text method;
    auth_text uri;
    const uint8_t *body; /* for auth-int; may be NULL when body_length is 0 */
    size_t body_length;
} digest_response_input;

/* The qop value as written in an answer: "auth", "auth-int"; "" for none. */
const char *digest_qop_name(digest_qop qop);

/* Writes the response's hex and NUL into response. False when a hash could
 * not be computed. Intermediate hashes of the password are wiped. */
bool digest_compute_response(const digest_response_input *input, char response[DIGEST_MAX_HEX_CHARS + 1]);

#endif /* CORDON_AUTH_DIGEST_RESPONSE_H */
