/*
 * The functions of "cordon.body-encryption/1" this plugin serves
 * (plugin-api/include/cordon/body_encryption.h says what each must do),
 * and the identity they share.
 */
#ifndef CORDON_ENCRYPTION_SMIME_SMIME_CALLS_H
#define CORDON_ENCRYPTION_SMIME_SMIME_CALLS_H

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cordon/body_encryption.h"

/* Read-only once made: decrypt calls on one identity may run at once. */
struct cordon_body_identity {
    X509 *certificate;
    EVP_PKEY *key;
};

cordon_body_status smime_identity_create(const uint8_t *certificate_pem, size_t certificate_length,
                                         const uint8_t *key_pem, size_t key_length, cordon_body_identity **out,
                                         char *refusal, size_t refusal_capacity);
void smime_identity_destroy(cordon_body_identity *identity);

cordon_body_status smime_encrypt(const cordon_body_entity *inner, const uint8_t *recipient_pem, size_t recipient_length,
                                 cordon_body_output *out);

cordon_body_status smime_decrypt(const cordon_body_identity *identity, const cordon_body_entity *outer,
                                 cordon_body_output *out);

#endif /* CORDON_ENCRYPTION_SMIME_SMIME_CALLS_H */
