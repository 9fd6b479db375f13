/*
 * One SDES crypto attribute value (RFC 4568 section 9), read strictly and
 * written canonically:
 *
 *   <tag> <suite> inline:<base64 key||salt>[|<lifetime>][|<MKI>:<length>] [<session param>...]
 *
 * What this plugin decides where the RFC leaves room (README.md repeats it):
 * - tag: 1..999999999 in decimal without leading zeros;
 * - one key only: several keys (";") need MKIs, and MKIs are refused;
 * - the key: padded base64 of exactly the suite's key and salt;
 * - lifetime: "2^N" with N in 1..48 or a decimal from 1 to 2^48, checked
 *   and then not enforced (libsrtp2 enforces its own 2^48 packet limit);
 * - session parameters: one with a leading '-' may be ignored (RFC 4568
 *   section 6.3.7) and is; any other (UNENCRYPTED_SRTP, KDR, WSH...) makes
 *   the attribute unacceptable, since none of them may weaken a call here.
 */
#ifndef CORDON_ENCRYPTION_SRTP_SDES_ATTRIBUTE_H
#define CORDON_ENCRYPTION_SRTP_SDES_ATTRIBUTE_H

#include <stddef.h>
#include <stdint.h>

#include "encryption-srtp/srtp_suites.h"

/* Longest attribute value read, without a NUL (the ABI's limit less one). */
#define SDES_MAX_VALUE_BYTES 255u
/* Most session parameters after the key. */
#define SDES_MAX_SESSION_PARAMS 8u

typedef enum sdes_verdict {
    SDES_ACCEPTABLE,   /* well-formed, and this plugin can use it */
    SDES_UNACCEPTABLE, /* well-formed, but an unknown suite or a refused option */
    SDES_MALFORMED     /* breaks the grammar or the suite's key size */
} sdes_verdict;

typedef struct sdes_crypto {
    uint32_t tag;
    int suite; /* index into srtp_suites; -1 when unknown */
    uint8_t key_salt[SRTP_SUITE_MAX_KEY_SALT_BYTES];
    size_t key_salt_length;
} sdes_crypto;

/* Reads value[0..length). The verdict; for anything but SDES_ACCEPTABLE a
 * NUL-terminated reason in why (printable ASCII, never key material). */
sdes_verdict sdes_read(const char *value, size_t length, sdes_crypto *out, char *why, size_t why_capacity);

/* Writes "<tag> <suite> inline:<base64>" and a NUL into out; 0 when it does
 * not fit, else the length without the NUL. */
size_t sdes_write(uint32_t tag, const srtp_suite *suite, const uint8_t *key_salt, char *out, size_t capacity);

#endif /* CORDON_ENCRYPTION_SRTP_SDES_ATTRIBUTE_H */
