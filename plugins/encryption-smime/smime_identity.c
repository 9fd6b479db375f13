/*
 * The host's own certificate and key, parsed once (smime_calls.h).
 */
#include <stdlib.h>

#include <openssl/err.h>

#include "encryption-smime/body_output.h"
#include "encryption-smime/smime_calls.h"
#include "encryption-smime/smime_certificates.h"

cordon_body_status smime_identity_create(const uint8_t *certificate_pem, size_t certificate_length,
                                         const uint8_t *key_pem, size_t key_length, cordon_body_identity **out,
                                         char *refusal, size_t refusal_capacity)
{
    if (out == NULL)
        return CORDON_BODY_STATUS_INVALID_ARGUMENT;
    *out = NULL;
    if (certificate_pem == NULL || key_pem == NULL || certificate_length == 0 ||
        certificate_length > CORDON_BODY_MAX_CERTIFICATE_BYTES || key_length == 0 ||
        key_length > CORDON_BODY_MAX_KEY_BYTES) {
        body_format_text(refusal, refusal_capacity, "a certificate of 1..%u bytes and a key of 1..%u bytes are needed",
                         CORDON_BODY_MAX_CERTIFICATE_BYTES, CORDON_BODY_MAX_KEY_BYTES);
        return CORDON_BODY_STATUS_INVALID_ARGUMENT;
    }
    X509 *certificate = smime_read_certificate(certificate_pem, certificate_length, refusal, refusal_capacity);
    if (certificate == NULL)
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    cordon_body_status status = smime_check_key(certificate, refusal, refusal_capacity);
    if (status != CORDON_BODY_STATUS_OK) {
        X509_free(certificate);
        return status;
    }
    EVP_PKEY *key = smime_read_private_key(key_pem, key_length, refusal, refusal_capacity);
    if (key == NULL) {
        X509_free(certificate);
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    if (X509_check_private_key(certificate, key) != 1) {
        ERR_clear_error();
        body_format_text(refusal, refusal_capacity, "the private key does not belong to the certificate");
        EVP_PKEY_free(key);
        X509_free(certificate);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    cordon_body_identity *identity = calloc(1, sizeof *identity);
    if (identity == NULL) {
        EVP_PKEY_free(key);
        X509_free(certificate);
        return CORDON_BODY_STATUS_OUT_OF_MEMORY;
    }
    identity->certificate = certificate;
    identity->key = key;
    *out = identity;
    return CORDON_BODY_STATUS_OK;
}

void smime_identity_destroy(cordon_body_identity *identity)
{
    if (identity == NULL)
        return;
    /* EVP_PKEY_free clears the key's numbers as it frees them. */
    EVP_PKEY_free(identity->key);
    X509_free(identity->certificate);
    free(identity);
}
