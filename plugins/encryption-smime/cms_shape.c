/*
 * The checks of cms_shape.h: a bounded walk over the DER (no recursion, one
 * pass, every length checked against what contains it) and a look at the
 * algorithms OpenSSL parsed.
 */
#include "encryption-smime/cms_shape.h"

#include <string.h>

#include <openssl/x509.h>

#include "encryption-smime/body_output.h"

#define TAG_INTEGER 0x02u
#define TAG_OCTET_STRING 0x04u
#define TAG_OID 0x06u
#define TAG_SEQUENCE 0x30u
#define TAG_SET 0x31u
#define TAG_CONTEXT_0 0xA0u     /* ContentInfo's [0] EXPLICIT content */
#define TAG_KEY_AGREEMENT 0xA1u /* RecipientInfo kari [1] */
/* Length octets after 0x80|n: n of them at most (4 GiB is far past any
 * body this plugin takes). */
#define MAX_LENGTH_OCTETS 4u

/* One DER element: its tag and content. */
typedef struct der_element {
    unsigned tag;
    const uint8_t *content;
    size_t length;
} der_element;

/* Reads the element at *at (before end) and moves *at past it. false when
 * the header is cut short, uses the indefinite or a non-minimal length, or
 * the content runs past end. */
static bool read_element(const uint8_t **at, const uint8_t *end, der_element *element)
{
    const uint8_t *p = *at;
    if (end - p < 2)
        return false;
    element->tag = *p++;
    size_t length = *p++;
    if (length & 0x80u) {
        const size_t octets = length & 0x7Fu;
        if (octets == 0 || octets > MAX_LENGTH_OCTETS || (size_t)(end - p) < octets || *p == 0)
            return false;
        length = 0;
        for (size_t i = 0; i < octets; ++i)
            length = (length << 8) | *p++;
        if (length < 0x80u)
            return false;
    }
    if ((size_t)(end - p) < length)
        return false;
    element->content = p;
    element->length = length;
    *at = p + length;
    return true;
}

/* Reads the one element that fills content[0..length) exactly, with tag. */
static bool read_only(const uint8_t *content, size_t length, unsigned tag, der_element *element)
{
    const uint8_t *at = content;
    return read_element(&at, content + length, element) && element->tag == tag && at == content + length;
}

/* The first element inside constructed is a one-byte INTEGER; its value. */
static int small_version(const der_element *constructed)
{
    const uint8_t *at = constructed->content;
    der_element version;
    if (!read_element(&at, constructed->content + constructed->length, &version) || version.tag != TAG_INTEGER ||
        version.length != 1)
        return -1;
    return version.content[0];
}

static bool recipients_have_their_versions(const der_element *recipients)
{
    const uint8_t *at = recipients->content;
    const uint8_t *end = recipients->content + recipients->length;
    while (at < end) {
        der_element recipient;
        if (!read_element(&at, end, &recipient))
            return false;
        const int version = small_version(&recipient);
        if (recipient.tag == TAG_SEQUENCE && version != 0 && version != 2)
            return false;
        if (recipient.tag == TAG_KEY_AGREEMENT && version != 3)
            return false;
    }
    return true;
}

/* Reads the encryptedContentInfo's contentEncryptionAlgorithm: its OID
 * and parameters (a SEQUENCE, as GCM's are). */
static bool read_content_algorithm(const der_element *content_info, der_element *name, der_element *parameters)
{
    const uint8_t *at = content_info->content;
    const uint8_t *end = content_info->content + content_info->length;
    der_element type, algorithm;
    if (!read_element(&at, end, &type) || type.tag != TAG_OID || !read_element(&at, end, &algorithm) ||
        algorithm.tag != TAG_SEQUENCE)
        return false;
    at = algorithm.content;
    end = algorithm.content + algorithm.length;
    return read_element(&at, end, name) && name->tag == TAG_OID && read_element(&at, end, parameters) &&
           parameters->tag == TAG_SEQUENCE && at == end;
}

