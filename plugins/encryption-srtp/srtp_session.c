/*
 * Offer, answer and accept_answer: SDES values in and out, and the contexts
 * they lead to. Packets are srtp_packets.c.
 */
#include "encryption-srtp/srtp_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "common/host_services.h"
#include "encryption-srtp/sdes_attribute.h"

/* Tags this plugin offers: suite index + 1, so a tag names its suite. */
#define FIRST_OFFER_TAG 1u
#define WHY_BYTES 160u

static const char not_secure_refusal[] =
    "SDES keys travel in the SDP; without TLS to the next hop anyone on the path reads them";

static void set_refusal(cordon_media_negotiation *out, const char *text)
{
    (void)snprintf(out->refusal, sizeof out->refusal, "%s", text);
}

/* The negotiation struct as it must be before a call writes to it. */
static bool reset_negotiation(cordon_media_negotiation *out)
{
    if (out == NULL || out->struct_size < sizeof(cordon_media_negotiation))
        return false;
    const uint32_t size = out->struct_size;
    memset(out, 0, sizeof *out);
    out->struct_size = size;
    return true;
}

cordon_media_status srtp_session_create(const cordon_media_session_config *config, cordon_media_session **out,
                                        char *error, size_t error_capacity)
{
    if (out != NULL)
        *out = NULL;
    if (error != NULL && error_capacity > 0)
        error[0] = '\0';
    if (out == NULL || config == NULL || config->struct_size < sizeof(cordon_media_session_config) ||
        config->signalling_secure > 1) {
        if (error != NULL && error_capacity > 0)
            (void)snprintf(error, error_capacity, "create needs a configuration and somewhere to put the session");
        return CORDON_MEDIA_STATUS_INVALID_ARGUMENT;
    }
    cordon_media_session *session = calloc(1, sizeof *session);
    if (session == NULL)
        return CORDON_MEDIA_STATUS_OUT_OF_MEMORY;
    session->signalling_secure = config->signalling_secure == 1;
    session->send_suite = -1;
    session->receive_suite = -1;
    *out = session;
    return CORDON_MEDIA_STATUS_OK;
}

void srtp_session_destroy(cordon_media_session *session)
{
    if (session == NULL)
        return;
    for (int i = 0; i < SRTP_SUITE_COUNT; ++i) {
        if (session->send[i] != NULL)
            (void)srtp_dealloc(session->send[i]);
    }
    if (session->receive != NULL)
        (void)srtp_dealloc(session->receive);
    explicit_bzero(session, sizeof *session);
    free(session);
}

static bool draw_own_keys(cordon_media_session *session)
{
    if (session->own_keys_drawn)
        return true;
    const size_t size = sizeof session->own_keys;
    uint8_t *keys = &session->own_keys[0][0];
    size_t drawn = 0;
    while (drawn < size) {
        const ssize_t got = getrandom(keys + drawn, size - drawn, 0);
        if (got <= 0) {
            plugin_log(CORDON_LOG_ERROR, "getrandom failed: no key can be drawn");
            return false;
        }
        drawn += (size_t)got;
    }
    session->own_keys_drawn = true;
    return true;
}

static srtp_t make_context(int suite, const uint8_t *key, srtp_ssrc_type_t direction)
{
    srtp_policy_t policy;
    memset(&policy, 0, sizeof policy);
    srtp_suites[suite].set_policy(&policy.rtp);
    srtp_suites[suite].set_policy(&policy.rtcp);
    policy.ssrc.type = direction;
    /* libsrtp2 copies the key while deriving; the policy's pointer is not
     * kept, but the session's copy outlives the context anyway. */
    policy.key = (unsigned char *)key;
    policy.window_size = 0;     /* libsrtp2's default replay window (128) */
    policy.allow_repeat_tx = 0; /* never protect one index twice */
    srtp_t context = NULL;
    const srtp_err_status_t status = srtp_create(&context, &policy);
    if (status != srtp_err_status_ok) {
        plugin_log(CORDON_LOG_ERROR, "libsrtp2 refused a %s context (status %d)", srtp_suites[suite].sdes_name,
                   (int)status);
        return NULL;
    }
    return context;
}

