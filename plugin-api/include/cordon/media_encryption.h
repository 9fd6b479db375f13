/*
 * Cordon media encryption interface, "cordon.media-encryption/1".
 *
 * A media encryption plugin (kind CORDON_PLUGIN_KIND_ENCRYPTION) does two
 * things for one call: the key exchange carried in SDP (SDES, RFC 4568: keys
 * in a=crypto attributes), and the protection of that call's RTP and RTCP
 * packets once keys are agreed (SRTP, RFC 3711; AEAD, RFC 7714).
 *
 * One session is one call. The host creates it with what it knows about the
 * signalling path, then, as SDP offers and answers go back and forth (the
 * first INVITE, every re-INVITE for hold and resume), calls offer() and
 * accept_answer() when it offers, answer() when the peer offers. Once either
 * exchange completes, the four packet calls work.
 *
 * Secrets: a session holds master keys. They leave the plugin only inside
 * the attribute values it writes for the SDP and are never logged. Since SDES
 * keys are readable by everyone who reads the SDP, a session whose signalling
 * is not secure (the next hop is not TLS) neither writes keys nor takes
 * them: keys that crossed a plain hop protect nothing, and accepting them
 * would show the user an "encrypted" call that is not
 * (CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE).
 *
 * Attribute values and packets come from the network: every byte is hostile
 * until checked.
 */
#ifndef CORDON_MEDIA_ENCRYPTION_H
#define CORDON_MEDIA_ENCRYPTION_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CORDON_MEDIA_ENCRYPTION_INTERFACE_ID "cordon.media-encryption/1"

/* Most attribute values in one offer or answer, in either direction. */
#define CORDON_MEDIA_MAX_ATTRIBUTES 16u
/* Size of one attribute value's array in cordon_media_negotiation, with the
 * NUL; also the longest value (without a NUL) the host passes in. */
#define CORDON_MEDIA_ATTRIBUTE_BYTES 256u
/* Size of the suite name and profile arrays, with the NUL. */
#define CORDON_MEDIA_NAME_BYTES 64u
/* Size of the refusal text, with the NUL. */
#define CORDON_MEDIA_TEXT_BYTES 256u
/* Longest packet the host passes to a packet call, and the most it accepts
 * as max_overhead: both bound what a plugin may make the host allocate. */
#define CORDON_MEDIA_MAX_PACKET_BYTES 8192u
#define CORDON_MEDIA_MAX_OVERHEAD_BYTES 128u

/*
 * What every call of this interface returns. 0..6 mean exactly what the
 * cordon_status values of the same number mean; 7.. are this interface's own.
 * Values are fixed forever; new ones are only appended. A value the host does
 * not know is treated as CORDON_MEDIA_STATUS_INTERNAL_ERROR.
 */
typedef enum cordon_media_status {
    CORDON_MEDIA_STATUS_OK = 0,
    /* A NULL, a length out of range, or a call the session's state does not
     * allow (accept_answer without an offer, a packet before any keys). */
    CORDON_MEDIA_STATUS_INVALID_ARGUMENT = 1,
    /* The capacity cannot hold the protected packet; nothing was changed. */
    CORDON_MEDIA_STATUS_BUFFER_TOO_SMALL = 2,
    CORDON_MEDIA_STATUS_UNSUPPORTED = 3,
    /* An attribute value does not follow its grammar (refusal says which and
     * how), or a packet is too short or not RTP/RTCP. */
    CORDON_MEDIA_STATUS_MALFORMED_INPUT = 4,
    CORDON_MEDIA_STATUS_OUT_OF_MEMORY = 5,
    CORDON_MEDIA_STATUS_INTERNAL_ERROR = 6,
    /* The session's signalling is not secure, so no key is written or taken.
     * The host offers without this plugin or answers 488. */
    CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE = 7,
    /* Well-formed, but nothing offered (or answered) is acceptable: unknown
     * suites, parameters this plugin refuses (refusal says which). The host
     * answers 488 Not Acceptable Here. */
    CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO = 8,
    /* unprotect: the packet's authentication tag is wrong (altered, or not
     * from the peer). Drop the packet. */
    CORDON_MEDIA_STATUS_AUTHENTICATION_FAILED = 9,
    /* unprotect: the packet's index was seen already or is older than the
     * replay window. Drop the packet. */
    CORDON_MEDIA_STATUS_REPLAYED = 10
} cordon_media_status;

