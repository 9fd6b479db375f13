/*
 * PEM reading and recipient checks (smime_certificates.h).
 */
#include "encryption-smime/smime_certificates.h"

#include <time.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "encryption-smime/body_output.h"

/* Room for a subject in a refusal; longer ones are cut. */
#define SUBJECT_BYTES 96u
/* Room for a date such as "2026-11-27 10:00:00 UTC". */
#define DATE_BYTES 32u

/* A passphrase callback that gives none: OpenSSL's default would read one
 * from the terminal. */
static int no_passphrase(char *buffer, int size, int writing, void *data)
{
    (void)buffer;
    (void)size;
    (void)writing;
    (void)data;
    return -1;
}

static BIO *memory_of(const uint8_t *pem, size_t length)
{
    return length > INT32_MAX ? NULL : BIO_new_mem_buf(pem, (int)length);
}

X509 *smime_read_certificate(const uint8_t *pem, size_t length, char *why, size_t why_capacity)
{
    BIO *bio = memory_of(pem, length);
    if (bio == NULL) {
        body_format_text(why, why_capacity, "out of memory reading a certificate");
        return NULL;
    }
    X509 *certificate = PEM_read_bio_X509(bio, NULL, no_passphrase, NULL);
    BIO_free(bio);
    if (certificate == NULL) {
        char reason[CORDON_BODY_TEXT_BYTES];
        body_openssl_reason(reason, sizeof reason);
        body_format_text(why, why_capacity, "not a PEM certificate (%s)", reason);
    }
    return certificate;
}

EVP_PKEY *smime_read_private_key(const uint8_t *pem, size_t length, char *why, size_t why_capacity)
{
    BIO *bio = memory_of(pem, length);
    if (bio == NULL) {
        body_format_text(why, why_capacity, "out of memory reading a private key");
        return NULL;
    }
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
    BIO_free(bio);
    if (key == NULL) {
        char reason[CORDON_BODY_TEXT_BYTES];
        body_openssl_reason(reason, sizeof reason);
        body_format_text(why, why_capacity, "not an unencrypted PEM private key (%s)", reason);
    }
    return key;
}

static void subject_of(X509 *certificate, char *subject, size_t capacity)
{
    if (X509_NAME_oneline(X509_get_subject_name(certificate), subject, (int)capacity) == NULL)
        body_format_text(subject, capacity, "(no subject)");
    body_make_printable(subject);
}

static void date_of(const ASN1_TIME *time, char *date, size_t capacity)
{
    struct tm parts;
    if (time == NULL || ASN1_TIME_to_tm(time, &parts) != 1 ||
        strftime(date, capacity, "%Y-%m-%d %H:%M:%S UTC", &parts) == 0)
        body_format_text(date, capacity, "(unreadable date)");
}

cordon_body_status smime_check_key(X509 *certificate, char *why, size_t why_capacity)
{
    char subject[SUBJECT_BYTES];
    subject_of(certificate, subject, sizeof subject);
    const uint32_t flags = X509_get_extension_flags(certificate);
    if ((flags & EXFLAG_INVALID) != 0) {
        body_format_text(why, why_capacity, "certificate %s has invalid extensions", subject);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    EVP_PKEY *key = X509_get0_pubkey(certificate);
    const int type = key == NULL ? EVP_PKEY_NONE : EVP_PKEY_get_base_id(key);
    uint32_t needed_usage = 0;
    const char *usage_name = "";
    if (type == EVP_PKEY_RSA) {
        if (EVP_PKEY_get_bits(key) < SMIME_MIN_RSA_BITS) {
            body_format_text(why, why_capacity, "certificate %s has an RSA key of %d bits; at least %d are needed",
                             subject, EVP_PKEY_get_bits(key), SMIME_MIN_RSA_BITS);
            return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
        }
        needed_usage = KU_KEY_ENCIPHERMENT;
        usage_name = "keyEncipherment";
    } else if (type == EVP_PKEY_EC) {
        needed_usage = KU_KEY_AGREEMENT;
        usage_name = "keyAgreement";
    } else {
        body_format_text(why, why_capacity,
                         "certificate %s has a key that is neither RSA (key transport) nor EC (key agreement)",
                         subject);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    if ((flags & EXFLAG_KUSAGE) != 0 && (X509_get_key_usage(certificate) & needed_usage) == 0) {
        body_format_text(why, why_capacity, "certificate %s has a keyUsage without %s", subject, usage_name);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    return CORDON_BODY_STATUS_OK;
}

cordon_body_status smime_check_recipient(X509 *certificate, char *why, size_t why_capacity)
{
    char subject[SUBJECT_BYTES];
    char date[DATE_BYTES];
    subject_of(certificate, subject, sizeof subject);
    const ASN1_TIME *not_before = X509_get0_notBefore(certificate);
    const ASN1_TIME *not_after = X509_get0_notAfter(certificate);
    const int starts = not_before == NULL ? 0 : X509_cmp_current_time(not_before);
    const int ends = not_after == NULL ? 0 : X509_cmp_current_time(not_after);
    if (starts == 0 || ends == 0) {
        body_format_text(why, why_capacity, "certificate %s has unreadable validity dates", subject);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    if (starts > 0) {
        date_of(not_before, date, sizeof date);
        body_format_text(why, why_capacity, "certificate %s is not valid before %s", subject, date);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    if (ends < 0) {
        date_of(not_after, date, sizeof date);
        body_format_text(why, why_capacity, "certificate %s expired at %s", subject, date);
        return CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE;
    }
    return smime_check_key(certificate, why, why_capacity);
}
