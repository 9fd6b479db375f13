/*
 * The Speex format table and the checks on a cordon_codec_config: format,
 * sample rate, channels, frame duration, rate controls and the RFC 5574 fmtp
 * parameters (vbr, cng, mode). Values are parsed strictly; a refusal is
 * logged with the offending name.
 */
#include <stddef.h>
#include <string.h>

#include "speex_plugin.h"

#define ARRAY_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

#define SPEEX_CHANNELS 1u
#define COMPLEXITY_MAX 10
/* libspeex's lowest complexity is 1; the ABI's 0 means "least effort". */
#define COMPLEXITY_MIN_SPEEX 1
#define LOSS_PERCENT_MAX 100u
#define DECIMAL_BASE 10u
/* RFC 5574 mode ranges: narrowband 1..8, wideband and ultra-wideband 0..10. */
#define NB_MODE_MIN 1u
#define NB_MODE_MAX 8u
#define SB_MODE_MIN 0u
#define SB_MODE_MAX 10u
#define QUOTE '"'
#define LIST_SEPARATOR ','
/* Values are quoted in log lines only this far, and only printable ASCII. */
#define LOGGED_VALUE_BYTES 32u

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

/* The host may be newer (larger struct) but never older than ABI 1.0. */
#define CONFIG_V1_SIZE (offsetof(cordon_codec_config, param_count) + sizeof(uint32_t))

static int ascii_lower(int c) { return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c; }

/* Compares the first length bytes of text with the whole of word. */
static bool span_equals_nocase(const char *text, size_t length, const char *word)
{
    if (strlen(word) != length)
        return false;
    for (size_t i = 0; i < length; ++i)
        if (ascii_lower((unsigned char)text[i]) != ascii_lower((unsigned char)word[i]))
            return false;
    return true;
}

static bool equals_nocase(const char *text, const char *word) { return span_equals_nocase(text, strlen(text), word); }

/* Digits only: no sign, no space, not empty, no overflow; then min..max. */
static bool parse_decimal_span(const char *text, size_t length, uint32_t min, uint32_t max, uint32_t *value)
{
    if (length == 0u)
        return false;
    uint32_t result = 0;
    for (size_t i = 0; i < length; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        const uint32_t digit = (uint32_t)(text[i] - '0');
        if (result > (UINT32_MAX - digit) / DECIMAL_BASE)
            return false;
        result = result * DECIMAL_BASE + digit;
    }
    if (result < min || result > max)
        return false;
    *value = result;
    return true;
}

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
        if (parse_decimal_span(text + start, end - start, min, max, &number))
            entry = (int32_t)number;
        else if (!span_equals_nocase(text + start, end - start, "any"))
            return false; /* also refuses an empty entry and a stray quote */
        if (first)
            *submode = entry;
        first = false;
        if (end == length)
            return true;
        start = end + 1u;
    }
}

/* A peer's value goes into a log line: keep it short, printable, one line. */
static void printable_copy(const char *text, char *out, size_t out_size)
{
    size_t used = 0;
    for (; text[used] != '\0' && used + 1u < out_size; ++used) {
        const unsigned char c = (unsigned char)text[used];
        out[used] = (c >= ' ' && c <= '~') ? (char)c : '?';
    }
    out[used] = '\0';
}

static cordon_status refuse_value(const char *name, const char *value, const char *expected)
{
    char shown[LOGGED_VALUE_BYTES + 1u];
    printable_copy(value, shown, sizeof shown);
    speex_plugin_log(CORDON_LOG_ERROR, "speex: fmtp %s=\"%s\" refused: expected %s", name, shown, expected);
    return CORDON_STATUS_INVALID_ARGUMENT;
}

static cordon_status apply_param(enum speex_param param, const char *value, struct speex_settings *settings)
{
    const char *name = speex_fmtp_names[param];
    switch (param) {
    case PARAM_VBR:
        if (equals_nocase(value, "on"))
            settings->vbr = SPEEX_VBR_ON;
        else if (equals_nocase(value, "off"))
            settings->vbr = SPEEX_VBR_OFF;
        else if (equals_nocase(value, "vad"))
            settings->vbr = SPEEX_VBR_VAD;
        else
            return refuse_value(name, value, "on, off or vad");
        return CORDON_STATUS_OK;
    case PARAM_CNG:
        if (equals_nocase(value, "on"))
            settings->cng = true;
        else if (equals_nocase(value, "off"))
            settings->cng = false;
        else
            return refuse_value(name, value, "on or off");
        return CORDON_STATUS_OK;
    case PARAM_MODE:
        if (!parse_mode_list(value, settings->band, &settings->submode))
            return refuse_value(name, value,
                                settings->band == SPEEX_BAND_NARROW ? "a list of \"any\" and 1..8"
                                                                    : "a list of \"any\" and 0..10");
        return CORDON_STATUS_OK;
    case PARAM_COUNT:
        break;
    }
    return CORDON_STATUS_INTERNAL_ERROR;
}

