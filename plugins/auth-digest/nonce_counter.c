/*
 * Nonce counts per nonce (see nonce_counter.h).
 */
#include "auth-digest/nonce_counter.h"

#include <string.h>

bool nonce_counter_key(auth_text nonce, char key[DIGEST_MAX_HEX_CHARS + 1])
{
    return digest_hash_hex(DIGEST_HASH_SHA256, &nonce, 1, key);
}

static const nonce_counter_slot *find(const nonce_counter *counter, const char *key)
{
    for (uint32_t i = 0; i < NONCE_COUNTER_SLOTS; ++i) {
        if (counter->slots[i].key[0] != '\0' && strcmp(counter->slots[i].key, key) == 0)
            return &counter->slots[i];
    }
    return NULL;
}

bool nonce_counter_next(const nonce_counter *counter, const char *key, uint32_t *next)
{
    const nonce_counter_slot *slot = find(counter, key);
    if (slot == NULL) {
        *next = 1;
        return true;
    }
    if (slot->count == UINT32_MAX)
        return false;
    *next = slot->count + 1u;
    return true;
}

void nonce_counter_commit(nonce_counter *counter, const char *key, uint32_t count)
{
    nonce_counter_slot *slot = (nonce_counter_slot *)find(counter, key);
    if (slot == NULL) {
        slot = &counter->slots[0];
        for (uint32_t i = 1; i < NONCE_COUNTER_SLOTS; ++i) {
            if (counter->slots[i].last_used < slot->last_used)
                slot = &counter->slots[i];
        }
        memcpy(slot->key, key, sizeof slot->key);
    }
    slot->count = count;
    slot->last_used = ++counter->clock;
}