/* Whether name is id-aes128-GCM, id-aes192-GCM or id-aes256-GCM (RFC 5084:
 * 2.16.840.1.101.3.4.1.6, .26 and .46). OpenSSL decrypts AuthEnvelopedData
 * with whatever cipher it names and checks the tag only for an AEAD one:
 * under AES key wrap, whose parameters it never reads, a body with any mac
 * at all was delivered. */
static bool is_aes_gcm(const der_element *name)
{
    static const uint8_t aes_arc[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01};
    if (name->length != sizeof aes_arc + 1 || memcmp(name->content, aes_arc, sizeof aes_arc) != 0)
        return false;
    const uint8_t mode = name->content[sizeof aes_arc];
    return mode == 6 || mode == 26 || mode == 46;
}

/* Whether GCMParameters (RFC 5084) state an ICV length of SMIME_TAG_BYTES:
 * OpenSSL ignores the field and uses the mac's length, so a field saying
 * otherwise is a sign of tampering. */
static bool gcm_states_full_tag(const der_element *parameters)
{
    const uint8_t *at = parameters->content;
    const uint8_t *end = parameters->content + parameters->length;
    der_element nonce, icv_length;
    return read_element(&at, end, &nonce) && nonce.tag == TAG_OCTET_STRING && read_element(&at, end, &icv_length) &&
           at == end && icv_length.tag == TAG_INTEGER && icv_length.length == 1 &&
           icv_length.content[0] == SMIME_TAG_BYTES;
}

