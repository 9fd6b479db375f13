/*
 * Cordon authentication interface, "cordon.auth/1".
 *
 * An auth plugin (kind CORDON_PLUGIN_KIND_AUTH) answers the challenges of one
 * HTTP authentication scheme ("Digest", "Basic") found in a 401's
 * WWW-Authenticate or a 407's Proxy-Authenticate headers. The host gives it
 * every challenge of its scheme from one response, the request to repeat and
 * the credentials; the plugin picks the challenge it answers (the strongest
 * it accepts) and writes the Authorization / Proxy-Authorization value.
 *
 * A plugin parses challenge text that came from the network: every byte of it
 * is hostile until checked. It never logs or keeps the password.
 */
#ifndef CORDON_AUTH_H
#define CORDON_AUTH_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CORDON_AUTH_INTERFACE_ID "cordon.auth/1"

/* Longest challenge the host passes, and longest answer it accepts. */
#define CORDON_AUTH_MAX_CHALLENGE_BYTES 4096u
#define CORDON_AUTH_MAX_ANSWER_BYTES 4096u
/* Most challenges passed in one call. */
#define CORDON_AUTH_MAX_CHALLENGES 16u
/* Size of the text fields in cordon_auth_outcome, with the NUL. */
#define CORDON_AUTH_TEXT_BYTES 256u

/* One "name=value" setting. Owned by the host, valid during create() only. */
typedef struct cordon_auth_param {
    const char *name;
    const char *value;
} cordon_auth_param;

/* What create() is given; owned by the host, valid during the call. Unknown
 * parameter names are refused with INVALID_ARGUMENT. auth-digest takes
 * "refuse_md5" = "true" | "false" (default false). */
typedef struct cordon_auth_config {
    uint32_t struct_size;
    const cordon_auth_param *params;
    uint32_t param_count;
} cordon_auth_config;

/* One challenge: a header value as received, scheme token included, e.g.
 * `Digest realm="example.com", nonce="ab12", algorithm=SHA-256, qop="auth"`.
 * Not NUL-terminated; 1..CORDON_AUTH_MAX_CHALLENGE_BYTES bytes. */
typedef struct cordon_auth_challenge {
    const char *value;
    size_t length;
} cordon_auth_challenge;

/* The request the answer is for. Owned by the host, valid during the call.
 * Strings are NUL-terminated. */
typedef struct cordon_auth_request {
    uint32_t struct_size;
    /* "REGISTER", "INVITE"... */
    const char *method;
    /* The Request-URI as it will be sent (the digest-uri). */
    const char *request_uri;
    /* The body as it will be sent, for qop=auth-int; may be NULL when
     * body_length is 0. */
    const uint8_t *body;
    size_t body_length;
    /* 1 when the request leaves over a flow whose peer the transport
     * authenticated (TLS with the certificate chain and name verified:
     * cordon_flow_info.peer_authenticated), 0 otherwise, including TLS
     * without verification. */
    uint32_t next_hop_secure;
    /* 1 when the challenges came from a 407 (a proxy), 0 for a 401. */
    uint32_t from_proxy;
    /* The credentials. The password is secret: never logged, never kept
     * after the call returns, never copied anywhere but into the answer a
     * scheme requires. */
    const char *username;
    const char *password;
} cordon_auth_request;

/* What answer() reports besides the header value. A host struct: the plugin
 * writes only the fields within struct_size; strings are NUL-terminated
 * within their arrays. */
typedef struct cordon_auth_outcome {
    uint32_t struct_size;
    /* Index into the challenges of the one answered. */
    uint32_t chosen;
    /* 1 when that challenge carried stale=true (the credentials were right,
     * the nonce was old): the host retries once without counting a failure. */
    uint32_t stale;
    /* The realm of the challenge answered, e.g. "example.com". */
    char realm[CORDON_AUTH_TEXT_BYTES];
    /* The algorithm used, e.g. "SHA-256", or "" for schemes without one. */
    char algorithm[32];
    /* When answer() fails: why, for the application and the log, e.g.
     * "Basic credentials are sent only over TLS" (UNSUPPORTED) or which
     * challenge was malformed and how (MALFORMED_INPUT). "" when there is
     * nothing to add to the status. Never the password. */
    char refusal[CORDON_AUTH_TEXT_BYTES];
} cordon_auth_outcome;

/* One authentication session: the state one set of credentials keeps between
 * answers (nonce counts). The plugin's own type, opaque to the host. Calls on
 * one session are serialised by the host; different sessions may be used from
 * different threads at the same time, so a plugin keeps no unsynchronised
 * mutable global state. No call blocks on I/O. */
typedef struct cordon_auth_session cordon_auth_session;

typedef struct cordon_auth_interface {
    /* sizeof(cordon_auth_interface) as the plugin compiled it. */
    uint32_t struct_size;
    /* The scheme token this plugin answers, e.g. "Digest"; compared without
     * regard to case. */
    const char *scheme;
    /* Which scheme the host prefers when a response offers several: the
     * higher is tried first (auth-digest 100, auth-basic 10). */
    uint32_t preference;

    /* Creates a session. On failure writes a NUL-terminated reason into
     * error (never past error_capacity) and leaves *out NULL. */
    cordon_status (*create)(const cordon_auth_config *config, cordon_auth_session **out, char *error,
                            size_t error_capacity);
    void (*destroy)(cordon_auth_session *session);

    /*
     * Answers one of challenges[0..count) for request. On success writes the
     * header value (without a NUL) into answer, sets *answer_length and fills
     * outcome. Returns:
     *   OK                 answered;
     *   UNSUPPORTED        none of the challenges may be answered (an
     *                      algorithm refused by policy or unknown, Basic
     *                      without TLS), though some parsed:
     *                      outcome->refusal says why, nothing is written to
     *                      answer;
     *   MALFORMED_INPUT    no challenge could be parsed;
     *   INVALID_ARGUMENT   the request cannot be answered as given (a NULL,
     *                      a username or URI with CR, LF or another control
     *                      character);
     *   BUFFER_TOO_SMALL   answer_capacity cannot hold the value.
     * *answer_length is 0 on every failure.
     */
    cordon_status (*answer)(cordon_auth_session *session, const cordon_auth_request *request,
                            const cordon_auth_challenge *challenges, uint32_t count, char *answer,
                            size_t answer_capacity, size_t *answer_length, cordon_auth_outcome *outcome);
} cordon_auth_interface;

#ifdef __cplusplus
}
#endif

#endif /* CORDON_AUTH_H */
