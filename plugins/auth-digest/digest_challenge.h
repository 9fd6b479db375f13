/*
 * One Digest challenge (RFC 3261 section 25.1 "challenge", RFC 7616 section
 * 3.3): the parameters this plugin uses, read from the strict parameter list
 * and checked, and whether it may be answered under the session's policy.
 */
#ifndef CORDON_AUTH_DIGEST_CHALLENGE_H
#define CORDON_AUTH_DIGEST_CHALLENGE_H

#include <stdbool.h>
#include <stddef.h>

#include "auth-digest/digest_algorithm.h"
#include "common/auth_params.h"

typedef enum digest_qop {
    DIGEST_QOP_NONE, /* RFC 2069 style, which RFC 3261 still allows */
    DIGEST_QOP_AUTH,
    DIGEST_QOP_AUTH_INT /* also covers the body */
} digest_qop;

typedef struct digest_challenge {
    auth_text realm;
    auth_text nonce;
    auth_text opaque; /* echoed when present */
    bool has_opaque;
    auth_text algorithm_name;          /* as written; empty when absent */
    const digest_algorithm *algorithm; /* NULL: a name this plugin does not know */
    bool qop_offered;                  /* a qop parameter was present */
    bool offers_auth;
    bool offers_auth_int;
    bool stale;
} digest_challenge;

/* Why a well-formed challenge cannot be answered. */
typedef enum digest_refusal {
    DIGEST_ANSWERABLE,
    DIGEST_UNKNOWN_ALGORITHM,
    DIGEST_MD5_REFUSED,
    DIGEST_NO_USABLE_QOP,
    DIGEST_SESSION_WITHOUT_QOP,
    DIGEST_REALM_UNUSABLE
} digest_refusal;

typedef struct digest_policy {
    bool refuse_md5; /* MD5 and MD5-sess */
} digest_policy;

/* Parses text as a Digest challenge into list (which holds the values) and
 * challenge. Besides the syntax, realm and a non-empty nonce are required,
 * stale must be true or false and a qop list must be tokens joined by
 * commas. False with error filled when any of that fails. */
bool digest_challenge_read(const char *text, size_t length, auth_param_list *list, digest_challenge *challenge,
                           auth_parse_error *error);

/* DIGEST_ANSWERABLE, with the qop to use in *qop, or the reason it is not.
 * qop: auth whenever offered, auth-int only when it is all that is offered
 * (see README.md), none when the challenge has no qop. */
digest_refusal digest_challenge_check(const digest_challenge *challenge, const digest_policy *policy, digest_qop *qop);

/* A sentence for the refusal, e.g. "MD5 is refused by policy (refuse_md5)". */
const char *digest_refusal_text(digest_refusal refusal);

#endif /* CORDON_AUTH_DIGEST_CHALLENGE_H */
