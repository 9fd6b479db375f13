/*
 * The request-digest computation (see digest_response.h).
 */
#include "auth-digest/digest_response.h"

#include <openssl/crypto.h>
#include <string.h>

const char *digest_qop_name(digest_qop qop)
{
    switch (qop) {
    case DIGEST_QOP_NONE:
        return "";
    case DIGEST_QOP_AUTH:
        return "auth";
    case DIGEST_QOP_AUTH_INT:
        return "auth-int";
    }
    return "";
}

static auth_text text_of(const char *hex) { return (auth_text){hex, strlen(hex)}; }

/* H(A1), -sess applied. */
static bool hash_a1(const digest_response_input *in, char ha1[DIGEST_MAX_HEX_CHARS + 1])
{
    const digest_hash hash = in->algorithm->hash;
    const auth_text secret[] = {in->username, in->realm, in->password};
    if (!digest_hash_hex(hash, secret, 3, ha1))
        return false;
    if (!in->algorithm->session)
        return true;
    char base[DIGEST_MAX_HEX_CHARS + 1];
    memcpy(base, ha1, sizeof base);
    const auth_text session[] = {text_of(base), in->nonce, in->cnonce};
    const bool done = digest_hash_hex(hash, session, 3, ha1);
    OPENSSL_cleanse(base, sizeof base);
    return done;
}

static bool hash_a2(const digest_response_input *in, char ha2[DIGEST_MAX_HEX_CHARS + 1])
{
    const digest_hash hash = in->algorithm->hash;
    if (in->qop != DIGEST_QOP_AUTH_INT) {
        const auth_text a2[] = {in->method, in->uri};
        return digest_hash_hex(hash, a2, 2, ha2);
    }
    char body_hash[DIGEST_MAX_HEX_CHARS + 1];
    const auth_text body = {(const char *)in->body, in->body_length};
    if (!digest_hash_hex(hash, &body, 1, body_hash))
        return false;
    const auth_text a2[] = {in->method, in->uri, text_of(body_hash)};
    return digest_hash_hex(hash, a2, 3, ha2);
}

bool digest_compute_response(const digest_response_input *input, char response[DIGEST_MAX_HEX_CHARS + 1])
{
    char ha1[DIGEST_MAX_HEX_CHARS + 1];
    char ha2[DIGEST_MAX_HEX_CHARS + 1];
    bool done = hash_a1(input, ha1) && hash_a2(input, ha2);
    if (done && input->qop == DIGEST_QOP_NONE) {
        const auth_text parts[] = {text_of(ha1), input->nonce, text_of(ha2)};
        done = digest_hash_hex(input->algorithm->hash, parts, 3, response);
    } else if (done) {
        const auth_text parts[] = {
            text_of(ha1), input->nonce, input->nonce_count, input->cnonce, text_of(digest_qop_name(input->qop)),
            text_of(ha2)};
        done = digest_hash_hex(input->algorithm->hash, parts, 6, response);
    }
    /* H(A1) stands in for the password: whoever has it can answer for it. */
    OPENSSL_cleanse(ha1, sizeof ha1);
    return done;
}
