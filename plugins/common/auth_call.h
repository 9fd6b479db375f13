/*
 * What every auth plugin's answer() does first and last: check the host's
 * arguments and structs, clear the outputs, and fill the outcome (realm,
 * algorithm, refusal) within its arrays. Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_AUTH_CALL_H
#define CORDON_PLUGIN_SUPPORT_AUTH_CALL_H

#include <stddef.h>
#include <stdint.h>

#include "common/host_services.h"
#include "cordon/auth.h"

/* Zeroes *answer_length and the outcome's fields, then checks that nothing
 * the call needs is NULL, that the request and outcome are at least their
 * ABI 1.0 size, that count is 1..CORDON_AUTH_MAX_CHALLENGES and that a body
 * length comes with a body. INVALID_ARGUMENT (with a refusal when the
 * outcome is usable) or OK. */
cordon_status auth_call_begin(const cordon_auth_request *request, const cordon_auth_challenge *challenges,
                              uint32_t count, const char *answer, size_t *answer_length, cordon_auth_outcome *outcome);

/* Writes the refusal, formatted like printf and cut to fit its array. */
void auth_outcome_refuse(cordon_auth_outcome *outcome, const char *format, ...) PLUGIN_PRINTF_LIKE(2, 3);

/* Copies text[0..length) into a fixed array of size bytes, NUL-terminated.
 * The caller makes sure it fits. */
void auth_outcome_text(char *field, size_t size, const char *text, size_t length);

#endif /* CORDON_PLUGIN_SUPPORT_AUTH_CALL_H */
