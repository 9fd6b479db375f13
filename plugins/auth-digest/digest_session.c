/*
 * Choosing and answering a Digest challenge (see digest_session.h).
 */
#include "auth-digest/digest_session.h"

#include <stdio.h>
#include <string.h>

#include "auth-digest/cnonce.h"
#include "auth-digest/digest_answer.h"
#include "auth-digest/digest_response.h"
#include "common/ascii_text.h"
#include "common/auth_call.h"
#include "common/host_services.h"
#include "common/text_checks.h"
#include "core/ascii_chars.h"
#include "core/utf8.h"

/* Room for an algorithm name copied from a challenge into a refusal. */
#define SHOWN_NAME_BYTES 40u

/* What the first challenge that could not be used said, for the refusal when
 * no challenge can be. */
typedef struct first_problem {
    bool seen;
    uint32_t index;
    char text[CORDON_AUTH_TEXT_BYTES];
} first_problem;

static void note_problem(first_problem *problem, uint32_t index, const char *text)
{
    plugin_log(CORDON_LOG_DEBUG, "digest: challenge %u not used: %s", (unsigned)index, text);
    if (problem->seen)
        return;
    problem->seen = true;
    problem->index = index;
    snprintf(problem->text, sizeof problem->text, "%s", text);
}

static void note_malformed(first_problem *problem, uint32_t index, const auth_parse_error *error)
{
    char text[CORDON_AUTH_TEXT_BYTES];
    snprintf(text, sizeof text, "malformed: %s at byte %zu", error->problem, error->offset);
    note_problem(problem, index, text);
}

static void note_refused(first_problem *problem, uint32_t index, const digest_challenge *challenge,
                         digest_refusal refusal)
{
    char text[CORDON_AUTH_TEXT_BYTES];
    if (refusal == DIGEST_UNKNOWN_ALGORITHM) {
        char shown[SHOWN_NAME_BYTES];
        ascii_printable_copy_span(challenge->algorithm_name.data, challenge->algorithm_name.length, shown,
                                  sizeof shown);
        snprintf(text, sizeof text, "%s (\"%s\")", digest_refusal_text(refusal), shown);
    } else {
        snprintf(text, sizeof text, "%s", digest_refusal_text(refusal));
    }
    note_problem(problem, index, text);
}

/* The request's own text goes into the answer: refuse what would break out of
 * a quoted string or a header line. */
static const char *request_problem(const cordon_auth_request *request)
{
    const size_t method_length = strlen(request->method);
    if (method_length == 0)
        return "the method is empty";
    for (size_t i = 0; i < method_length; ++i) {
        if (!is_rfc7230_tchar(request->method[i]))
            return "the method is not a token";
    }
    const size_t uri_length = text_length_within(request->request_uri, CORDON_AUTH_MAX_ANSWER_BYTES + 1u);
    if (uri_length == 0 || uri_length > CORDON_AUTH_MAX_ANSWER_BYTES)
        return "the request URI is empty or too long";
    for (size_t i = 0; i < uri_length; ++i) {
        if (!ascii_is_visible(request->request_uri[i]))
            return "the request URI contains a control character, a space or a byte outside ASCII";
    }
    const size_t username_length = text_length_within(request->username, CORDON_AUTH_MAX_ANSWER_BYTES + 1u);
    if (username_length > CORDON_AUTH_MAX_ANSWER_BYTES)
        return "the username is too long";
    if (ascii_has_control(request->username, username_length))
        return "the username contains a control character";
    if (!utf8_is_valid(request->username, username_length))
        return "the username is not valid UTF-8";
    return NULL;
}

/* The index of the challenge to answer, or count when there is none;
 * problem says why the others were passed over, *parsed how many parsed. */
static uint32_t choose(const cordon_auth_session *session, const cordon_auth_challenge *challenges, uint32_t count,
                       auth_param_list *list, first_problem *problem, uint32_t *parsed)
{
    uint32_t best = count;
    unsigned best_strength = 0;
    *parsed = 0;
    for (uint32_t i = 0; i < count; ++i) {
        digest_challenge challenge;
        auth_parse_error error;
        if (!digest_challenge_read(challenges[i].value, challenges[i].length, list, &challenge, &error)) {
            note_malformed(problem, i, &error);
            continue;
        }
        ++*parsed;
        digest_qop qop;
        const digest_refusal refusal = digest_challenge_check(&challenge, &session->policy, &qop);
        if (refusal != DIGEST_ANSWERABLE) {
            note_refused(problem, i, &challenge, refusal);
            continue;
        }
        if (best == count || challenge.algorithm->strength > best_strength) {
            best = i;
            best_strength = challenge.algorithm->strength;
        }
    }
    return best;
}

