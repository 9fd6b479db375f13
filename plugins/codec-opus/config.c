/*
 * The Opus format table and the checks on a cordon_codec_config: format,
 * sample rate, channels, frame duration, rate controls and the RFC 7587 fmtp
 * parameters. Values are parsed strictly (digits only, no sign, no overflow,
 * range-checked); a refusal is logged with the offending name.
 */
#include <stddef.h>
#include <string.h>

#include "codec-opus/opus_plugin.h"
#include "common/codec_config.h"
#include "common/fmtp_params.h"
#include "common/fmtp_value.h"
#include "common/host_services.h"

#define ARRAY_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

static const uint32_t opus_sample_rates[] = {8000u, 12000u, 16000u, 24000u, 48000u};
static const uint32_t opus_frame_durations_us[] = {2500u, 5000u, 10000u, 20000u, 40000u, 60000u};

enum opus_param {
    PARAM_USEINBANDFEC,
    PARAM_USEDTX,
    PARAM_CBR,
    PARAM_MAXAVERAGEBITRATE,
    PARAM_STEREO,
    PARAM_SPROP_STEREO,
    PARAM_MAXPLAYBACKRATE,
    PARAM_SPROP_MAXCAPTURERATE,
    PARAM_COUNT
};

/* Indexed by enum opus_param. */
static const char *const opus_fmtp_names[PARAM_COUNT] = {
    "useinbandfec",         "usedtx", "cbr", "maxaveragebitrate", "stereo", "sprop-stereo", "maxplaybackrate",
    "sprop-maxcapturerate",
};

const cordon_codec_format opus_format = {
    .encoding_name = "opus",
    .clock_rate = OPUS_RTP_CLOCK_RATE,
    .rtp_channels = OPUS_RTP_CHANNELS,
    .static_payload_type = -1, /* dynamic payload type */
    .sample_rates = opus_sample_rates,
    .sample_rate_count = ARRAY_COUNT(opus_sample_rates),
    .max_channels = OPUS_MAX_CHANNELS,
    .frame_durations_us = opus_frame_durations_us,
    .frame_duration_count = ARRAY_COUNT(opus_frame_durations_us),
    .fmtp_parameters = opus_fmtp_names,
    .fmtp_parameter_count = PARAM_COUNT,
    .has_inband_fec = 1u, /* conceal() decodes the next packet's in-band FEC */
};

static bool parse_flag(const char *text, bool *flag)
{
    uint32_t value = 0;
    if (!fmtp_parse_decimal(text, 0u, 1u, &value))
        return false;
    *flag = value != 0u;
    return true;
}

/* An fmtp_apply_fn: which indexes opus_fmtp_names, that is enum opus_param. */
static cordon_status apply_param(void *context, uint32_t which, const char *value)
{
    struct opus_settings *settings = context;
    const enum opus_param param = (enum opus_param)which;
    const char *name = opus_fmtp_names[param];
    bool flag = false;
    uint32_t number = 0;
    switch (param) {
    case PARAM_USEINBANDFEC:
    case PARAM_USEDTX:
    case PARAM_CBR:
    case PARAM_STEREO:
    case PARAM_SPROP_STEREO:
        if (!parse_flag(value, &flag))
            return fmtp_refuse_value(OPUS_CODEC_NAME, name, value, "0 or 1");
        if (param == PARAM_USEINBANDFEC)
            settings->inband_fec = flag;
        else if (param == PARAM_USEDTX)
            settings->dtx = flag;
        else if (param == PARAM_CBR)
            settings->cbr = flag;
        else if (param == PARAM_STEREO)
            settings->prefer_mono = !flag;
        /* sprop-stereo says what the peer sends; the decoder always gives the
         * configured channel count, so it is checked and otherwise unused. */
        return CORDON_STATUS_OK;
    case PARAM_MAXAVERAGEBITRATE:
        if (!fmtp_parse_decimal(value, OPUS_MIN_BITRATE_BPS, OPUS_MAX_BITRATE_BPS, &number))
            return fmtp_refuse_value(OPUS_CODEC_NAME, name, value, "6000..510000");
        settings->max_average_bitrate = number;
        return CORDON_STATUS_OK;
    case PARAM_MAXPLAYBACKRATE:
    case PARAM_SPROP_MAXCAPTURERATE:
        if (!fmtp_parse_decimal(value, OPUS_MIN_PLAYBACK_RATE, OPUS_MAX_PLAYBACK_RATE, &number))
            return fmtp_refuse_value(OPUS_CODEC_NAME, name, value, "8000..48000");
        /* sprop-maxcapturerate describes the peer's input: checked, unused. */
        if (param == PARAM_MAXPLAYBACKRATE)
            settings->max_playback_rate = number;
        return CORDON_STATUS_OK;
    case PARAM_COUNT:
        break;
    }
    return CORDON_STATUS_INTERNAL_ERROR;
}

static cordon_status read_rate_controls(const cordon_codec_config *config, struct opus_settings *settings)
{
    if (config->bitrate_bps != 0u &&
        (config->bitrate_bps < OPUS_MIN_BITRATE_BPS || config->bitrate_bps > OPUS_MAX_BITRATE_BPS)) {
        plugin_log(CORDON_LOG_ERROR, "opus: bitrate %u bps is outside 6000..510000", (unsigned)config->bitrate_bps);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    const cordon_status status = codec_config_check_complexity_and_loss(OPUS_CODEC_NAME, config);
    if (status != CORDON_STATUS_OK)
        return status;
    settings->bitrate_bps = config->bitrate_bps;
    settings->complexity = config->complexity;
    settings->loss_percent = config->expected_loss_percent;
    return CORDON_STATUS_OK;
}

cordon_status opus_read_config(const cordon_codec_config *config, struct opus_settings *settings)
{
    memset(settings, 0, sizeof *settings);
    cordon_status status = codec_config_check_size_and_name(OPUS_CODEC_NAME, config);
    if (status != CORDON_STATUS_OK)
        return status;
    uint32_t format_index = 0;
    if (!codec_config_find_format(config, &opus_format, 1u, &format_index)) {
        plugin_log(CORDON_LOG_ERROR, "opus: format is not opus/48000");
        return CORDON_STATUS_UNSUPPORTED;
    }
    if (!codec_list_contains(opus_sample_rates, ARRAY_COUNT(opus_sample_rates), config->sample_rate)) {
        plugin_log(CORDON_LOG_ERROR, "opus: sample rate %u Hz is not 8000, 12000, 16000, 24000 or 48000",
                   (unsigned)config->sample_rate);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->channels < 1u || config->channels > OPUS_MAX_CHANNELS) {
        plugin_log(CORDON_LOG_ERROR, "opus: %u channels, expected 1 or 2", (unsigned)config->channels);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (!codec_list_contains(opus_frame_durations_us, ARRAY_COUNT(opus_frame_durations_us),
                             config->frame_duration_us)) {
        plugin_log(CORDON_LOG_ERROR, "opus: frame duration %u us is not 2.5, 5, 10, 20, 40 or 60 ms",
                   (unsigned)config->frame_duration_us);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    settings->sample_rate = config->sample_rate;
    settings->channels = config->channels;
    settings->frame_duration_us = config->frame_duration_us;

    status = read_rate_controls(config, settings);
    if (status != CORDON_STATUS_OK)
        return status;
    return fmtp_read_params(OPUS_CODEC_NAME, config, &opus_format, apply_param, settings);
}
