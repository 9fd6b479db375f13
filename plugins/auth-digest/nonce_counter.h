/*
 * The nonce count (nc) of a session, kept per nonce (RFC 7616 section
 * 3.4): 1 for the first answer to a nonce, one more for each further answer
 * to the same nonce. A session may be answering a registrar and a proxy at
 * once, so a few nonces are remembered; the least recently used is
 * forgotten first. Nonces are remembered by their SHA-256, so a server's
 * long nonce costs no memory.
 */
#ifndef CORDON_AUTH_DIGEST_NONCE_COUNTER_H
#define CORDON_AUTH_DIGEST_NONCE_COUNTER_H

#include <stdbool.h>
#include <stdint.h>

#include "auth-digest/digest_hash.h"
#include "common/auth_params.h"

#define NONCE_COUNTER_SLOTS 8u

typedef struct nonce_counter_slot {
    char key[DIGEST_MAX_HEX_CHARS + 1]; /* hex SHA-256 of the nonce; "" when free */
    uint32_t count;                     /* the last nc sent for it */
    uint64_t last_used;
} nonce_counter_slot;

typedef struct nonce_counter {
    nonce_counter_slot slots[NONCE_COUNTER_SLOTS];
    uint64_t clock; /* ticks once per commit, to find the least recently used slot */
} nonce_counter;

/* The key nonce_counter_next and _commit take. False when hashing failed. */
bool nonce_counter_key(auth_text nonce, char key[DIGEST_MAX_HEX_CHARS + 1]);

/* The nc the next answer to this nonce carries. False when the nonce has been
 * answered 0xFFFFFFFF times, the most eight hex digits can count. */
bool nonce_counter_next(const nonce_counter *counter, const char *key, uint32_t *next);

/* Records that count was sent for the nonce. */
void nonce_counter_commit(nonce_counter *counter, const char *key, uint32_t count);

#endif /* CORDON_AUTH_DIGEST_NONCE_COUNTER_H */
