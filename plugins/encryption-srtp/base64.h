/*
 * Base64 (RFC 4648 section 4, the standard alphabet, with padding) as SDES
 * inline keys use it. Decoding is strict: whitespace, a missing or extra '=',
 * a character outside the alphabet or non-zero bits left over in the last
 * character are refused, so one key has exactly one spelling.
 */
#ifndef CORDON_ENCRYPTION_SRTP_BASE64_H
#define CORDON_ENCRYPTION_SRTP_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Characters base64_encode writes for length bytes, without a NUL. */
size_t base64_encoded_length(size_t length);

/* Writes base64 of data[0..length) and a NUL into out; false (out untouched
 * beyond out_capacity) when it does not fit. */
bool base64_encode(const uint8_t *data, size_t length, char *out, size_t out_capacity);

/* Decodes text[0..length) into out; false when malformed or when the result
 * would not fit out_capacity. *out_length is the decoded size. */
bool base64_decode(const char *text, size_t length, uint8_t *out, size_t out_capacity, size_t *out_length);

#endif /* CORDON_ENCRYPTION_SRTP_BASE64_H */
