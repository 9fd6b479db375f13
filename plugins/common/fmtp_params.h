/*
 * Reading cordon_codec_config.params against the fmtp names a format lists:
 * every name must be known (matched without regard to case) and given once;
 * the codec applies each value through a callback. Every refusal is logged
 * with the codec's name and the offending parameter.
 * Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_FMTP_PARAMS_H
#define CORDON_PLUGIN_SUPPORT_FMTP_PARAMS_H

#include <stdint.h>

#include "cordon/codec.h"

/* Applies value to the codec's settings for the parameter with index which
 * in the format's fmtp_parameters. A bad value is refused with
 * fmtp_refuse_value(). */
typedef cordon_status (*fmtp_apply_fn)(void *settings, uint32_t which, const char *value);

/* Checks config->params (names known by format, none twice, none NULL) and
 * hands each to apply, in the order given. codec prefixes the log lines
 * ("opus"). INVALID_ARGUMENT for a refused parameter, else apply's status. */
cordon_status fmtp_read_params(const char *codec, const cordon_codec_config *config, const cordon_codec_format *format,
                               fmtp_apply_fn apply, void *settings);

/* Logs that name=value is refused, quoting a printable prefix of value, and
 * what was expected ("0 or 1"); returns INVALID_ARGUMENT. */
cordon_status fmtp_refuse_value(const char *codec, const char *name, const char *value, const char *expected);

#endif /* CORDON_PLUGIN_SUPPORT_FMTP_PARAMS_H */