static cordon_status read_params(const cordon_codec_config *config, struct speex_settings *settings)
{
    if (config->param_count == 0u)
        return CORDON_STATUS_OK;
    if (config->params == NULL || config->param_count > PARAM_COUNT) {
        /* More entries than names means a duplicate or an unknown name. */
        speex_plugin_log(CORDON_LOG_ERROR, "speex: %u fmtp parameters given, at most %u known",
                         (unsigned)config->param_count, (unsigned)PARAM_COUNT);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    bool seen[PARAM_COUNT] = {false};
    for (uint32_t i = 0; i < config->param_count; ++i) {
        const cordon_codec_param *param = &config->params[i];
        if (param->name == NULL || param->value == NULL) {
            speex_plugin_log(CORDON_LOG_ERROR, "speex: fmtp parameter %u has no name or value", (unsigned)i);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        uint32_t which = 0;
        while (which < PARAM_COUNT && !equals_nocase(param->name, speex_fmtp_names[which]))
            ++which;
        if (which == PARAM_COUNT) {
            char shown[LOGGED_VALUE_BYTES + 1u];
            printable_copy(param->name, shown, sizeof shown);
            speex_plugin_log(CORDON_LOG_ERROR, "speex: unknown fmtp parameter \"%s\"", shown);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        /* Two values for one name: refuse rather than pick one. */
        if (seen[which]) {
            speex_plugin_log(CORDON_LOG_ERROR, "speex: fmtp parameter %s given twice", speex_fmtp_names[which]);
            return CORDON_STATUS_INVALID_ARGUMENT;
        }
        seen[which] = true;
        const cordon_status status = apply_param((enum speex_param)which, param->value, settings);
        if (status != CORDON_STATUS_OK)
            return status;
    }
    return CORDON_STATUS_OK;
}

static cordon_status read_rate_controls(const cordon_codec_config *config, struct speex_settings *settings)
{
    if (config->complexity < SPEEX_COMPLEXITY_DEFAULT || config->complexity > COMPLEXITY_MAX) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: complexity %d is outside -1..10", (int)config->complexity);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->expected_loss_percent > LOSS_PERCENT_MAX) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: expected loss %u%% is above 100%%",
                         (unsigned)config->expected_loss_percent);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    /* Any bitrate is a valid target: libspeex takes the best quality whose
     * rate does not exceed it (or the lowest one). */
    settings->bitrate_bps = config->bitrate_bps;
    settings->complexity = config->complexity;
    if (settings->complexity != SPEEX_COMPLEXITY_DEFAULT && settings->complexity < COMPLEXITY_MIN_SPEEX)
        settings->complexity = COMPLEXITY_MIN_SPEEX;
    settings->loss_percent = config->expected_loss_percent;
    return CORDON_STATUS_OK;
}

static bool find_band(const cordon_codec_config *config, enum speex_band *band)
{
    for (uint32_t i = 0; i < SPEEX_BAND_COUNT; ++i) {
        if (equals_nocase(config->encoding_name, speex_formats[i].encoding_name) &&
            config->clock_rate == speex_formats[i].clock_rate) {
            *band = (enum speex_band)i;
            return true;
        }
    }
    return false;
}

cordon_status speex_read_config(const cordon_codec_config *config, struct speex_settings *settings)
{
    memset(settings, 0, sizeof *settings);
    settings->submode = SPEEX_SUBMODE_DEFAULT;
    settings->vbr = SPEEX_VBR_OFF;
    if (config->struct_size < CONFIG_V1_SIZE) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: config struct_size %u is smaller than ABI 1.0's",
                         (unsigned)config->struct_size);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->encoding_name == NULL) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: config has no encoding name");
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (!find_band(config, &settings->band)) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: format is not speex/8000, /16000 or /32000");
        return CORDON_STATUS_UNSUPPORTED;
    }
    const cordon_codec_format *format = &speex_formats[settings->band];
    if (config->sample_rate != format->sample_rates[0]) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: sample rate %u Hz, expected the clock rate %u",
                         (unsigned)config->sample_rate, (unsigned)format->clock_rate);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->channels != SPEEX_CHANNELS) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: %u channels, only mono is offered", (unsigned)config->channels);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->frame_duration_us != speex_frame_durations_us[0]) {
        speex_plugin_log(CORDON_LOG_ERROR, "speex: frame duration %u us, only 20 ms is offered",
                         (unsigned)config->frame_duration_us);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    const cordon_status status = read_rate_controls(config, settings);
    if (status != CORDON_STATUS_OK)
        return status;
    return read_params(config, settings);
}