static inline const char *cordon_media_status_message(cordon_media_status status)
{
    /* The texts of 0..6 are cordon_status_message's. */
    switch (status) {
    case CORDON_MEDIA_STATUS_OK:
        return "ok";
    case CORDON_MEDIA_STATUS_INVALID_ARGUMENT:
        return "invalid argument";
    case CORDON_MEDIA_STATUS_BUFFER_TOO_SMALL:
        return "output buffer too small";
    case CORDON_MEDIA_STATUS_UNSUPPORTED:
        return "unsupported by this plugin";
    case CORDON_MEDIA_STATUS_MALFORMED_INPUT:
        return "malformed input";
    case CORDON_MEDIA_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case CORDON_MEDIA_STATUS_INTERNAL_ERROR:
        return "internal plugin error";
    case CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE:
        return "refused: the signalling path is not secure (not TLS)";
    case CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO:
        return "no acceptable crypto";
    case CORDON_MEDIA_STATUS_AUTHENTICATION_FAILED:
        return "authentication failed";
    case CORDON_MEDIA_STATUS_REPLAYED:
        return "replayed packet";
    }
    return "unknown status (treated as internal plugin error)";
}

/* What create() is given; owned by the host, valid during the call. */
typedef struct cordon_media_session_config {
    uint32_t struct_size;
    /* 1 when the SDP of this call travels to a next hop the transport
     * authenticated (TLS with the certificate chain and name verified:
     * cordon_flow_info.peer_authenticated), 0 otherwise, including TLS
     * without verification. Fixed for the session. */
    uint32_t signalling_secure;
} cordon_media_session_config;

/* One attribute value the host passes in, as found after "a=crypto:" (for
 * SDES), e.g. "1 AES_CM_128_HMAC_SHA1_80 inline:<base64>". Owned by the host,
 * valid during the call. Not NUL-terminated; 1..CORDON_MEDIA_ATTRIBUTE_BYTES-1
 * bytes, no NUL inside (the host checks). */
typedef struct cordon_media_attribute {
    const char *value;
    size_t length;
} cordon_media_attribute;

/*
 * What offer(), answer() and accept_answer() report. A host struct, zeroed
 * by the host with struct_size set; the plugin writes only fields within
 * struct_size. Every string is NUL-terminated within its array.
 */
typedef struct cordon_media_negotiation {
    uint32_t struct_size;
    /* offer and answer: how many values of attributes[] are written
     * (offer 1..CORDON_MEDIA_MAX_ATTRIBUTES, answer exactly 1); 0 otherwise. */
    uint32_t attribute_count;
    /* The attribute values to put in the SDP, one a=crypto line each, without
     * "a=crypto:" and without CR or LF: printable ASCII only. They hold the
     * session's key: the host puts them in the SDP and nowhere else. */
    char attributes[CORDON_MEDIA_MAX_ATTRIBUTES][CORDON_MEDIA_ATTRIBUTE_BYTES];
    /* answer and accept_answer: the suite now protecting packets, e.g.
     * "AES_CM_128_HMAC_SHA1_80"; "" after offer. Printable ASCII. */
    char suite[CORDON_MEDIA_NAME_BYTES];
    /* answer and accept_answer: the most bytes protect_rtp or protect_rtcp
     * adds to a packet under that suite; at most the interface's
     * max_overhead. 0 after offer. */
    uint32_t overhead;
    /* On failure: why, for the user and the log, e.g. "crypto 2: key is 29
     * bytes, AES_CM_128_HMAC_SHA1_80 needs 30". Printable ASCII, never a key.
     * "" when the status says it all. */
    char refusal[CORDON_MEDIA_TEXT_BYTES];
} cordon_media_negotiation;

/* One call's key exchange and packet protection. The plugin's own type,
 * opaque to the host. Calls on one session, packet calls included, are
 * serialised by the host; different sessions may be used from different
 * threads at the same time, so a plugin keeps no unsynchronised mutable
 * global state. No call blocks on I/O. */
typedef struct cordon_media_session cordon_media_session;

