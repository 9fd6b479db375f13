/*
 * The Speex format table and the checks on a cordon_codec_config: format,
 * sample rate, channels, frame duration, rate controls and the RFC 5574 fmtp
 * parameters (vbr, cng, mode). Values are parsed strictly; a refusal is
 * logged with the offending name.
 */
#include <stddef.h>
#include <string.h>

#include "codec-speex/speex_plugin.h"
#include "common/ascii_text.h"
#include "common/codec_config.h"
#include "common/fmtp_params.h"
#include "common/fmtp_value.h"
#include "common/host_services.h"

#define ARRAY_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

#define SPEEX_CHANNELS 1u
/* libspeex's lowest complexity is 1; the ABI's 0 means "least effort". */
#define COMPLEXITY_MIN_SPEEX 1
/* RFC 5574 mode ranges: narrowband 1..8, wideband and ultra-wideband 0..10. */
#define NB_MODE_MIN 1u
#define NB_MODE_MAX 8u
#define SB_MODE_MIN 0u
#define SB_MODE_MAX 10u
#define QUOTE '"'
#define LIST_SEPARATOR ','

/* PCM rate equals the clock rate: one list per band. */
#define NB_RATE 8000u
#define WB_RATE 16000u
#define UWB_RATE 32000u
static const uint32_t nb_sample_rates[] = {NB_RATE};
static const uint32_t wb_sample_rates[] = {WB_RATE};
static const uint32_t uwb_sample_rates[] = {UWB_RATE};
static const uint32_t speex_frame_durations_us[] = {20000u};

enum speex_param { PARAM_VBR, PARAM_CNG, PARAM_MODE, PARAM_COUNT };

/* Indexed by enum speex_param. */
static const char *const speex_fmtp_names[PARAM_COUNT] = {"vbr", "cng", "mode"};

#define SPEEX_FORMAT(rate, rates)                                                                                      \
    {                                                                                                                  \
        .encoding_name = "speex", .clock_rate = (rate), .rtp_channels = SPEEX_CHANNELS, .static_payload_type = -1,     \
        .sample_rates = (rates), .sample_rate_count = ARRAY_COUNT(rates), .max_channels = SPEEX_CHANNELS,              \
        .frame_durations_us = speex_frame_durations_us, .frame_duration_count = ARRAY_COUNT(speex_frame_durations_us), \
        .fmtp_parameters = speex_fmtp_names, .fmtp_parameter_count = PARAM_COUNT, .has_inband_fec = 0u                 \
    }

/* Indexed by enum speex_band. */
const cordon_codec_format speex_formats[SPEEX_BAND_COUNT] = {
    SPEEX_FORMAT(NB_RATE, nb_sample_rates),
    SPEEX_FORMAT(WB_RATE, wb_sample_rates),
    SPEEX_FORMAT(UWB_RATE, uwb_sample_rates),
};

/* RFC 5574 "mode": a list in order of preference, quoted in SDP
 * (mode="3,any"); each entry is "any" or a number in the band's range. The
 * first entry is the one the encoder uses; the others are still checked. */
static bool parse_mode_list(const char *text, enum speex_band band, int32_t *submode)
{
    size_t length = strlen(text);
    if (length >= 2u && text[0] == QUOTE && text[length - 1u] == QUOTE) {
        ++text;
        length -= 2u;
    }
    const uint32_t min = band == SPEEX_BAND_NARROW ? NB_MODE_MIN : SB_MODE_MIN;
    const uint32_t max = band == SPEEX_BAND_NARROW ? NB_MODE_MAX : SB_MODE_MAX;
    bool first = true;
    for (size_t start = 0;;) {
        size_t end = start;
        while (end < length && text[end] != LIST_SEPARATOR)
            ++end;
        int32_t entry = SPEEX_SUBMODE_DEFAULT;
        uint32_t number = 0;
        if (fmtp_parse_decimal_span(text + start, end - start, min, max, &number))
            entry = (int32_t)number;
        else if (!ascii_span_equal_nocase(text + start, end - start, "any"))
            return false; /* also refuses an empty entry and a stray quote */
        if (first)
            *submode = entry;
        first = false;
        if (end == length)
            return true;
        start = end + 1u;
    }
}

