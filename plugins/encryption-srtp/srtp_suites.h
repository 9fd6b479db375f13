/*
 * The SRTP crypto suites this plugin negotiates, in the order it offers them,
 * with their SDES names (RFC 4568, RFC 7714), key sizes and what protect adds
 * to a packet under each.
 */
#ifndef CORDON_ENCRYPTION_SRTP_SUITES_H
#define CORDON_ENCRYPTION_SRTP_SUITES_H

#include <stddef.h>
#include <stdint.h>

#include <srtp2/srtp.h>

/* Master key plus master salt of the longest suite (AES-CM: 16 + 14). */
#define SRTP_SUITE_MAX_KEY_SALT_BYTES 30u
/* Bytes protect_rtcp adds besides the tag: the E flag and SRTCP index. */
#define SRTCP_TRAILER_BYTES 4u

typedef struct srtp_suite {
    const char *sdes_name;
    size_t key_bytes;
    size_t salt_bytes;
    uint32_t tag_bytes;
    /* Sets the same policy for RTP and RTCP, as SDES keys both. */
    void (*set_policy)(srtp_crypto_policy_t *policy);
} srtp_suite;

/* Offered in this order: AES_CM_128_HMAC_SHA1_80 first, which every SDES
 * peer implements; AEAD_AES_128_GCM second. */
enum { SRTP_SUITE_COUNT = 2 };
extern const srtp_suite srtp_suites[SRTP_SUITE_COUNT];

/* The index of the suite named name[0..length) exactly, or -1. */
int srtp_suite_find(const char *name, size_t length);

size_t srtp_suite_key_salt_bytes(const srtp_suite *suite);

/* The most bytes protect_rtp or protect_rtcp adds under suite. */
uint32_t srtp_suite_overhead(const srtp_suite *suite);

#endif /* CORDON_ENCRYPTION_SRTP_SUITES_H */