cordon_body_status smime_check_der_shape(const uint8_t *der, size_t length, char *why, size_t why_capacity)
{
    der_element info, content, envelope;
    if (!read_only(der, length, TAG_SEQUENCE, &info)) {
        body_format_text(why, why_capacity, "the body is not one DER structure (or bytes follow it)");
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    const uint8_t *at = info.content;
    const uint8_t *end = info.content + info.length;
    der_element type;
    if (!read_element(&at, end, &type) || type.tag != TAG_OID || !read_element(&at, end, &content) ||
        content.tag != TAG_CONTEXT_0 || at != end ||
        !read_only(content.content, content.length, TAG_SEQUENCE, &envelope)) {
        body_format_text(why, why_capacity, "the body is not a DER ContentInfo");
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    if (small_version(&envelope) != 0) {
        body_format_text(why, why_capacity, "the AuthEnvelopedData version is not 0");
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    /* Every field in turn; the recipients are the first SET, the content
     * info the SEQUENCE after it, the mac the last. */
    at = envelope.content;
    end = envelope.content + envelope.length;
    der_element field = {0, NULL, 0};
    bool recipients_seen = false;
    bool content_info_seen = false;
    while (at < end) {
        if (!read_element(&at, end, &field)) {
            body_format_text(why, why_capacity, "a field of the AuthEnvelopedData runs past its end");
            return CORDON_BODY_STATUS_MALFORMED_INPUT;
        }
        if (field.tag == TAG_SEQUENCE && recipients_seen && !content_info_seen) {
            content_info_seen = true;
            der_element name, parameters;
            if (!read_content_algorithm(&field, &name, &parameters) || !is_aes_gcm(&name)) {
                body_format_text(why, why_capacity, "the content is not encrypted with AES-GCM");
                return CORDON_BODY_STATUS_MALFORMED_INPUT;
            }
            if (!gcm_states_full_tag(&parameters)) {
                body_format_text(why, why_capacity, "the content's GCM parameters do not state a %u-byte tag",
                                 SMIME_TAG_BYTES);
                return CORDON_BODY_STATUS_MALFORMED_INPUT;
            }
        }
        if (field.tag == TAG_SET && !recipients_seen) {
            recipients_seen = true;
            if (!recipients_have_their_versions(&field)) {
                body_format_text(why, why_capacity, "a recipient has a version its kind does not have");
                return CORDON_BODY_STATUS_MALFORMED_INPUT;
            }
        }
    }
    if (!content_info_seen || field.tag != TAG_OCTET_STRING || field.length != SMIME_TAG_BYTES) {
        body_format_text(why, why_capacity, "the authentication tag is not %u bytes", SMIME_TAG_BYTES);
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    return CORDON_BODY_STATUS_OK;
}

/* PKCS #1 v1.5 with NULL or absent parameters, or OAEP. */
static bool is_rsa_transport(const X509_ALGOR *algorithm)
{
    const ASN1_OBJECT *object = NULL;
    int parameter_type = V_ASN1_UNDEF;
    const void *parameter = NULL;
    X509_ALGOR_get0(&object, &parameter_type, &parameter, algorithm);
    const int nid = OBJ_obj2nid(object);
    if (nid == NID_rsaEncryption)
        return parameter_type == V_ASN1_NULL || parameter_type == V_ASN1_UNDEF;
    return nid == NID_rsaesOaep;
}

/* Whether a key agreement's KDF algorithm carries RFC 3394 AES key wrap
 * (128, 192 or 256) as its parameters, read as OpenSSL's ECDH code reads
 * them: what OpenSSL writes for an AES content key. Anything else is
 * refused, RFC 5649's padded wrap above all: when its check fails, OpenSSL
 * 3.0's CRYPTO_128_unwrap_pad clears inlen bytes of the inlen - 8 that CMS
 * allocated for the key, 8 zero bytes past the heap block, and any peer
 * can make it fail. */
static bool wraps_with_aes_key_wrap(const X509_ALGOR *kdf)
{
    const ASN1_OBJECT *object = NULL;
    int parameter_type = V_ASN1_UNDEF;
    const void *parameter = NULL;
    X509_ALGOR_get0(&object, &parameter_type, &parameter, kdf);
    if (parameter_type != V_ASN1_SEQUENCE || parameter == NULL)
        return false;
    const unsigned char *der = ASN1_STRING_get0_data(parameter);
    X509_ALGOR *wrap = d2i_X509_ALGOR(NULL, &der, ASN1_STRING_length(parameter));
    if (wrap == NULL)
        return false;
    X509_ALGOR_get0(&object, NULL, NULL, wrap);
    const int nid = OBJ_obj2nid(object);
    X509_ALGOR_free(wrap);
    return nid == NID_id_aes128_wrap || nid == NID_id_aes192_wrap || nid == NID_id_aes256_wrap;
}

cordon_body_status smime_check_algorithms(CMS_ContentInfo *cms, char *why, size_t why_capacity)
{
    if (OBJ_obj2nid(CMS_get0_eContentType(cms)) != NID_pkcs7_data) {
        body_format_text(why, why_capacity, "the encrypted content is not of type id-data");
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    STACK_OF(CMS_RecipientInfo) *infos = CMS_get0_RecipientInfos(cms);
    for (int i = 0; i < sk_CMS_RecipientInfo_num(infos); ++i) {
        CMS_RecipientInfo *info = sk_CMS_RecipientInfo_value(infos, i);
        const int type = CMS_RecipientInfo_type(info);
        X509_ALGOR *kdf = NULL;
        if (type == CMS_RECIPINFO_AGREE &&
            (CMS_RecipientInfo_kari_get0_alg(info, &kdf, NULL) != 1 || !wraps_with_aes_key_wrap(kdf))) {
            body_format_text(why, why_capacity,
                             "a key agreement recipient does not wrap the key with AES key wrap (RFC 3394)");
            return CORDON_BODY_STATUS_MALFORMED_INPUT;
        }
        if (type != CMS_RECIPINFO_TRANS)
            continue;
        X509_ALGOR *algorithm = NULL;
        if (CMS_RecipientInfo_ktri_get0_algs(info, NULL, NULL, &algorithm) != 1 || !is_rsa_transport(algorithm)) {
            body_format_text(why, why_capacity, "a key transport recipient does not use RSA");
            return CORDON_BODY_STATUS_MALFORMED_INPUT;
        }
    }
    return CORDON_BODY_STATUS_OK;
}
