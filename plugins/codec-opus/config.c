/*
 * The Opus format table and the checks on a cordon_codec_config: format,
 * sample rate, channels, frame duration, rate controls and the RFC 7587 fmtp
 * parameters. Values are parsed strictly (digits only, no sign, no overflow,
 * range-checked); a refusal is logged with the offending name.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "opus_plugin.h"

#define ARRAY_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

#define COMPLEXITY_DEFAULT (-1)
#define COMPLEXITY_MAX 10
#define LOSS_PERCENT_MAX 100u
#define DECIMAL_BASE 10u
/* Values are quoted in log lines only this far, and only printable ASCII. */
#define LOGGED_VALUE_BYTES 32u

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

/* The host may be newer (larger struct) but never older than ABI 1.0. */
#define CONFIG_V1_SIZE (offsetof(cordon_codec_config, param_count) + sizeof(uint32_t))

static int ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

static bool ascii_equal_nocase(const char *a, const char *b)
{
    for (;; ++a, ++b) {
        const int ca = ascii_lower((unsigned char)*a);
        if (ca != ascii_lower((unsigned char)*b))
            return false;
        if (ca == '\0')
            return true;
    }
}

static bool list_contains(const uint32_t *list, uint32_t count, uint32_t value)
{
    for (uint32_t i = 0; i < count; ++i)
        if (list[i] == value)
            return true;
    return false;
}

/* Digits only: no sign, no space, no empty string, no overflow; then min..max. */
static bool parse_decimal(const char *text, uint32_t min, uint32_t max, uint32_t *value)
{
    if (*text == '\0')
        return false;
    uint32_t result = 0;
    for (const char *p = text; *p != '\0'; ++p) {
        if (*p < '0' || *p > '9')
            return false;
        const uint32_t digit = (uint32_t)(*p - '0');
        if (result > (UINT32_MAX - digit) / DECIMAL_BASE)
            return false;
        result = result * DECIMAL_BASE + digit;
    }
    if (result < min || result > max)
        return false;
    *value = result;
    return true;
}

/* A peer's value goes into a log line: keep it short, printable, one line. */
static void printable_copy(const char *text, char *out, size_t out_size)
{
    size_t used = 0;
    for (; text[used] != '\0' && used + 1 < out_size; ++used) {
        const unsigned char c = (unsigned char)text[used];
        out[used] = (c >= ' ' && c <= '~') ? (char)c : '?';
    }
    out[used] = '\0';
}

static cordon_status refuse_value(const char *name, const char *value, const char *expected)
{
    char shown[LOGGED_VALUE_BYTES + 1];
    printable_copy(value, shown, sizeof shown);
    opus_plugin_log(CORDON_LOG_ERROR, "opus: fmtp %s=\"%s\" refused: expected %s", name, shown, expected);
    return CORDON_STATUS_INVALID_ARGUMENT;
}

static bool parse_flag(const char *text, bool *flag)
{
    uint32_t value = 0;
    if (!parse_decimal(text, 0u, 1u, &value))
        return false;
    *flag = value != 0u;
    return true;
}

static cordon_status apply_param(enum opus_param param, const char *value, struct opus_settings *settings)
{
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
            return refuse_value(name, value, "0 or 1");
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
        if (!parse_decimal(value, OPUS_MIN_BITRATE_BPS, OPUS_MAX_BITRATE_BPS, &number))
            return refuse_value(name, value, "6000..510000");
        settings->max_average_bitrate = number;
        return CORDON_STATUS_OK;
    case PARAM_MAXPLAYBACKRATE:
    case PARAM_SPROP_MAXCAPTURERATE:
        if (!parse_decimal(value, OPUS_MIN_PLAYBACK_RATE, OPUS_MAX_PLAYBACK_RATE, &number))
            return refuse_value(name, value, "8000..48000");
        /* sprop-maxcapturerate describes the peer's input: checked, unused. */
        if (param == PARAM_MAXPLAYBACKRATE)
            settings->max_playback_rate = number;
        return CORDON_STATUS_OK;
    case PARAM_COUNT:
        break;
    }
    return CORDON_STATUS_INTERNAL_ERROR;
}

