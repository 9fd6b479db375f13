/*
 * Client nonces from RAND_bytes (see cnonce.h).
 */
#include "auth-digest/cnonce.h"

#include <openssl/rand.h>

bool cnonce_make(char cnonce[CNONCE_CHARS + 1])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char random[CNONCE_RANDOM_BYTES];
    cnonce[0] = '\0';
    if (RAND_bytes(random, (int)sizeof random) != 1)
        return false;
    for (unsigned i = 0; i < CNONCE_RANDOM_BYTES; ++i) {
        cnonce[2u * i] = digits[random[i] >> 4u];
        cnonce[2u * i + 1u] = digits[random[i] & 0x0Fu];
    }
    cnonce[CNONCE_CHARS] = '\0';
    return true;
}
