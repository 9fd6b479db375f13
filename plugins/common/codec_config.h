/*
 * Checks on a cordon_codec_config that read the same in every codec: the
 * struct's size and encoding name, the format lookup, the encoder effort
 * fields. What a codec accepts beyond these (rates, durations, channels,
 * bitrates, fmtp values) stays in the codec. Every refusal is logged with
 * the codec's name ("opus") in front.
 * Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_CODEC_CONFIG_H
#define CORDON_PLUGIN_SUPPORT_CODEC_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "cordon/codec.h"

/* cordon_codec_config.complexity: -1 is the codec's default, else 0..10. */
#define CODEC_COMPLEXITY_DEFAULT (-1)
#define CODEC_COMPLEXITY_MAX 10
/* cordon_codec_config.expected_loss_percent: 0..100. */
#define CODEC_LOSS_PERCENT_MAX 100u

/* INVALID_ARGUMENT when struct_size is below ABI 1.0's (the host may be newer,
 * never older) or the encoding name is NULL. */
cordon_status codec_config_check_size_and_name(const char *codec, const cordon_codec_config *config);

/* The index into formats of the one whose encoding name (any case) and clock
 * rate the config asks for; false when none is. */
bool codec_config_find_format(const cordon_codec_config *config, const cordon_codec_format *formats, uint32_t count,
                              uint32_t *index);

/* INVALID_ARGUMENT when complexity is outside -1..10 or the expected loss is
 * above 100 percent; codecs that ignore them still refuse nonsense. */
cordon_status codec_config_check_complexity_and_loss(const char *codec, const cordon_codec_config *config);

/* value is one of the count entries of list. */
bool codec_list_contains(const uint32_t *list, uint32_t count, uint32_t value);

#endif /* CORDON_PLUGIN_SUPPORT_CODEC_CONFIG_H */
