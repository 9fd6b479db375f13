/*
 * Cordon body encryption interface, "cordon.body-encryption/1".
 *
 * A body encryption plugin (kind CORDON_PLUGIN_KIND_ENCRYPTION; the same
 * plugin may also serve "cordon.media-encryption/1", or only this) protects
 * a SIP message body end to end, so that the proxies on the way read neither
 * it nor change it unnoticed: S/MIME (RFC 3261 section 23, RFC 8591,
 * RFC 8551) with CMS AuthEnvelopedData (RFC 5083) under AES-GCM (RFC 5084).
 *
 * encrypt() wraps an inner MIME entity (a content type and body, as
 * RFC 3261 section 23.4 carries them) for one recipient certificate and
 * gives back the outer Content-Type value and the binary CMS body.
 * decrypt() does the reverse with the host's own identity: a certificate
 * and its private key, parsed once by identity_create() so that the key
 * never crosses the boundary again.
 *
 * Trust: a recipient certificate is the one the operator configured for
 * that peer. It is checked for what makes encrypting to it useless (its
 * dates, its key, its key usage), not for a chain to an authority: the
 * configuration is the trust decision, as with an SSH known_hosts entry.
 *
 * Integrity: only an authenticated envelope protects the body against a
 * proxy that flips bits in it (CBC EnvelopedData is malleable), so only
 * AuthEnvelopedData is produced, and EnvelopedData is refused on receipt
 * (UNSUPPORTED, "not integrity protected").
 *
 * Secrets: the identity holds a private key; nothing of it, nor of a
 * decrypted body, appears in a refusal text or the log. Outer bodies and
 * content types come from the network: every byte is hostile until checked.
 */
#ifndef CORDON_BODY_ENCRYPTION_H
#define CORDON_BODY_ENCRYPTION_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CORDON_BODY_ENCRYPTION_INTERFACE_ID "cordon.body-encryption/1"

/* Largest inner body (the plaintext, without its MIME header) encrypt takes
 * and decrypt gives back. */
#define CORDON_BODY_MAX_BYTES 65536u
/* Largest encrypted (outer) body decrypt takes and encrypt writes: the inner
 * body plus room for its header, recipient infos and the tag. */
#define CORDON_BODY_MAX_ENVELOPE_BYTES (CORDON_BODY_MAX_BYTES + 16384u)
/* Largest content type value, in or out, without a NUL. */
#define CORDON_BODY_CONTENT_TYPE_BYTES 255u
/* Largest PEM certificate and PEM private key the host passes. */
#define CORDON_BODY_MAX_CERTIFICATE_BYTES 16384u
#define CORDON_BODY_MAX_KEY_BYTES 16384u
/* Size of the refusal text, with the NUL. */
#define CORDON_BODY_TEXT_BYTES 256u

/*
 * What every call of this interface returns. 0..6 mean exactly what the
 * cordon_status values of the same number mean; 7.. are this interface's
 * own. Values are fixed forever; new ones are only appended. A value the
 * host does not know is treated as CORDON_BODY_STATUS_INTERNAL_ERROR.
 */
