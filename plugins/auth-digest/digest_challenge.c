/*
 * Reading and judging one Digest challenge (see digest_challenge.h).
 */
#include "auth-digest/digest_challenge.h"

#include "cordon/auth.h"
#include "core/ascii_chars.h"

static bool fail(auth_parse_error *error, const char *problem, size_t offset)
{
    error->problem = problem;
    error->offset = offset;
    return false;
}

/* qop-options: tokens separated by commas with optional spaces between them;
 * an empty element or any other character makes the list malformed. */
static bool read_qop_list(auth_text list, digest_challenge *challenge)
{
    size_t at = 0;
    for (;;) {
        at += ascii_leading_blanks(list.data + at, list.length - at);
        const size_t start = at;
        while (at < list.length && is_rfc7230_tchar(list.data[at]))
            ++at;
        const auth_text option = {list.data + start, at - start};
        if (option.length == 0)
            return false;
        challenge->offers_auth = challenge->offers_auth || auth_text_equal_nocase(option, "auth");
        challenge->offers_auth_int = challenge->offers_auth_int || auth_text_equal_nocase(option, "auth-int");
        at += ascii_leading_blanks(list.data + at, list.length - at);
        if (at == list.length)
            return true;
        if (list.data[at] != ',')
            return false;
        ++at;
    }
}

static size_t offset_of(const auth_param *param, const char *text) { return (size_t)(param->name.data - text); }

bool digest_challenge_read(const char *text, size_t length, auth_param_list *list, digest_challenge *challenge,
                           auth_parse_error *error)
{
    *challenge = (digest_challenge){.algorithm = digest_algorithm_default()};
    if (!auth_params_parse(text, length, "Digest", list, error))
        return false;
    const auth_param *realm = auth_params_find(list, "realm");
    if (realm == NULL)
        return fail(error, "the realm is missing", length);
    challenge->realm = realm->value;
    const auth_param *nonce = auth_params_find(list, "nonce");
    if (nonce == NULL || nonce->value.length == 0)
        return fail(error, "the nonce is missing or empty", nonce == NULL ? length : offset_of(nonce, text));
    challenge->nonce = nonce->value;
    const auth_param *opaque = auth_params_find(list, "opaque");
    if (opaque != NULL) {
        challenge->opaque = opaque->value;
        challenge->has_opaque = true;
    }
    const auth_param *stale = auth_params_find(list, "stale");
    if (stale != NULL) {
        challenge->stale = auth_text_equal_nocase(stale->value, "true");
        if (!challenge->stale && !auth_text_equal_nocase(stale->value, "false"))
            return fail(error, "stale is neither true nor false", offset_of(stale, text));
    }
    const auth_param *algorithm = auth_params_find(list, "algorithm");
    if (algorithm != NULL) {
        challenge->algorithm_name = algorithm->value;
        challenge->algorithm = digest_algorithm_named(algorithm->value);
    }
    const auth_param *qop = auth_params_find(list, "qop");
    if (qop != NULL) {
        challenge->qop_offered = true;
        if (!read_qop_list(qop->value, challenge))
            return fail(error, "the qop list is malformed", offset_of(qop, text));
    }
    return true;
}

/* The realm goes into the outcome and the log: printable ASCII that fits. */
static bool realm_usable(auth_text realm)
{
    if (realm.length >= CORDON_AUTH_TEXT_BYTES)
        return false;
    for (size_t i = 0; i < realm.length; ++i) {
        if (!ascii_is_printable(realm.data[i]))
            return false;
    }
    return true;
}

digest_refusal digest_challenge_check(const digest_challenge *challenge, const digest_policy *policy, digest_qop *qop)
{
    *qop = DIGEST_QOP_NONE;
    if (challenge->algorithm == NULL)
        return DIGEST_UNKNOWN_ALGORITHM;
    if (policy->refuse_md5 && challenge->algorithm->hash == DIGEST_HASH_MD5)
        return DIGEST_MD5_REFUSED;
    if (!realm_usable(challenge->realm))
        return DIGEST_REALM_UNUSABLE;
    if (challenge->qop_offered) {
        if (!challenge->offers_auth && !challenge->offers_auth_int)
            return DIGEST_NO_USABLE_QOP;
        *qop = challenge->offers_auth ? DIGEST_QOP_AUTH : DIGEST_QOP_AUTH_INT;
    } else if (challenge->algorithm->session) {
        /* -sess hashes the cnonce, which exists only with a qop. */
        return DIGEST_SESSION_WITHOUT_QOP;
    }
    return DIGEST_ANSWERABLE;
}

const char *digest_refusal_text(digest_refusal refusal)
{
    switch (refusal) {
    case DIGEST_ANSWERABLE:
        return "answerable";
    case DIGEST_UNKNOWN_ALGORITHM:
        return "the algorithm is unknown to this plugin";
    case DIGEST_MD5_REFUSED:
        return "MD5 is refused by policy (auth.refuse_md5)";
    case DIGEST_NO_USABLE_QOP:
        return "the qop list offers neither auth nor auth-int";
    case DIGEST_SESSION_WITHOUT_QOP:
        return "a -sess algorithm needs a qop";
    case DIGEST_REALM_UNUSABLE:
        return "the realm is not printable ASCII or is longer than 255 bytes";
    }
    return "unanswerable";
}
