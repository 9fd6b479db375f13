/*
 * Digest hashes through EVP (see digest_hash.h).
 */
#include "auth-digest/digest_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

/* OpenSSL 3 names of the RFC 7616 hashes. */
static const char *evp_name(digest_hash hash)
{
    switch (hash) {
    case DIGEST_HASH_MD5:
        return "MD5";
    case DIGEST_HASH_SHA256:
        return "SHA2-256";
    case DIGEST_HASH_SHA512_256:
        return "SHA2-512/256";
    }
    return NULL;
}

static bool feed(EVP_MD_CTX *context, const auth_text *parts, size_t count)
{
    for (size_t i = 0; i < count; ++i) {
        if (i > 0 && EVP_DigestUpdate(context, ":", 1) != 1)
            return false;
        if (parts[i].length > 0 && EVP_DigestUpdate(context, parts[i].data, parts[i].length) != 1)
            return false;
    }
    return true;
}

bool digest_hash_hex(digest_hash hash, const auth_text *parts, size_t count, char hex[DIGEST_MAX_HEX_CHARS + 1])
{
    static const char digits[] = "0123456789abcdef";
    hex[0] = '\0';
    EVP_MD *md = EVP_MD_fetch(NULL, evp_name(hash), NULL);
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    unsigned char value[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const bool done = md != NULL && context != NULL && EVP_DigestInit_ex(context, md, NULL) == 1 &&
                      feed(context, parts, count) && EVP_DigestFinal_ex(context, value, &length) == 1 &&
                      length * 2u <= DIGEST_MAX_HEX_CHARS;
    EVP_MD_CTX_free(context); /* also wipes the state that saw the parts */
    EVP_MD_free(md);
    if (done) {
        for (unsigned int i = 0; i < length; ++i) {
            hex[2u * i] = digits[value[i] >> 4u];
            hex[2u * i + 1u] = digits[value[i] & 0x0Fu];
        }
        hex[2u * length] = '\0';
    }
    OPENSSL_cleanse(value, sizeof value);
    return done;
}
