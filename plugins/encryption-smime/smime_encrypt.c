/*
 * encrypt (smime_calls.h): the inner entity into CMS AuthEnvelopedData under
 * AES-128-GCM for one recipient, as binary DER.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include "encryption-smime/body_output.h"
#include "encryption-smime/mime_entity.h"
#include "encryption-smime/smime_calls.h"
#include "encryption-smime/smime_certificates.h"

/* AES-128-GCM: the content encryption every RFC 8551 receiver must take
 * (section 2.7), and authenticated, unlike the CBC of EnvelopedData. */
static const EVP_CIPHER *content_cipher(void) { return EVP_aes_128_gcm(); }

static bool inner_is_valid(const cordon_body_entity *inner)
{
    return inner->content_type != NULL && mime_content_type_is_valid(inner->content_type, inner->content_type_length) &&
           (inner->body != NULL || inner->body_length == 0) && inner->body_length <= CORDON_BODY_MAX_BYTES;
}

/* The envelope of entity[0..length) for certificate, as DER into out. */
static cordon_body_status seal(X509 *certificate, const uint8_t *entity, size_t length, cordon_body_output *out)
{
    cordon_body_status status = CORDON_BODY_STATUS_OUT_OF_MEMORY;
    STACK_OF(X509) *recipients = sk_X509_new_null();
    BIO *plain = BIO_new_mem_buf(entity, (int)length);
    BIO *der = BIO_new(BIO_s_mem());
    CMS_ContentInfo *cms = NULL;
    char *bytes = NULL;
    long written = 0;
    if (recipients == NULL || plain == NULL || der == NULL || sk_X509_push(recipients, certificate) <= 0) {
        status = body_fail(out, CORDON_BODY_STATUS_OUT_OF_MEMORY, "out of memory");
        goto done;
    }
    /* CMS_BINARY: the entity's CRLFs are already canonical, nothing is
     * translated. */
    cms = CMS_encrypt(recipients, plain, content_cipher(), CMS_BINARY);
    if (cms == NULL) {
        status = body_fail_openssl(out, CORDON_BODY_STATUS_INTERNAL_ERROR, "CMS encryption failed");
        goto done;
    }
    if (i2d_CMS_bio(der, cms) != 1) {
        status = body_fail_openssl(out, CORDON_BODY_STATUS_INTERNAL_ERROR, "writing the CMS structure failed");
        goto done;
    }
    written = BIO_get_mem_data(der, &bytes);
    if (written <= 0 || (unsigned long)written > CORDON_BODY_MAX_ENVELOPE_BYTES) {
        status =
            body_fail(out, CORDON_BODY_STATUS_INVALID_ARGUMENT, "the envelope would be %ld bytes; at most %u are sent",
                      written, CORDON_BODY_MAX_ENVELOPE_BYTES);
        goto done;
    }
    status = body_write(out, SMIME_OUTER_CONTENT_TYPE, strlen(SMIME_OUTER_CONTENT_TYPE), (const uint8_t *)bytes,
                        (size_t)written);
done:
    CMS_ContentInfo_free(cms);
    BIO_free(der);
    BIO_free(plain);
    sk_X509_free(recipients); /* the certificate is the caller's */
    ERR_clear_error();
    return status;
}

cordon_body_status smime_encrypt(const cordon_body_entity *inner, const uint8_t *recipient_pem, size_t recipient_length,
                                 cordon_body_output *out)
{
    if (!body_output_is_valid(out))
        return CORDON_BODY_STATUS_INVALID_ARGUMENT;
    if (inner == NULL || !inner_is_valid(inner)) {
        return body_fail(out, CORDON_BODY_STATUS_INVALID_ARGUMENT,
                         "the inner entity needs a type/subtype content type of at most %u printable characters and "
                         "a body of at most %u bytes",
                         CORDON_BODY_CONTENT_TYPE_BYTES, CORDON_BODY_MAX_BYTES);
    }
    if (recipient_pem == NULL || recipient_length == 0 || recipient_length > CORDON_BODY_MAX_CERTIFICATE_BYTES)
        return body_fail(out, CORDON_BODY_STATUS_INVALID_ARGUMENT, "a recipient certificate of 1..%u bytes is needed",
                         CORDON_BODY_MAX_CERTIFICATE_BYTES);
    char why[CORDON_BODY_TEXT_BYTES];
    X509 *certificate = smime_read_certificate(recipient_pem, recipient_length, why, sizeof why);
    if (certificate == NULL)
        return body_fail(out, CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE, "recipient: %s", why);
    cordon_body_status status = smime_check_recipient(certificate, why, sizeof why);
    if (status != CORDON_BODY_STATUS_OK) {
        X509_free(certificate);
        return body_fail(out, status, "recipient: %s", why);
    }
    size_t length = 0;
    uint8_t *entity = mime_write_inner(inner, &length);
    if (entity == NULL) {
        X509_free(certificate);
        return body_fail(out, CORDON_BODY_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    status = seal(certificate, entity, length, out);
    OPENSSL_cleanse(entity, length); /* plaintext */
    free(entity);
    X509_free(certificate);
    return status;
}