typedef struct cordon_media_encryption_interface {
    /* sizeof(cordon_media_encryption_interface) as the plugin compiled it. */
    uint32_t struct_size;
    /* The SDP transport protocol of an m= line this plugin protects, e.g.
     * "RTP/SAVP": 1..CORDON_MEDIA_NAME_BYTES-1 characters of letters, digits
     * and '/'. */
    const char *sdp_profile;
    /* The SDP attribute name the values belong to, e.g. "crypto": an SDP
     * token of 1..CORDON_MEDIA_NAME_BYTES-1 characters. */
    const char *sdp_attribute;
    /* The most bytes any suite's protect call adds to a packet:
     * 1..CORDON_MEDIA_MAX_OVERHEAD_BYTES. A host that leaves this much room
     * after every packet never sees BUFFER_TOO_SMALL from protect. */
    uint32_t max_overhead;

    /* Creates a session. On failure writes a NUL-terminated reason into
     * error (never past error_capacity) and leaves *out NULL. */
    cordon_media_status (*create)(const cordon_media_session_config *config, cordon_media_session **out, char *error,
                                  size_t error_capacity);
    /* Destroys a session and erases its keys. NULL is ignored. */
    void (*destroy)(cordon_media_session *session);

    /*
     * Writes the values to offer, most preferred first. Offering again on the
     * same session (a re-INVITE) writes the same values with the same keys,
     * so a peer that sees them unchanged keeps its contexts. Packets keep
     * flowing under the contexts of the last completed exchange until the
     * answer to this offer is accepted.
     * Returns OK, SIGNALLING_NOT_SECURE, or INTERNAL_ERROR (no randomness).
     */
    cordon_media_status (*offer)(cordon_media_session *session, cordon_media_negotiation *out);

    /*
     * The peer offered offered[0..count): chooses one and writes the answer
     * (one value, this session's own key for the chosen suite), then protects
     * packets under it. Returns OK, SIGNALLING_NOT_SECURE,
     * NO_ACCEPTABLE_CRYPTO (nothing offered can be used; refusal says why),
     * MALFORMED_INPUT (a value breaks the grammar; refusal says which),
     * INVALID_ARGUMENT (count 0 or above CORDON_MEDIA_MAX_ATTRIBUTES). On
     * any failure the session keeps the contexts it had.
     */
    cordon_media_status (*answer)(cordon_media_session *session, const cordon_media_attribute *offered, uint32_t count,
                                  cordon_media_negotiation *out);

    /*
     * The peer answered this session's last offer with answered[0..count):
     * exactly one value, with a tag and suite this session offered. Returns
     * OK, SIGNALLING_NOT_SECURE, NO_ACCEPTABLE_CRYPTO (a tag or suite not
     * offered), MALFORMED_INPUT, INVALID_ARGUMENT (no offer outstanding,
     * count other than 1). On failure the session keeps the contexts it had.
     *
     * Re-keying, for answer() and accept_answer() alike: the session's own
     * key for a suite never changes, and its sending context for that suite
     * is kept across exchanges (so the packet index never restarts under the
     * same key). The receiving context is kept when the peer's suite and key
     * are the ones already in use, and replaced (a fresh replay window) when
     * they differ.
     */
    cordon_media_status (*accept_answer)(cordon_media_session *session, const cordon_media_attribute *answered,
                                         uint32_t count, cordon_media_negotiation *out);

    /*
     * The packet calls, in place: packet[0..length) is the packet, capacity
     * the bytes the host's buffer holds from packet on (capacity >= length).
     * On OK, *out_length is the new length: for protect at most length plus
     * the negotiated overhead and at most capacity; for unprotect below
     * length and at least the fixed header (12 bytes for RTP, 8 for RTCP).
     * Bytes past the new length up to capacity may have been overwritten. On
     * any failure *out_length is 0 and the packet's bytes are unspecified.
     * Returns OK, INVALID_ARGUMENT (no keys yet, length 0 or above
     * CORDON_MEDIA_MAX_PACKET_BYTES, length above capacity),
     * BUFFER_TOO_SMALL (protect), MALFORMED_INPUT, AUTHENTICATION_FAILED and
     * REPLAYED (unprotect).
     */
    cordon_media_status (*protect_rtp)(cordon_media_session *session, uint8_t *packet, size_t length, size_t capacity,
                                       size_t *out_length);
    cordon_media_status (*unprotect_rtp)(cordon_media_session *session, uint8_t *packet, size_t length, size_t capacity,
                                         size_t *out_length);
    cordon_media_status (*protect_rtcp)(cordon_media_session *session, uint8_t *packet, size_t length, size_t capacity,
                                        size_t *out_length);
    cordon_media_status (*unprotect_rtcp)(cordon_media_session *session, uint8_t *packet, size_t length,
                                          size_t capacity, size_t *out_length);
} cordon_media_encryption_interface;

#ifdef __cplusplus
}
#endif

#endif /* CORDON_MEDIA_ENCRYPTION_H */
