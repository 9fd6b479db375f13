/*
 * Certificates and keys from PEM, and the checks that say whether a
 * certificate can be encrypted to.
 */
#ifndef CORDON_ENCRYPTION_SMIME_SMIME_CERTIFICATES_H
#define CORDON_ENCRYPTION_SMIME_SMIME_CERTIFICATES_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cordon/body_encryption.h"

/* The smallest RSA modulus encrypted to (RFC 8551 section 2.3: 2048 and up). */
#define SMIME_MIN_RSA_BITS 2048

/* The first certificate of pem[0..length), or NULL with the reason in why. */
X509 *smime_read_certificate(const uint8_t *pem, size_t length, char *why, size_t why_capacity);

/* The unencrypted private key of pem[0..length) (an encrypted one is
 * refused, never prompted for), or NULL with the reason in why. */
EVP_PKEY *smime_read_private_key(const uint8_t *pem, size_t length, char *why, size_t why_capacity);

/* Whether the certificate's key can take part in the envelope: RSA of at
 * least SMIME_MIN_RSA_BITS (key transport) or EC (key agreement), and, when
 * the certificate has a keyUsage, the bit that use needs.
 * CERTIFICATE_UNUSABLE with the reason in why otherwise. */
cordon_body_status smime_check_key(X509 *certificate, char *why, size_t why_capacity);

/* smime_check_key, and now within the certificate's validity dates. */
cordon_body_status smime_check_recipient(X509 *certificate, char *why, size_t why_capacity);

#endif /* CORDON_ENCRYPTION_SMIME_SMIME_CERTIFICATES_H */