/* Switches packets to suite with the peer's key; the rule for keeping or
 * replacing contexts is in media_encryption.h (accept_answer). */
static cordon_media_status use_keys(cordon_media_session *session, int suite, const uint8_t *peer_key,
                                    cordon_media_negotiation *out)
{
    const size_t key_length = srtp_suite_key_salt_bytes(&srtp_suites[suite]);
    if (session->send[suite] == NULL) {
        session->send[suite] = make_context(suite, session->own_keys[suite], ssrc_any_outbound);
        if (session->send[suite] == NULL)
            return CORDON_MEDIA_STATUS_INTERNAL_ERROR;
    }
    const bool same_peer_key = session->receive != NULL && session->receive_suite == suite &&
                               memcmp(session->receive_key, peer_key, key_length) == 0;
    if (!same_peer_key) {
        srtp_t receive = make_context(suite, peer_key, ssrc_any_inbound);
        if (receive == NULL)
            return CORDON_MEDIA_STATUS_INTERNAL_ERROR;
        if (session->receive != NULL)
            (void)srtp_dealloc(session->receive);
        session->receive = receive;
        session->receive_suite = suite;
        memset(session->receive_key, 0, sizeof session->receive_key);
        memcpy(session->receive_key, peer_key, key_length);
    }
    session->send_suite = suite;
    (void)snprintf(out->suite, sizeof out->suite, "%s", srtp_suites[suite].sdes_name);
    out->overhead = srtp_suite_overhead(&srtp_suites[suite]);
    return CORDON_MEDIA_STATUS_OK;
}

cordon_media_status srtp_session_offer(cordon_media_session *session, cordon_media_negotiation *out)
{
    if (session == NULL || !reset_negotiation(out))
        return CORDON_MEDIA_STATUS_INVALID_ARGUMENT;
    if (!session->signalling_secure) {
        set_refusal(out, not_secure_refusal);
        return CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE;
    }
    if (!draw_own_keys(session))
        return CORDON_MEDIA_STATUS_INTERNAL_ERROR;
    for (int i = 0; i < SRTP_SUITE_COUNT; ++i) {
        if (sdes_write(FIRST_OFFER_TAG + (uint32_t)i, &srtp_suites[i], session->own_keys[i], out->attributes[i],
                       sizeof out->attributes[i]) == 0) {
            memset(out->attributes, 0, sizeof out->attributes);
            return CORDON_MEDIA_STATUS_INTERNAL_ERROR;
        }
    }
    out->attribute_count = SRTP_SUITE_COUNT;
    session->offer_outstanding = true;
    return CORDON_MEDIA_STATUS_OK;
}

/* Checks shared by answer and accept_answer. */
static cordon_media_status check_values(const cordon_media_session *session, const cordon_media_attribute *values,
                                        uint32_t count, cordon_media_negotiation *out)
{
    if (session == NULL || !reset_negotiation(out) || values == NULL || count == 0 ||
        count > CORDON_MEDIA_MAX_ATTRIBUTES)
        return CORDON_MEDIA_STATUS_INVALID_ARGUMENT;
    if (!session->signalling_secure) {
        set_refusal(out, not_secure_refusal);
        return CORDON_MEDIA_STATUS_SIGNALLING_NOT_SECURE;
    }
    return CORDON_MEDIA_STATUS_OK;
}

