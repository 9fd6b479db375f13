/*
 * cordon-auth-basic: HTTP Basic (RFC 7617) behind the "cordon.auth/1"
 * interface, answered only when the request leaves over TLS: Basic sends the
 * password itself, readable by anyone on an unencrypted path.
 */
#include <stdio.h>
#include <stdlib.h>

#include "auth-basic/basic_challenge.h"
#include "auth-basic/basic_credentials.h"
#include "auth-basic/plugin_descriptor.h"
#include "common/auth_call.h"
#include "common/auth_descriptor.h"

#define PLUGIN_ID "org.cordon.auth.basic"
#define PLUGIN_NAME "HTTP Basic authentication (over TLS only)"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"
/* Tried after Digest when a response offers both. */
#define BASIC_PREFERENCE 10u

#define REFUSAL_WITHOUT_TLS "Basic credentials are sent only to a verified TLS next hop"

/* Basic keeps no state; a session exists because the interface has them. */
struct cordon_auth_session {
    int unused;
};

static cordon_status basic_create(const cordon_auth_config *config, cordon_auth_session **out, char *error,
                                  size_t error_capacity)
{
    if (out != NULL)
        *out = NULL;
    const char *problem = NULL;
    if (out == NULL || config == NULL || config->struct_size < sizeof(cordon_auth_config))
        problem = "create needs a configuration and somewhere to put the session";
    else if (config->param_count != 0)
        problem = "Basic takes no parameters";
    if (problem != NULL) {
        if (error != NULL && error_capacity > 0)
            snprintf(error, error_capacity, "%s", problem);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    *out = calloc(1, sizeof **out);
    return *out == NULL ? CORDON_STATUS_OUT_OF_MEMORY : CORDON_STATUS_OK;
}

static void basic_destroy(cordon_auth_session *session) { free(session); }

static cordon_status basic_answer(cordon_auth_session *session, const cordon_auth_request *request,
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
    if (request->next_hop_secure != 1u) {
        auth_outcome_refuse(outcome, REFUSAL_WITHOUT_TLS);
        plugin_log(CORDON_LOG_WARNING, "basic: not answering: the next hop is not a verified TLS server, and "
                                       "Basic would send the password to whoever it is");
        return CORDON_STATUS_UNSUPPORTED;
    }
    const char *problem = basic_credentials_problem(request->username, request->password);
    if (problem != NULL) {
        auth_outcome_refuse(outcome, "%s", problem);
        plugin_log(CORDON_LOG_WARNING, "basic: refused to answer: %s", problem);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    auth_param_list list;
    for (uint32_t i = 0; i < count; ++i) {
        auth_text realm;
        auth_parse_error error;
        if (!basic_challenge_read(challenges[i].value, challenges[i].length, &list, &realm, &error)) {
            plugin_log(CORDON_LOG_DEBUG, "basic: challenge %u not used: malformed: %s at byte %zu", (unsigned)i,
                       error.problem, error.offset);
            if (outcome->refusal[0] == '\0')
                auth_outcome_refuse(outcome,
                                    "no Basic challenge can be answered; challenge %u: malformed: %s at "
                                    "byte %zu",
                                    (unsigned)i, error.problem, error.offset);
            continue;
        }
        const cordon_status written =
            basic_credentials_write(request->username, request->password, answer, answer_capacity, answer_length);
        if (written != CORDON_STATUS_OK)
            return written;
        outcome->refusal[0] = '\0';
        outcome->chosen = i;
        auth_outcome_text(outcome->realm, sizeof outcome->realm, realm.data, realm.length);
        plugin_log(CORDON_LOG_DEBUG, "basic: answered realm \"%s\" over TLS", outcome->realm);
        return CORDON_STATUS_OK;
    }
    return CORDON_STATUS_MALFORMED_INPUT;
}

static const cordon_auth_interface basic_interface = {
    .struct_size = sizeof(cordon_auth_interface),
    .scheme = "Basic",
    .preference = BASIC_PREFERENCE,
    .create = basic_create,
    .destroy = basic_destroy,
    .answer = basic_answer,
};

static const void *plugin_get_interface(const char *interface_id)
{
    return auth_interface_if_asked(interface_id, &basic_interface);
}

static const cordon_plugin_descriptor basic_descriptor =
    AUTH_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, plugin_get_interface);

const cordon_plugin_descriptor *auth_basic_descriptor(void) { return &basic_descriptor; }