/* An fmtp_apply_fn: which indexes speex_fmtp_names, that is enum speex_param. */
static cordon_status apply_param(void *context, uint32_t which, const char *value)
{
    struct speex_settings *settings = context;
    const enum speex_param param = (enum speex_param)which;
    const char *name = speex_fmtp_names[param];
    switch (param) {
    case PARAM_VBR:
        if (ascii_equal_nocase(value, "on"))
            settings->vbr = SPEEX_VBR_ON;
        else if (ascii_equal_nocase(value, "off"))
            settings->vbr = SPEEX_VBR_OFF;
        else if (ascii_equal_nocase(value, "vad"))
            settings->vbr = SPEEX_VBR_VAD;
        else
            return fmtp_refuse_value(SPEEX_CODEC_NAME, name, value, "on, off or vad");
        return CORDON_STATUS_OK;
    case PARAM_CNG:
        if (ascii_equal_nocase(value, "on"))
            settings->cng = true;
        else if (ascii_equal_nocase(value, "off"))
            settings->cng = false;
        else
            return fmtp_refuse_value(SPEEX_CODEC_NAME, name, value, "on or off");
        return CORDON_STATUS_OK;
    case PARAM_MODE:
        if (!parse_mode_list(value, settings->band, &settings->submode))
            return fmtp_refuse_value(SPEEX_CODEC_NAME, name, value,
                                     settings->band == SPEEX_BAND_NARROW ? "a list of \"any\" and 1..8"
                                                                         : "a list of \"any\" and 0..10");
        return CORDON_STATUS_OK;
    case PARAM_COUNT:
        break;
    }
    return CORDON_STATUS_INTERNAL_ERROR;
}

static cordon_status read_rate_controls(const cordon_codec_config *config, struct speex_settings *settings)
{
    const cordon_status status = codec_config_check_complexity_and_loss(SPEEX_CODEC_NAME, config);
    if (status != CORDON_STATUS_OK)
        return status;
    /* Any bitrate is a valid target: libspeex takes the best quality whose
     * rate does not exceed it (or the lowest one). */
    settings->bitrate_bps = config->bitrate_bps;
    settings->complexity = config->complexity;
    if (settings->complexity != SPEEX_COMPLEXITY_DEFAULT && settings->complexity < COMPLEXITY_MIN_SPEEX)
        settings->complexity = COMPLEXITY_MIN_SPEEX;
    settings->loss_percent = config->expected_loss_percent;
    return CORDON_STATUS_OK;
}

cordon_status speex_read_config(const cordon_codec_config *config, struct speex_settings *settings)
{
    memset(settings, 0, sizeof *settings);
    settings->submode = SPEEX_SUBMODE_DEFAULT;
    settings->vbr = SPEEX_VBR_OFF;
    cordon_status status = codec_config_check_size_and_name(SPEEX_CODEC_NAME, config);
    if (status != CORDON_STATUS_OK)
        return status;
    uint32_t band = 0;
    if (!codec_config_find_format(config, speex_formats, SPEEX_BAND_COUNT, &band)) {
        plugin_log(CORDON_LOG_ERROR, "speex: format is not speex/8000, /16000 or /32000");
        return CORDON_STATUS_UNSUPPORTED;
    }
    settings->band = (enum speex_band)band;
    const cordon_codec_format *format = &speex_formats[settings->band];
    if (config->sample_rate != format->sample_rates[0]) {
        plugin_log(CORDON_LOG_ERROR, "speex: sample rate %u Hz, expected the clock rate %u",
                   (unsigned)config->sample_rate, (unsigned)format->clock_rate);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->channels != SPEEX_CHANNELS) {
        plugin_log(CORDON_LOG_ERROR, "speex: %u channels, only mono is offered", (unsigned)config->channels);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->frame_duration_us != speex_frame_durations_us[0]) {
        plugin_log(CORDON_LOG_ERROR, "speex: frame duration %u us, only 20 ms is offered",
                   (unsigned)config->frame_duration_us);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    status = read_rate_controls(config, settings);
    if (status != CORDON_STATUS_OK)
        return status;
    return fmtp_read_params(SPEEX_CODEC_NAME, config, format, apply_param, settings);
}
