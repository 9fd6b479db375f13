/*
 * cordon-auth-digest: HTTP Digest for SIP (RFC 3261 section 22.4, RFC 7616,
 * RFC 8760) behind the "cordon.auth/1" interface.
 *
 * The ABI glue: the descriptor, the interface table and sessions with their
 * one parameter. Choosing and answering a challenge is digest_session.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth-digest/digest_session.h"
#include "auth-digest/plugin_descriptor.h"
#include "common/ascii_text.h"
#include "common/auth_descriptor.h"

#define PLUGIN_ID "org.cordon.auth.digest"
#define PLUGIN_NAME "HTTP Digest authentication (MD5, SHA-256, SHA-512-256)"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"
/* Tried before Basic when a response offers both. */
#define DIGEST_PREFERENCE 100u

static void report(char *error, size_t error_capacity, const char *text)
{
    if (error != NULL && error_capacity > 0)
        snprintf(error, error_capacity, "%s", text);
}

/* refuse_md5 = "true" | "false", once; nothing else is known. */
static cordon_status read_params(const cordon_auth_config *config, digest_policy *policy, char *error,
                                 size_t error_capacity)
{
    bool seen_refuse_md5 = false;
    for (uint32_t i = 0; i < config->param_count; ++i) {
        const cordon_auth_param *param = &config->params[i];
        if (param->name == NULL || param->value == NULL) {
            report(error, error_capacity, "a parameter has no name or value");
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        if (strcmp(param->name, "refuse_md5") != 0) {
            char shown[64];
            ascii_printable_copy(param->name, shown, sizeof shown);
            char text[128];
            snprintf(text, sizeof text, "unknown parameter \"%s\" (known: refuse_md5)", shown);
            report(error, error_capacity, text);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        if (seen_refuse_md5) {
            report(error, error_capacity, "refuse_md5 is given twice");
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        seen_refuse_md5 = true;
        if (strcmp(param->value, "true") == 0) {
            policy->refuse_md5 = true;
        } else if (strcmp(param->value, "false") == 0) {
            policy->refuse_md5 = false;
        } else {
            report(error, error_capacity, "refuse_md5 must be \"true\" or \"false\"");
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
    }
    return CORDON_STATUS_OK;
}

static cordon_status digest_create(const cordon_auth_config *config, cordon_auth_session **out, char *error,
                                   size_t error_capacity)
{
    if (out != NULL)
        *out = NULL;
    if (error != NULL && error_capacity > 0)
        error[0] = '\0';
    if (out == NULL || config == NULL || config->struct_size < sizeof(cordon_auth_config) ||
        (config->param_count > 0 && config->params == NULL)) {
        report(error, error_capacity, "create needs a configuration and somewhere to put the session");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    digest_policy policy = {.refuse_md5 = false};
    const cordon_status status = read_params(config, &policy, error, error_capacity);
    if (status != CORDON_STATUS_OK)
        return status;
    cordon_auth_session *session = calloc(1, sizeof *session);
    if (session == NULL) {
        report(error, error_capacity, "out of memory");
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    session->policy = policy;
    *out = session;
    return CORDON_STATUS_OK;
}

static void digest_destroy(cordon_auth_session *session) { free(session); }

static const cordon_auth_interface digest_interface = {
    .struct_size = sizeof(cordon_auth_interface),
    .scheme = "Digest",
    .preference = DIGEST_PREFERENCE,
    .create = digest_create,
    .destroy = digest_destroy,
    .answer = digest_session_answer,
};

static const void *plugin_get_interface(const char *interface_id)
{
    return auth_interface_if_asked(interface_id, &digest_interface);
}

static const cordon_plugin_descriptor digest_descriptor =
    AUTH_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, plugin_get_interface);

const cordon_plugin_descriptor *auth_digest_descriptor(void) { return &digest_descriptor; }