static cordon_status read_params(const cordon_codec_config *config, struct opus_settings *settings)
{
    if (config->param_count == 0u)
        return CORDON_STATUS_OK;
    if (config->params == NULL || config->param_count > PARAM_COUNT) {
        /* More entries than names means a duplicate or an unknown name. */
        opus_plugin_log(CORDON_LOG_ERROR, "opus: %u fmtp parameters given, at most %u known",
                        (unsigned)config->param_count, (unsigned)PARAM_COUNT);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    bool seen[PARAM_COUNT] = {false};
    for (uint32_t i = 0; i < config->param_count; ++i) {
        const cordon_codec_param *param = &config->params[i];
        if (param->name == NULL || param->value == NULL) {
            opus_plugin_log(CORDON_LOG_ERROR, "opus: fmtp parameter %u has no name or value", (unsigned)i);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        uint32_t which = 0;
        while (which < PARAM_COUNT && !ascii_equal_nocase(param->name, opus_fmtp_names[which]))
            ++which;
        if (which == PARAM_COUNT) {
            char shown[LOGGED_VALUE_BYTES + 1];
            printable_copy(param->name, shown, sizeof shown);
            opus_plugin_log(CORDON_LOG_ERROR, "opus: unknown fmtp parameter \"%s\"", shown);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        /* Two values for one name: refuse rather than pick one. */
        if (seen[which]) {
            opus_plugin_log(CORDON_LOG_ERROR, "opus: fmtp parameter %s given twice", opus_fmtp_names[which]);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        seen[which] = true;
        const cordon_status status = apply_param((enum opus_param)which, param->value, settings);
        if (status != CORDON_STATUS_OK)
            return status;
    }
    return CORDON_STATUS_OK;
}

static cordon_status read_rate_controls(const cordon_codec_config *config, struct opus_settings *settings)
{
    if (config->bitrate_bps != 0u &&
        (config->bitrate_bps < OPUS_MIN_BITRATE_BPS || config->bitrate_bps > OPUS_MAX_BITRATE_BPS)) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: bitrate %u bps is outside 6000..510000",
                        (unsigned)config->bitrate_bps);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->complexity < COMPLEXITY_DEFAULT || config->complexity > COMPLEXITY_MAX) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: complexity %d is outside -1..10", (int)config->complexity);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->expected_loss_percent > LOSS_PERCENT_MAX) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: expected loss %u%% is above 100%%",
                        (unsigned)config->expected_loss_percent);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    settings->bitrate_bps = config->bitrate_bps;
    settings->complexity = config->complexity;
    settings->loss_percent = config->expected_loss_percent;
    return CORDON_STATUS_OK;
}

cordon_status opus_read_config(const cordon_codec_config *config, struct opus_settings *settings)
{
    memset(settings, 0, sizeof *settings);
    if (config->struct_size < CONFIG_V1_SIZE) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: config struct_size %u is smaller than ABI 1.0's",
                        (unsigned)config->struct_size);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->encoding_name == NULL) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: config has no encoding name");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (!ascii_equal_nocase(config->encoding_name, opus_format.encoding_name) ||
        config->clock_rate != opus_format.clock_rate) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: format is not opus/48000");
        return CORDON_STATUS_UNSUPPORTED;
    }
    if (!list_contains(opus_sample_rates, ARRAY_COUNT(opus_sample_rates), config->sample_rate)) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: sample rate %u Hz is not 8000, 12000, 16000, 24000 or 48000",
                        (unsigned)config->sample_rate);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->channels < 1u || config->channels > OPUS_MAX_CHANNELS) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: %u channels, expected 1 or 2", (unsigned)config->channels);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (!list_contains(opus_frame_durations_us, ARRAY_COUNT(opus_frame_durations_us), config->frame_duration_us)) {
        opus_plugin_log(CORDON_LOG_ERROR, "opus: frame duration %u us is not 2.5, 5, 10, 20, 40 or 60 ms",
                        (unsigned)config->frame_duration_us);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    settings->sample_rate = config->sample_rate;
    settings->channels = config->channels;
    settings->frame_duration_us = config->frame_duration_us;

    const cordon_status status = read_rate_controls(config, settings);
    if (status != CORDON_STATUS_OK)
        return status;
    return read_params(config, settings);
}
