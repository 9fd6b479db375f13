/*
 * The Authorization / Proxy-Authorization value of a Digest answer (RFC 3261
 * section 25.1 "credentials", RFC 7616 section 3.4):
 *
 *   Digest username="…", realm="…", nonce="…", uri="…", response="…",
 *          algorithm=…[, cnonce="…", qop=…, nc=…][, opaque="…"]
 *
 * username, realm, nonce, uri and opaque are quoted strings with '"' and '\'
 * escaped; the caller has refused control characters in username and uri,
 * and the challenge reader refused them in realm, nonce and opaque.
 */
#ifndef CORDON_AUTH_DIGEST_ANSWER_H
#define CORDON_AUTH_DIGEST_ANSWER_H

#include <stddef.h>

#include "auth-digest/digest_challenge.h"
#include "common/auth_params.h"

typedef struct digest_answer_fields {
    auth_text username;
    auth_text uri;
    const digest_challenge *challenge; /* realm, nonce, opaque */
    const char *algorithm;             /* the name the table spells */
    digest_qop qop;
    const char *cnonce;      /* with a qop only */
    const char *nonce_count; /* with a qop only */
    const char *response;
} digest_answer_fields;

/* The value's length, or 0 when it does not fit in capacity (nothing is then
 * left in answer). */
size_t digest_answer_write(const digest_answer_fields *fields, char *answer, size_t capacity);

#endif /* CORDON_AUTH_DIGEST_ANSWER_H */
