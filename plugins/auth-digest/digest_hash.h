/*
 * The hash functions of HTTP digest (RFC 7616 section 3.2), through OpenSSL 3
 * EVP, always as lower-case hex of H(part ":" part ":" ...): every H() and
 * KD() the RFCs define is a hash of colon-joined strings.
 */
#ifndef CORDON_AUTH_DIGEST_HASH_H
#define CORDON_AUTH_DIGEST_HASH_H

#include <stdbool.h>
#include <stddef.h>

#include "common/auth_params.h"

typedef enum digest_hash { DIGEST_HASH_MD5, DIGEST_HASH_SHA256, DIGEST_HASH_SHA512_256 } digest_hash;

/* Hex of the longest digest (SHA-256 and SHA-512/256: 32 bytes). */
#define DIGEST_MAX_HEX_CHARS 64u

/* Writes the hex of H(parts joined by ':') and its NUL into hex. False when
 * OpenSSL cannot compute it (MD5 in a FIPS-only configuration, for one). The
 * hashed text is never assembled in one buffer: parts are fed one by one, so
 * no copy of a password is left behind. */
bool digest_hash_hex(digest_hash hash, const auth_text *parts, size_t count, char hex[DIGEST_MAX_HEX_CHARS + 1]);

#endif /* CORDON_AUTH_DIGEST_HASH_H */