/* Computes and writes the answer to a challenge already known answerable. */
static cordon_status answer_challenge(cordon_auth_session *session, const cordon_auth_request *request,
                                      const digest_challenge *challenge, char *answer, size_t answer_capacity,
                                      size_t *answer_length, cordon_auth_outcome *outcome)
{
    digest_qop qop;
    (void)digest_challenge_check(challenge, &session->policy, &qop);
    char cnonce[CNONCE_CHARS + 1] = "";
    char nonce_count[9] = "";
    char counter_key[DIGEST_MAX_HEX_CHARS + 1] = "";
    uint32_t count = 0;
    if (qop != DIGEST_QOP_NONE) {
        if (!nonce_counter_key(challenge->nonce, counter_key) || !cnonce_make(cnonce)) {
            auth_outcome_refuse(outcome, "no random cnonce or nonce key could be made");
            return CORDON_STATUS_INTERNAL_ERROR;
        }
        if (!nonce_counter_next(&session->counter, counter_key, &count)) {
            auth_outcome_refuse(outcome, "the nonce count of this nonce is exhausted");
            return CORDON_STATUS_UNSUPPORTED;
        }
        snprintf(nonce_count, sizeof nonce_count, "%08x", (unsigned)count);
    }
    const auth_text username = {request->username, strlen(request->username)};
    const auth_text uri = {request->request_uri, strlen(request->request_uri)};
    const digest_response_input input = {
        .algorithm = challenge->algorithm,
        .qop = qop,
        .username = username,
        .realm = challenge->realm,
        .password = {request->password, strlen(request->password)},
        .nonce = challenge->nonce,
        .cnonce = {cnonce, strlen(cnonce)},
        .nonce_count = {nonce_count, strlen(nonce_count)},
        .method = {request->method, strlen(request->method)},
        .uri = uri,
        .body = request->body,
        .body_length = request->body_length,
    };
    char response[DIGEST_MAX_HEX_CHARS + 1];
    if (!digest_compute_response(&input, response)) {
        auth_outcome_refuse(outcome, "OpenSSL could not compute %s", challenge->algorithm->name);
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    const digest_answer_fields fields = {
        .username = username,
        .uri = uri,
        .challenge = challenge,
        .algorithm = challenge->algorithm->name,
        .qop = qop,
        .cnonce = cnonce,
        .nonce_count = nonce_count,
        .response = response,
    };
    const size_t written = digest_answer_write(&fields, answer, answer_capacity);
    if (written == 0)
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    if (qop != DIGEST_QOP_NONE)
        nonce_counter_commit(&session->counter, counter_key, count);
    *answer_length = written;
    outcome->stale = challenge->stale ? 1u : 0u;
    auth_outcome_text(outcome->realm, sizeof outcome->realm, challenge->realm.data, challenge->realm.length);
    auth_outcome_text(outcome->algorithm, sizeof outcome->algorithm, challenge->algorithm->name,
                      strlen(challenge->algorithm->name));
    plugin_log(CORDON_LOG_DEBUG, "digest: answered realm \"%s\" with %s, qop %s%s", outcome->realm,
               challenge->algorithm->name, qop == DIGEST_QOP_NONE ? "none" : digest_qop_name(qop),
               challenge->stale ? " (stale nonce)" : "");
    return CORDON_STATUS_OK;
}

cordon_status digest_session_answer(cordon_auth_session *session, const cordon_auth_request *request,
                                    const cordon_auth_challenge *challenges, uint32_t count, char *answer,
                                    size_t answer_capacity, size_t *answer_length, cordon_auth_outcome *outcome)
{
    const cordon_status status = auth_call_begin(request, challenges, count, answer, answer_length, outcome);
    if (status != CORDON_STATUS_OK)
        return status;
    if (session == NULL) {
        auth_outcome_refuse(outcome, "no session");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    const char *problem = request_problem(request);
    if (problem != NULL) {
        auth_outcome_refuse(outcome, "%s", problem);
        plugin_log(CORDON_LOG_WARNING, "digest: refused to answer: %s", problem);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    auth_param_list list;
    first_problem passed_over = {.seen = false};
    uint32_t parsed = 0;
    const uint32_t best = choose(session, challenges, count, &list, &passed_over, &parsed);
    if (best == count) {
        auth_outcome_refuse(outcome, "no Digest challenge can be answered; challenge %u: %s",
                            (unsigned)passed_over.index, passed_over.text);
        return parsed == 0 ? CORDON_STATUS_MALFORMED_INPUT : CORDON_STATUS_UNSUPPORTED;
    }
    digest_challenge chosen;
    auth_parse_error unused;
    (void)digest_challenge_read(challenges[best].value, challenges[best].length, &list, &chosen, &unused);
    outcome->chosen = best;
    return answer_challenge(session, request, &chosen, answer, answer_capacity, answer_length, outcome);
}
