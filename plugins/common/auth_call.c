/*
 * The common start and end of an auth plugin's answer() (see auth_call.h).
 */
#include "common/auth_call.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

cordon_status auth_call_begin(const cordon_auth_request *request, const cordon_auth_challenge *challenges,
                              uint32_t count, const char *answer, size_t *answer_length, cordon_auth_outcome *outcome)
{
    if (answer_length != NULL)
        *answer_length = 0;
    if (outcome == NULL || outcome->struct_size < sizeof(cordon_auth_outcome))
        return CORDON_STATUS_INVALID_ARGUMENT;
    outcome->chosen = 0;
    outcome->stale = 0;
    outcome->realm[0] = '\0';
    outcome->algorithm[0] = '\0';
    outcome->refusal[0] = '\0';
    if (request == NULL || request->struct_size < sizeof(cordon_auth_request) || request->method == NULL ||
        request->request_uri == NULL || request->username == NULL || request->password == NULL) {
        auth_outcome_refuse(outcome, "the request is incomplete");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (request->body == NULL && request->body_length != 0) {
        auth_outcome_refuse(outcome, "the request states a body length without a body");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (challenges == NULL || count == 0 || count > CORDON_AUTH_MAX_CHALLENGES) {
        auth_outcome_refuse(outcome, "between 1 and %u challenges are answered, %u given",
                            (unsigned)CORDON_AUTH_MAX_CHALLENGES, (unsigned)count);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (answer == NULL || answer_length == NULL) {
        auth_outcome_refuse(outcome, "no answer buffer");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}

void auth_outcome_refuse(cordon_auth_outcome *outcome, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    (void)vsnprintf(outcome->refusal, sizeof outcome->refusal, format, args);
    va_end(args);
}

void auth_outcome_text(char *field, size_t size, const char *text, size_t length)
{
    const size_t copied = length < size ? length : size - 1u;
    memcpy(field, text, copied);
    field[copied] = '\0';
}
