/*
 * decrypt (smime_calls.h): an outer body a peer sent, through the checks
 * that decide what it may be (its Content-Type, one DER CMS structure,
 * AuthEnvelopedData, a recipient that is this identity), then OpenSSL's
 * decryption, whose plaintext is read strictly and given out only when the
 * tag checked.
 */
#include <string.h>

#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include "encryption-smime/body_output.h"
#include "encryption-smime/cms_shape.h"
#include "encryption-smime/mime_entity.h"
#include "encryption-smime/smime_calls.h"

static bool outer_is_valid(const cordon_body_entity *outer)
{
    return outer != NULL && outer->content_type != NULL && outer->content_type_length > 0 &&
           outer->content_type_length <= CORDON_BODY_CONTENT_TYPE_BYTES && outer->body != NULL &&
           outer->body_length > 0 && outer->body_length <= CORDON_BODY_MAX_ENVELOPE_BYTES;
}

/* Whether one of the envelope's recipients names this certificate (by
 * issuer and serial or subject key identifier). */
static bool names_recipient(CMS_ContentInfo *cms, X509 *certificate)
{
    STACK_OF(CMS_RecipientInfo) *infos = CMS_get0_RecipientInfos(cms);
    for (int i = 0; i < sk_CMS_RecipientInfo_num(infos); ++i) {
        CMS_RecipientInfo *info = sk_CMS_RecipientInfo_value(infos, i);
        const int type = CMS_RecipientInfo_type(info);
        if (type == CMS_RECIPINFO_TRANS && CMS_RecipientInfo_ktri_cert_cmp(info, certificate) == 0)
            return true;
        if (type != CMS_RECIPINFO_AGREE)
            continue;
        STACK_OF(CMS_RecipientEncryptedKey) *keys = CMS_RecipientInfo_kari_get0_reks(info);
        for (int k = 0; k < sk_CMS_RecipientEncryptedKey_num(keys); ++k) {
            if (CMS_RecipientEncryptedKey_cert_cmp(sk_CMS_RecipientEncryptedKey_value(keys, k), certificate) == 0)
                return true;
        }
    }
    return false;
}

/* Which status a failed CMS_decrypt is. Everything but "no recipient" and
 * memory is the key or tag not checking out: reported alike, so that the
 * peer learns no more than "it did not decrypt". */
static cordon_body_status decrypt_failure(void)
{
    const unsigned long error = ERR_peek_error();
    if (ERR_GET_LIB(error) == ERR_LIB_CMS && ERR_GET_REASON(error) == CMS_R_NO_MATCHING_RECIPIENT)
        return CORDON_BODY_STATUS_NOT_FOR_THIS_RECIPIENT;
    if (ERR_GET_REASON(error) == ERR_R_MALLOC_FAILURE)
        return CORDON_BODY_STATUS_OUT_OF_MEMORY;
    return CORDON_BODY_STATUS_AUTHENTICATION_FAILED;
}

/* The inner entity of plaintext[0..length) into out. */
static cordon_body_status give_out(const uint8_t *plaintext, size_t length, cordon_body_output *out)
{
    mime_inner inner;
    char why[CORDON_BODY_TEXT_BYTES];
    if (!mime_read_inner(plaintext, length, &inner, why, sizeof why))
        return body_fail(out, CORDON_BODY_STATUS_MALFORMED_INPUT, "%s", why);
    return body_write(out, inner.content_type, inner.content_type_length, inner.body, inner.body_length);
}

/* Parses, checks and opens the envelope of a checked outer entity. */
static cordon_body_status open_envelope(const cordon_body_identity *identity, const cordon_body_entity *outer,
                                        cordon_body_output *out)
{
    cordon_body_status status = CORDON_BODY_STATUS_OUT_OF_MEMORY;
    BIO *in = BIO_new_mem_buf(outer->body, (int)outer->body_length);
    BIO *plain = BIO_new(BIO_s_mem());
    CMS_ContentInfo *cms = NULL;
    char *plaintext = NULL;
    long plaintext_length = 0;
    char why[CORDON_BODY_TEXT_BYTES];
    if (in == NULL || plain == NULL) {
        status = body_fail(out, CORDON_BODY_STATUS_OUT_OF_MEMORY, "out of memory");
        goto done;
    }
    cms = d2i_CMS_bio(in, NULL);
    if (cms == NULL) {
        status = body_fail_openssl(out, CORDON_BODY_STATUS_MALFORMED_INPUT, "the body is not a DER CMS structure");
        goto done;
    }
    const int type = OBJ_obj2nid(CMS_get0_type(cms));
    if (type == NID_pkcs7_enveloped) {
        status = body_fail(out, CORDON_BODY_STATUS_UNSUPPORTED,
                           "EnvelopedData is refused: it is not integrity protected (only AuthEnvelopedData is taken)");
        goto done;
    }
    if (type != NID_id_smime_ct_authEnvelopedData) {
        status = body_fail(out, CORDON_BODY_STATUS_UNSUPPORTED, "the CMS content is not AuthEnvelopedData");
        goto done;
    }
    status = smime_check_der_shape(outer->body, outer->body_length, why, sizeof why);
    if (status == CORDON_BODY_STATUS_OK)
        status = smime_check_algorithms(cms, why, sizeof why);
    if (status != CORDON_BODY_STATUS_OK) {
        status = body_fail(out, status, "%s", why);
        goto done;
    }
    if (!names_recipient(cms, identity->certificate)) {
        ERR_clear_error();
        status = body_fail(out, CORDON_BODY_STATUS_NOT_FOR_THIS_RECIPIENT,
                           "no recipient of the envelope is this identity's certificate");
        goto done;
    }
    if (CMS_decrypt(cms, identity->key, identity->certificate, NULL, plain, CMS_BINARY) != 1) {
        status = body_fail_openssl(out, decrypt_failure(), "the envelope did not decrypt");
        goto done;
    }
    plaintext_length = BIO_get_mem_data(plain, &plaintext);
    if (plaintext_length <= 0 || plaintext == NULL) {
        status = body_fail(out, CORDON_BODY_STATUS_MALFORMED_INPUT, "the envelope holds no entity");
        goto done;
    }
    status = give_out((const uint8_t *)plaintext, (size_t)plaintext_length, out);
    OPENSSL_cleanse(plaintext, (size_t)plaintext_length);
done:
    CMS_ContentInfo_free(cms);
    BIO_free(plain);
    BIO_free(in);
    ERR_clear_error();
    return status;
}

cordon_body_status smime_decrypt(const cordon_body_identity *identity, const cordon_body_entity *outer,
                                 cordon_body_output *out)
{
    if (!body_output_is_valid(out))
        return CORDON_BODY_STATUS_INVALID_ARGUMENT;
    if (identity == NULL || !outer_is_valid(outer))
        return body_fail(out, CORDON_BODY_STATUS_INVALID_ARGUMENT,
                         "an identity, a content type of 1..%u bytes and a body of 1..%u bytes are needed",
                         CORDON_BODY_CONTENT_TYPE_BYTES, CORDON_BODY_MAX_ENVELOPE_BYTES);
    char why[CORDON_BODY_TEXT_BYTES];
    const cordon_body_status type =
        mime_check_outer_type(outer->content_type, outer->content_type_length, why, sizeof why);
    if (type != CORDON_BODY_STATUS_OK)
        return body_fail(out, type, "%s", why);
    return open_envelope(identity, outer, out);
}
