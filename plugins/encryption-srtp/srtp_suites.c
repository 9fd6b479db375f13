#include "encryption-srtp/srtp_suites.h"

#include <string.h>

/* RFC 3711 default (libsrtp2's rtp_default): 128-bit AES counter mode,
 * 80-bit HMAC-SHA1 tag. */
#define AES_CM_KEY_BYTES 16u
#define AES_CM_SALT_BYTES 14u
#define HMAC_SHA1_80_TAG_BYTES 10u
/* RFC 7714: 128-bit AES-GCM, 96-bit salt, 128-bit tag. */
#define AES_GCM_KEY_BYTES 16u
#define AES_GCM_SALT_BYTES 12u
#define AES_GCM_TAG_BYTES 16u

const srtp_suite srtp_suites[SRTP_SUITE_COUNT] = {
    {"AES_CM_128_HMAC_SHA1_80", AES_CM_KEY_BYTES, AES_CM_SALT_BYTES, HMAC_SHA1_80_TAG_BYTES,
     srtp_crypto_policy_set_rtp_default},
    {"AEAD_AES_128_GCM", AES_GCM_KEY_BYTES, AES_GCM_SALT_BYTES, AES_GCM_TAG_BYTES,
     srtp_crypto_policy_set_aes_gcm_128_16_auth},
};

int srtp_suite_find(const char *name, size_t length)
{
    for (int i = 0; i < SRTP_SUITE_COUNT; ++i) {
        const char *known = srtp_suites[i].sdes_name;
        if (strlen(known) == length && memcmp(known, name, length) == 0)
            return i;
    }
    return -1;
}

size_t srtp_suite_key_salt_bytes(const srtp_suite *suite) { return suite->key_bytes + suite->salt_bytes; }

uint32_t srtp_suite_overhead(const srtp_suite *suite) { return suite->tag_bytes + SRTCP_TRAILER_BYTES; }
