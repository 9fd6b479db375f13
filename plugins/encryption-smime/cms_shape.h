/*
 * What OpenSSL's CMS decryption does not check and an AuthEnvelopedData
 * must hold all the same. RFC 5083's tag covers the content (and
 * authenticated attributes) only: the version numbers, algorithm
 * identifiers and the tag's own length travel outside it. OpenSSL takes
 * the tag at whatever length the envelope gives (GCM allows 1..16 bytes),
 * so a proxy that cut the tag to one byte could forge an altered body once
 * in 256 tries; it ignores a changed content type or key transport
 * algorithm. These checks close that.
 */
#ifndef CORDON_ENCRYPTION_SMIME_CMS_SHAPE_H
#define CORDON_ENCRYPTION_SMIME_CMS_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/cms.h>

#include "cordon/body_encryption.h"

/* The GCM tag length taken: the full 16 bytes RFC 5084 defaults to and
 * encrypt writes. */
#define SMIME_TAG_BYTES 16u

/* Walks der[0..length) (definite lengths only, nothing after the end):
 * ContentInfo, then AuthEnvelopedData of version 0 whose recipients have
 * the versions RFC 5652 gives their kind (key transport 0 or 2, key
 * agreement 3), whose content is under AES-GCM (OpenSSL checks no mac for
 * a cipher that is not AEAD) with GCM parameters stating an ICV length of
 * SMIME_TAG_BYTES, and whose last field, the mac, is that long.
 * OK, or MALFORMED_INPUT with the reason in why. */
cordon_body_status smime_check_der_shape(const uint8_t *der, size_t length, char *why, size_t why_capacity);

/* The parsed envelope's content type is id-data, every key transport
 * recipient uses RSA (PKCS #1 v1.5 with NULL or no parameters, or OAEP)
 * and every key agreement recipient wraps the key with RFC 3394 AES key
 * wrap (OpenSSL 3.0 writes past a heap block when a padded one fails).
 * OK, or MALFORMED_INPUT with the reason in why. */
cordon_body_status smime_check_algorithms(CMS_ContentInfo *cms, char *why, size_t why_capacity);

#endif /* CORDON_ENCRYPTION_SMIME_CMS_SHAPE_H */
