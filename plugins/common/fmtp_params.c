/*
 * The fmtp parameter list of a codec config (see fmtp_params.h).
 */
#include "common/fmtp_params.h"

#include <stdbool.h>

#include "common/ascii_text.h"
#include "common/host_services.h"

/* Values are quoted in log lines only this far, and only printable ASCII. */
#define LOGGED_VALUE_BYTES 32u

cordon_status fmtp_refuse_value(const char *codec, const char *name, const char *value, const char *expected)
{
    char shown[LOGGED_VALUE_BYTES + 1u];
    ascii_printable_copy(value, shown, sizeof shown);
    plugin_log(CORDON_LOG_ERROR, "%s: fmtp %s=\"%s\" refused: expected %s", codec, name, shown, expected);
    return CORDON_STATUS_INVALID_ARGUMENT;
}

/* The index of name in the format's list, or count when it is not there. */
static uint32_t find_name(const cordon_codec_format *format, const char *name)
{
    uint32_t which = 0;
    while (which < format->fmtp_parameter_count && !ascii_equal_nocase(name, format->fmtp_parameters[which]))
        ++which;
    return which;
}

cordon_status fmtp_read_params(const char *codec, const cordon_codec_config *config, const cordon_codec_format *format,
                               fmtp_apply_fn apply, void *settings)
{
    if (config->param_count == 0u)
        return CORDON_STATUS_OK;
    const uint32_t known = format->fmtp_parameter_count;
    if (known > CORDON_CODEC_MAX_LIST_ENTRIES) {
        /* The host would have refused such a format: a bug in the plugin. */
        plugin_log(CORDON_LOG_ERROR, "%s: format lists %u fmtp names, above the ABI's limit", codec, (unsigned)known);
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    if (config->params == NULL || config->param_count > known) {
        /* More entries than names means a duplicate or an unknown name. */
        plugin_log(CORDON_LOG_ERROR, "%s: %u fmtp parameters given, at most %u known", codec,
                   (unsigned)config->param_count, (unsigned)known);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    bool seen[CORDON_CODEC_MAX_LIST_ENTRIES] = {false};
    for (uint32_t i = 0; i < config->param_count; ++i) {
        const cordon_codec_param *param = &config->params[i];
        if (param->name == NULL || param->value == NULL) {
            plugin_log(CORDON_LOG_ERROR, "%s: fmtp parameter %u has no name or value", codec, (unsigned)i);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        const uint32_t which = find_name(format, param->name);
        if (which == known) {
            char shown[LOGGED_VALUE_BYTES + 1u];
            ascii_printable_copy(param->name, shown, sizeof shown);
            plugin_log(CORDON_LOG_ERROR, "%s: unknown fmtp parameter \"%s\"", codec, shown);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        /* Two values for one name: refuse rather than pick one. */
        if (seen[which]) {
            plugin_log(CORDON_LOG_ERROR, "%s: fmtp parameter %s given twice", codec, format->fmtp_parameters[which]);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        seen[which] = true;
        const cordon_status status = apply(settings, which, param->value);
        if (status != CORDON_STATUS_OK)
            return status;
    }
    return CORDON_STATUS_OK;
}
