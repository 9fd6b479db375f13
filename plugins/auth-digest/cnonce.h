/*
 * The client nonce of an answer: 128 bits from OpenSSL's CSPRNG, in hex, so
 * that it needs no quoting and a server cannot predict it (RFC 7616 section
 * 5.12 asks for enough entropy to defeat chosen-plaintext attacks).
 */
#ifndef CORDON_AUTH_DIGEST_CNONCE_H
#define CORDON_AUTH_DIGEST_CNONCE_H

#include <stdbool.h>

#define CNONCE_RANDOM_BYTES 16u
#define CNONCE_CHARS (2u * CNONCE_RANDOM_BYTES)

/* False when the random generator failed (then no answer may be sent). */
bool cnonce_make(char cnonce[CNONCE_CHARS + 1]);

#endif /* CORDON_AUTH_DIGEST_CNONCE_H */
