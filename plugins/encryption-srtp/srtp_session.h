/*
 * One call's SDES negotiation and SRTP contexts behind
 * "cordon.media-encryption/1" (the rules are in cordon/media_encryption.h;
 * README.md says why they are what they are).
 */
#ifndef CORDON_ENCRYPTION_SRTP_SESSION_H
#define CORDON_ENCRYPTION_SRTP_SESSION_H

#include <stdbool.h>

#include "cordon/media_encryption.h"
#include "encryption-srtp/srtp_suites.h"

struct cordon_media_session {
    bool signalling_secure;
    /* This side's master key and salt per suite: drawn once, on the first
     * offer or answer, and the same for every later one (re-INVITEs). */
    bool own_keys_drawn;
    uint8_t own_keys[SRTP_SUITE_COUNT][SRTP_SUITE_MAX_KEY_SALT_BYTES];
    /* Sending contexts under the own keys, one per suite once used, kept for
     * the session's life so no packet index repeats under a key. */
    srtp_t send[SRTP_SUITE_COUNT];
    int send_suite; /* the one protecting now; -1 before any exchange */
    /* The receiving context under the peer's key, and what it was made of. */
    srtp_t receive;
    int receive_suite;
    uint8_t receive_key[SRTP_SUITE_MAX_KEY_SALT_BYTES];
    bool offer_outstanding;
};

cordon_media_status srtp_session_create(const cordon_media_session_config *config, cordon_media_session **out,
                                        char *error, size_t error_capacity);
void srtp_session_destroy(cordon_media_session *session);

cordon_media_status srtp_session_offer(cordon_media_session *session, cordon_media_negotiation *out);
cordon_media_status srtp_session_answer(cordon_media_session *session, const cordon_media_attribute *offered,
                                        uint32_t count, cordon_media_negotiation *out);
cordon_media_status srtp_session_accept_answer(cordon_media_session *session, const cordon_media_attribute *answered,
                                               uint32_t count, cordon_media_negotiation *out);

/* The packet calls (srtp_packets.c). */
cordon_media_status srtp_session_protect_rtp(cordon_media_session *session, uint8_t *packet, size_t length,
                                             size_t capacity, size_t *out_length);
cordon_media_status srtp_session_unprotect_rtp(cordon_media_session *session, uint8_t *packet, size_t length,
                                               size_t capacity, size_t *out_length);
cordon_media_status srtp_session_protect_rtcp(cordon_media_session *session, uint8_t *packet, size_t length,
                                              size_t capacity, size_t *out_length);
cordon_media_status srtp_session_unprotect_rtcp(cordon_media_session *session, uint8_t *packet, size_t length,
                                                size_t capacity, size_t *out_length);

#endif /* CORDON_ENCRYPTION_SRTP_SESSION_H */
