/*
 * Config checks shared by the codecs (see codec_config.h).
 */
#include "common/codec_config.h"

#include <stddef.h>

#include "common/ascii_text.h"
#include "common/host_services.h"

/* The host may be newer (larger struct) but never older than ABI 1.0. */
#define CONFIG_V1_SIZE (offsetof(cordon_codec_config, param_count) + sizeof(uint32_t))

cordon_status codec_config_check_size_and_name(const char *codec, const cordon_codec_config *config)
{
    if (config->struct_size < CONFIG_V1_SIZE) {
        plugin_log(CORDON_LOG_ERROR, "%s: config struct_size %u is smaller than ABI 1.0's", codec,
                   (unsigned)config->struct_size);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->encoding_name == NULL) {
        plugin_log(CORDON_LOG_ERROR, "%s: config has no encoding name", codec);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}

bool codec_config_find_format(const cordon_codec_config *config, const cordon_codec_format *formats, uint32_t count,
                              uint32_t *index)
{
    for (uint32_t i = 0; i < count; ++i) {
        if (ascii_equal_nocase(config->encoding_name, formats[i].encoding_name) &&
            config->clock_rate == formats[i].clock_rate) {
            *index = i;
            return true;
        }
    }
    return false;
}

cordon_status codec_config_check_complexity_and_loss(const char *codec, const cordon_codec_config *config)
{
    if (config->complexity < CODEC_COMPLEXITY_DEFAULT || config->complexity > CODEC_COMPLEXITY_MAX) {
        plugin_log(CORDON_LOG_ERROR, "%s: complexity %d is outside -1..10", codec, (int)config->complexity);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->expected_loss_percent > CODEC_LOSS_PERCENT_MAX) {
        plugin_log(CORDON_LOG_ERROR, "%s: expected loss %u%% is above 100%%", codec,
                   (unsigned)config->expected_loss_percent);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}

bool codec_list_contains(const uint32_t *list, uint32_t count, uint32_t value)
{
    for (uint32_t i = 0; i < count; ++i)
        if (list[i] == value)
            return true;
    return false;
}
