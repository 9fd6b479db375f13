/*
 * The digest algorithms this plugin knows (RFC 7616 section 3.3 and RFC 8760
 * for SIP): their names, hash, whether they are -sess variants, and how they
 * rank when a response offers several.
 */
#ifndef CORDON_AUTH_DIGEST_ALGORITHM_H
#define CORDON_AUTH_DIGEST_ALGORITHM_H

#include <stdbool.h>

#include "auth-digest/digest_hash.h"
#include "common/auth_params.h"

typedef struct digest_algorithm {
    const char *name; /* as written in an answer, e.g. "SHA-256-sess" */
    digest_hash hash;
    bool session;      /* -sess: H(A1) also covers nonce and cnonce */
    unsigned strength; /* higher is preferred; a -sess variant ranks as its hash */
} digest_algorithm;

/* The algorithm named (without regard to case), or NULL when unknown. */
const digest_algorithm *digest_algorithm_named(auth_text name);

/* MD5: what a challenge without an algorithm parameter means. */
const digest_algorithm *digest_algorithm_default(void);

#endif /* CORDON_AUTH_DIGEST_ALGORITHM_H */
