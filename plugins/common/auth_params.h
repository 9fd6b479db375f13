/*
 * The parameters of one authentication challenge, read strictly (RFC 7235
 * section 2.1 with RFC 3261's list rules):
 *
 *   challenge  = [OWS] scheme 1*(SP / HTAB) auth-param *(OWS "," OWS auth-param) [OWS]
 *   auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * Challenge text comes from the network, so malformed text is rejected, not
 * repaired: a control character anywhere (HTAB aside, and HTAB too inside a
 * quoted string, whose value may be echoed into a header), an unterminated
 * quoted string, a parameter named twice, an empty list element, a token68 form or
 * anything else between parameters. Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_AUTH_PARAMS_H
#define CORDON_PLUGIN_SUPPORT_AUTH_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cordon/auth.h"

/* More parameters than this in one challenge is refused: no scheme defines
 * half as many, and duplicate detection is quadratic in the count. */
#define AUTH_PARAMS_MAX 24u

/* Bytes that are not NUL-terminated. */
typedef struct auth_text {
    const char *data;
    size_t length;
} auth_text;

typedef struct auth_param {
    auth_text name;  /* as written, inside the challenge */
    auth_text value; /* unquoted and unescaped, inside the list's storage */
} auth_param;

/* A parsed challenge. Values live in storage, which is as large as the
 * longest challenge the host passes, so they always fit. */
typedef struct auth_param_list {
    auth_param params[AUTH_PARAMS_MAX];
    uint32_t count;
    char storage[CORDON_AUTH_MAX_CHALLENGE_BYTES];
} auth_param_list;

/* Why a challenge was rejected: a fixed description and the byte offset into
 * the challenge where the problem was found. */
typedef struct auth_parse_error {
    const char *problem;
    size_t offset;
} auth_parse_error;

/* Parses challenge[0..length) whose scheme must be scheme (compared without
 * regard to case). On success fills list and returns true; otherwise fills
 * error and returns false. Reads no byte outside the challenge. */
bool auth_params_parse(const char *challenge, size_t length, const char *scheme, auth_param_list *list,
                       auth_parse_error *error);

/* The parameter called name (without regard to case), or NULL. */
const auth_param *auth_params_find(const auth_param_list *list, const char *name);

/* text equals word, without regard to ASCII case. */
bool auth_text_equal_nocase(auth_text text, const char *word);

#endif /* CORDON_PLUGIN_SUPPORT_AUTH_PARAMS_H */
