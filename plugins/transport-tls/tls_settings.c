/*
 * TLS parameters (see tls_settings.h).
 */
#include "transport-tls/tls_settings.h"

#include <openssl/ssl.h>
#include <string.h>

#include "common/net_error.h"

/* The config fields up to param_count, which every host passes. */
#define CONFIG_MIN_SIZE (offsetof(cordon_transport_config, param_count) + sizeof(uint32_t))

/* Parameter values are file names or short words; a longer one is a mistake. */
#define PARAM_VALUE_MAX_BYTES 4096u

static cordon_status refuse(char *error, size_t error_capacity, const char *name, const char *why)
{
    net_write_reason(error, error_capacity, "tls: parameter %s %s", name, why);
    return CORDON_STATUS_INVALID_ARGUMENT;
}

enum tls_param {
    PARAM_CA_FILE,
    PARAM_VERIFY,
    PARAM_MIN_VERSION,
    PARAM_CERTIFICATE_FILE,
    PARAM_PRIVATE_KEY_FILE,
    PARAM_COUNT
};

static const char *const param_names[PARAM_COUNT] = {
    [PARAM_CA_FILE] = "tls.ca_file",
    [PARAM_VERIFY] = "tls.verify",
    [PARAM_MIN_VERSION] = "tls.min_version",
    [PARAM_CERTIFICATE_FILE] = "tls.certificate_file",
    [PARAM_PRIVATE_KEY_FILE] = "tls.private_key_file",
};

static cordon_status read_one(const char *name, const char *value, tls_settings *settings, unsigned *seen, char *error,
                              size_t error_capacity)
{
    unsigned index = 0;
    while (index < PARAM_COUNT && strcmp(param_names[index], name) != 0)
        ++index;
    if (index == PARAM_COUNT)
        return refuse(error, error_capacity, name,
                      "is unknown (known: tls.ca_file, tls.verify, tls.min_version, tls.certificate_file, "
                      "tls.private_key_file)");
    if ((*seen & (1u << index)) != 0u)
        return refuse(error, error_capacity, name, "is given twice");
    *seen |= 1u << index;
    const size_t length = strnlen(value, PARAM_VALUE_MAX_BYTES + 1u);
    if (length == 0u || length > PARAM_VALUE_MAX_BYTES)
        return refuse(error, error_capacity, name, "is empty or too long");
    switch (index) {
    case PARAM_CA_FILE:
        settings->ca_file = value;
        return CORDON_STATUS_OK;
    case PARAM_VERIFY:
        if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0) {
            settings->verify = strcmp(value, "true") == 0;
            return CORDON_STATUS_OK;
        }
        return refuse(error, error_capacity, name, "must be \"true\" or \"false\"");
    case PARAM_MIN_VERSION:
        if (strcmp(value, "1.2") == 0 || strcmp(value, "1.3") == 0) {
            settings->min_version = strcmp(value, "1.2") == 0 ? TLS1_2_VERSION : TLS1_3_VERSION;
            return CORDON_STATUS_OK;
        }
        return refuse(error, error_capacity, name, "must be \"1.2\" or \"1.3\" (older versions are not offered)");
    case PARAM_CERTIFICATE_FILE:
        settings->certificate_file = value;
        return CORDON_STATUS_OK;
    default:
        settings->private_key_file = value;
        return CORDON_STATUS_OK;
    }
}

cordon_status tls_settings_read(const cordon_transport_config *config, tls_settings *settings, char *error,
                                size_t error_capacity)
{
    memset(settings, 0, sizeof *settings);
    settings->verify = 1;
    settings->min_version = TLS1_2_VERSION;
    if (config == NULL || config->struct_size < CONFIG_MIN_SIZE || (config->params == NULL && config->param_count))
        return CORDON_STATUS_INVALID_ARGUMENT;
    unsigned seen = 0;
    for (uint32_t i = 0; i < config->param_count; ++i) {
        const cordon_transport_param *param = &config->params[i];
        if (param->name == NULL || param->value == NULL)
            return CORDON_STATUS_INVALID_ARGUMENT;
        const cordon_status status = read_one(param->name, param->value, settings, &seen, error, error_capacity);
        if (status != CORDON_STATUS_OK)
            return status;
    }
    if ((settings->certificate_file == NULL) != (settings->private_key_file == NULL)) {
        net_write_reason(error, error_capacity, "tls: tls.certificate_file and tls.private_key_file go together");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}
