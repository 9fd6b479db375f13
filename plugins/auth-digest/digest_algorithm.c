/*
 * The algorithm table (see digest_algorithm.h).
 */
#include "auth-digest/digest_algorithm.h"

#include <stddef.h>

enum { strength_md5 = 1, strength_sha256 = 2, strength_sha512_256 = 3 };

static const digest_algorithm known_algorithms[] = {
    {"MD5", DIGEST_HASH_MD5, false, strength_md5},
    {"MD5-sess", DIGEST_HASH_MD5, true, strength_md5},
    {"SHA-256", DIGEST_HASH_SHA256, false, strength_sha256},
    {"SHA-256-sess", DIGEST_HASH_SHA256, true, strength_sha256},
    {"SHA-512-256", DIGEST_HASH_SHA512_256, false, strength_sha512_256},
    {"SHA-512-256-sess", DIGEST_HASH_SHA512_256, true, strength_sha512_256},
};

const digest_algorithm *digest_algorithm_named(auth_text name)
{
    for (size_t i = 0; i < sizeof known_algorithms / sizeof known_algorithms[0]; ++i) {
        if (auth_text_equal_nocase(name, known_algorithms[i].name))
            return &known_algorithms[i];
    }
    return NULL;
}

const digest_algorithm *digest_algorithm_default(void) { return &known_algorithms[0]; }