typedef enum cordon_body_status {
    CORDON_BODY_STATUS_OK = 0,
    /* A NULL, a length out of range, a content type that is not printable
     * ASCII. */
    CORDON_BODY_STATUS_INVALID_ARGUMENT = 1,
    /* An output capacity is too small: the out-lengths hold the sizes
     * needed (see cordon_body_output). */
    CORDON_BODY_STATUS_BUFFER_TOO_SMALL = 2,
    /* Well-formed but not what this plugin takes: another outer content
     * type, EnvelopedData (not integrity protected), a cipher it lacks. */
    CORDON_BODY_STATUS_UNSUPPORTED = 3,
    /* The outer body is not a CMS structure, or the decrypted inner entity
     * is not one strict MIME entity (refusal says what). */
    CORDON_BODY_STATUS_MALFORMED_INPUT = 4,
    CORDON_BODY_STATUS_OUT_OF_MEMORY = 5,
    CORDON_BODY_STATUS_INTERNAL_ERROR = 6,
    /* encrypt, identity_create: the certificate cannot be used: not PEM,
     * expired or not yet valid, a key that is neither RSA nor EC (or too
     * weak), a keyUsage without keyEncipherment (RSA) or keyAgreement (EC);
     * identity_create also: the key does not belong to the certificate. */
    CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE = 7,
    /* decrypt: no recipient in the envelope is this identity. */
    CORDON_BODY_STATUS_NOT_FOR_THIS_RECIPIENT = 8,
    /* decrypt: the envelope's key or tag does not check out: the body was
     * altered on the way, or was not made for this key. Nothing of it is
     * given out. */
    CORDON_BODY_STATUS_AUTHENTICATION_FAILED = 9
} cordon_body_status;

static inline const char *cordon_body_status_message(cordon_body_status status)
{
    /* The texts of 0..6 are cordon_status_message's. */
    switch (status) {
    case CORDON_BODY_STATUS_OK:
        return "ok";
    case CORDON_BODY_STATUS_INVALID_ARGUMENT:
        return "invalid argument";
    case CORDON_BODY_STATUS_BUFFER_TOO_SMALL:
        return "output buffer too small";
    case CORDON_BODY_STATUS_UNSUPPORTED:
        return "unsupported by this plugin";
    case CORDON_BODY_STATUS_MALFORMED_INPUT:
        return "malformed input";
    case CORDON_BODY_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case CORDON_BODY_STATUS_INTERNAL_ERROR:
        return "internal plugin error";
    case CORDON_BODY_STATUS_CERTIFICATE_UNUSABLE:
        return "certificate unusable for encryption";
    case CORDON_BODY_STATUS_NOT_FOR_THIS_RECIPIENT:
        return "not encrypted for this recipient";
    case CORDON_BODY_STATUS_AUTHENTICATION_FAILED:
        return "authentication failed (altered or not for this key)";
    }
    return "unknown status (treated as internal plugin error)";
}

/* A MIME entity the host passes in: a Content-Type value (without the
 * header name, e.g. "text/plain;charset=UTF-8") and the body's bytes. Owned
 * by the host, valid during the call. Neither is NUL-terminated. The host
 * passes a content type of 1..CORDON_BODY_CONTENT_TYPE_BYTES printable
 * ASCII characters, and a body of 0..CORDON_BODY_MAX_BYTES bytes (encrypt)
 * or 1..CORDON_BODY_MAX_ENVELOPE_BYTES bytes (decrypt). */
typedef struct cordon_body_entity {
    const char *content_type;
    size_t content_type_length;
    const uint8_t *body;
    size_t body_length;
} cordon_body_entity;

/*
 * Where encrypt() and decrypt() write their MIME entity. A host struct with
 * host buffers; the plugin writes through the pointers and into the length
 * and refusal fields, never past a capacity, and only fields within
 * struct_size.
 *
 * On OK: content_type[0..content_type_length) is the entity's Content-Type
 * value (printable ASCII, not NUL-terminated, at most
 * CORDON_BODY_CONTENT_TYPE_BYTES) and body[0..body_length) its body.
 * On BUFFER_TOO_SMALL: content_type_length and body_length are the sizes a
 * call with the same inputs needs (each at least the capacity given when
 * it is the one that was short; an encrypt done again makes a fresh key, so
 * the host should allow for the same size once more); nothing else is
 * meaningful. On any other failure both lengths are 0 and refusal says why.
 */