cordon_media_status srtp_session_answer(cordon_media_session *session, const cordon_media_attribute *offered,
                                        uint32_t count, cordon_media_negotiation *out)
{
    const cordon_media_status checked = check_values(session, offered, count, out);
    if (checked != CORDON_MEDIA_STATUS_OK)
        return checked;
    /* Every value is read before one is chosen: a malformed one anywhere
     * refuses the offer rather than being skipped. */
    sdes_crypto chosen;
    bool have_choice = false;
    char first_reason[CORDON_MEDIA_TEXT_BYTES] = "";
    for (uint32_t i = 0; i < count; ++i) {
        sdes_crypto crypto;
        char why[WHY_BYTES];
        const sdes_verdict verdict = sdes_read(offered[i].value, offered[i].length, &crypto, why, sizeof why);
        if (verdict == SDES_MALFORMED) {
            (void)snprintf(out->refusal, sizeof out->refusal, "crypto %u: %s", i + 1, why);
            explicit_bzero(&crypto, sizeof crypto);
            if (have_choice)
                explicit_bzero(&chosen, sizeof chosen);
            return CORDON_MEDIA_STATUS_MALFORMED_INPUT;
        }
        if (verdict == SDES_ACCEPTABLE && !have_choice) {
            chosen = crypto;
            have_choice = true;
        } else if (verdict == SDES_UNACCEPTABLE && first_reason[0] == '\0') {
            (void)snprintf(first_reason, sizeof first_reason, "crypto %u: %s", i + 1, why);
        }
        explicit_bzero(&crypto, sizeof crypto);
    }
    if (!have_choice) {
        (void)snprintf(out->refusal, sizeof out->refusal, "%s", first_reason);
        return CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO;
    }
    cordon_media_status status = CORDON_MEDIA_STATUS_INTERNAL_ERROR;
    if (draw_own_keys(session) && sdes_write(chosen.tag, &srtp_suites[chosen.suite], session->own_keys[chosen.suite],
                                             out->attributes[0], sizeof out->attributes[0]) != 0) {
        status = use_keys(session, chosen.suite, chosen.key_salt, out);
    }
    explicit_bzero(&chosen, sizeof chosen);
    if (status != CORDON_MEDIA_STATUS_OK) {
        memset(out->attributes, 0, sizeof out->attributes);
        out->suite[0] = '\0';
        out->overhead = 0;
        return status;
    }
    out->attribute_count = 1;
    session->offer_outstanding = false;
    return CORDON_MEDIA_STATUS_OK;
}

cordon_media_status srtp_session_accept_answer(cordon_media_session *session, const cordon_media_attribute *answered,
                                               uint32_t count, cordon_media_negotiation *out)
{
    const cordon_media_status checked = check_values(session, answered, count, out);
    if (checked != CORDON_MEDIA_STATUS_OK)
        return checked;
    if (!session->offer_outstanding || count != 1) {
        set_refusal(out, session->offer_outstanding ? "an answer carries exactly one crypto attribute"
                                                    : "no offer is waiting for an answer");
        return CORDON_MEDIA_STATUS_INVALID_ARGUMENT;
    }
    sdes_crypto crypto;
    char why[WHY_BYTES];
    const sdes_verdict verdict = sdes_read(answered[0].value, answered[0].length, &crypto, why, sizeof why);
    cordon_media_status status = CORDON_MEDIA_STATUS_OK;
    if (verdict == SDES_MALFORMED) {
        status = CORDON_MEDIA_STATUS_MALFORMED_INPUT;
        (void)snprintf(out->refusal, sizeof out->refusal, "the answer's crypto: %s", why);
    } else if (verdict == SDES_UNACCEPTABLE) {
        status = CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO;
        (void)snprintf(out->refusal, sizeof out->refusal, "the answer's crypto: %s", why);
    } else if (crypto.tag != FIRST_OFFER_TAG + (uint32_t)crypto.suite) {
        status = CORDON_MEDIA_STATUS_NO_ACCEPTABLE_CRYPTO;
        (void)snprintf(out->refusal, sizeof out->refusal, "the answer's tag %u with %s was not offered", crypto.tag,
                       srtp_suites[crypto.suite].sdes_name);
    } else {
        status = use_keys(session, crypto.suite, crypto.key_salt, out);
    }
    explicit_bzero(&crypto, sizeof crypto);
    if (status == CORDON_MEDIA_STATUS_OK)
        session->offer_outstanding = false;
    return status;
}
