/*
 * The MIME entities of S/MIME in SIP (RFC 3261 section 23.4): the inner
 * entity written before encryption and read strictly after decryption, and
 * the outer Content-Type value checked before any CMS parsing.
 */
#ifndef CORDON_ENCRYPTION_SMIME_MIME_ENTITY_H
#define CORDON_ENCRYPTION_SMIME_MIME_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cordon/body_encryption.h"

/* The outer Content-Type value encrypt writes (RFC 8551 section 3.2.2's
 * smime-type for AuthEnvelopedData; the name is what RFC 8551 suggests). */
#define SMIME_OUTER_CONTENT_TYPE "application/pkcs7-mime;smime-type=authEnveloped-data;name=smime.p7m"

/* Whether text[0..length) is a content type value the plugin writes or
 * gives out: 1..CORDON_BODY_CONTENT_TYPE_BYTES printable ASCII characters
 * starting with "type/subtype" (two RFC 2045 tokens). */
bool mime_content_type_is_valid(const char *text, size_t length);

/* The inner entity "Content-Type: <type>\r\n\r\n<body>" in a buffer the
 * caller frees (after erasing it: it is plaintext), or NULL when out of
 * memory. */
uint8_t *mime_write_inner(const cordon_body_entity *inner, size_t *out_length);

/* An inner entity read from decrypted bytes: pointers into them. */
typedef struct mime_inner {
    const char *content_type;
    size_t content_type_length;
    const uint8_t *body;
    size_t body_length;
} mime_inner;

/* Reads data[0..length) strictly: header lines ended by CRLF (no folding,
 * no control characters, no byte above 0x7E), exactly one Content-Type, at
 * most one each of Content-Transfer-Encoding (7bit, 8bit or binary: no
 * decoding), Content-Length (equal to the body's length), Content-ID and
 * Content-Disposition; no other header; an empty line; a body of at most
 * CORDON_BODY_MAX_BYTES. false with the reason in why otherwise. */
bool mime_read_inner(const uint8_t *data, size_t length, mime_inner *inner, char *why, size_t why_capacity);

/* Checks the outer Content-Type value a peer sent: application/pkcs7-mime
 * (any case) with smime-type authEnveloped-data (UNSUPPORTED for
 * enveloped-data, which is not integrity protected, or any other), other
 * parameters token=token or token="quoted". OK, or UNSUPPORTED or
 * MALFORMED_INPUT with the reason in why. */
cordon_body_status mime_check_outer_type(const char *text, size_t length, char *why, size_t why_capacity);

#endif /* CORDON_ENCRYPTION_SMIME_MIME_ENTITY_H */