typedef struct cordon_body_output {
    uint32_t struct_size;
    char *content_type;
    size_t content_type_capacity;
    size_t content_type_length;
    uint8_t *body;
    size_t body_capacity;
    size_t body_length;
    /* On failure: why, for the user and the log, e.g. "certificate
     * CN=bob expired at 2026-01-01 00:00:00 UTC". Printable ASCII,
     * NUL-terminated within the array, never key material or plaintext.
     * "" when the status says it all. */
    char refusal[CORDON_BODY_TEXT_BYTES];
} cordon_body_output;

/* The host's own certificate and private key, parsed. The plugin's own type,
 * opaque to the host. Created once and used for any number of decrypt calls,
 * from any thread at the same time (the plugin does not change it after
 * identity_create); destroyed once, after the last call on it has returned. */
typedef struct cordon_body_identity cordon_body_identity;

typedef struct cordon_body_encryption_interface {
    /* sizeof(cordon_body_encryption_interface) as the plugin compiled it. */
    uint32_t struct_size;

    /*
     * Parses certificate_pem[0..certificate_length) (the first PEM
     * certificate in it) and key_pem[0..key_length) (an unencrypted PEM
     * private key), checks that the key is the certificate's and that the
     * key can decrypt what encrypt would make for the certificate (RSA or
     * EC), and keeps both. Lengths are 1..CORDON_BODY_MAX_CERTIFICATE_BYTES
     * and 1..CORDON_BODY_MAX_KEY_BYTES; the host erases its copy of the key
     * after the call. Dates are not checked: a message encrypted before the
     * certificate expired is still readable.
     * Returns OK with *out set, or CERTIFICATE_UNUSABLE, MALFORMED_INPUT
     * (not PEM), INVALID_ARGUMENT, OUT_OF_MEMORY with *out NULL and a
     * NUL-terminated reason in refusal (never past refusal_capacity).
     */
    cordon_body_status (*identity_create)(const uint8_t *certificate_pem, size_t certificate_length,
                                          const uint8_t *key_pem, size_t key_length, cordon_body_identity **out,
                                          char *refusal, size_t refusal_capacity);
    /* Destroys an identity and erases its key. NULL is ignored. */
    void (*identity_destroy)(cordon_body_identity *identity);

    /*
     * Encrypts inner (its content type and body, made into one MIME entity)
     * for the holder of recipient_pem[0..recipient_length) (a PEM
     * certificate, 1..CORDON_BODY_MAX_CERTIFICATE_BYTES bytes, checked as
     * CERTIFICATE_UNUSABLE describes) and writes the outer entity: its
     * Content-Type value (application/pkcs7-mime with smime-type
     * authEnveloped-data) and its body, binary DER of at most
     * CORDON_BODY_MAX_ENVELOPE_BYTES (sent with Content-Transfer-Encoding
     * binary, RFC 8591). Each call draws a fresh content key.
     * Returns OK, BUFFER_TOO_SMALL, CERTIFICATE_UNUSABLE, INVALID_ARGUMENT,
     * OUT_OF_MEMORY, INTERNAL_ERROR.
     */
    cordon_body_status (*encrypt)(const cordon_body_entity *inner, const uint8_t *recipient_pem,
                                  size_t recipient_length, cordon_body_output *out);

    /*
     * Decrypts outer (the Content-Type value and body a peer sent) with
     * identity and writes the inner entity: its content type and body, read
     * strictly from the decrypted MIME entity. Only AuthEnvelopedData is
     * taken, and the inner entity is given out only once its tag checked.
     * Returns OK, BUFFER_TOO_SMALL, UNSUPPORTED, MALFORMED_INPUT,
     * NOT_FOR_THIS_RECIPIENT, AUTHENTICATION_FAILED, INVALID_ARGUMENT,
     * OUT_OF_MEMORY, INTERNAL_ERROR.
     */
    cordon_body_status (*decrypt)(const cordon_body_identity *identity, const cordon_body_entity *outer,
                                  cordon_body_output *out);
} cordon_body_encryption_interface;

#ifdef __cplusplus
}
#endif

#endif /* CORDON_BODY_ENCRYPTION_H */
