/*
 * Internal to cordon-codec-speex: what plugin.c (ABI glue, instances) and
 * config.c (config and fmtp validation) share. Nothing here is exported.
 */
#ifndef CORDON_CODEC_SPEEX_PLUGIN_H
#define CORDON_CODEC_SPEEX_PLUGIN_H

#include <stdbool.h>
#include <stdint.h>

#include "cordon/codec.h"

/* Names the codec in the log lines the shared checks (common/) write. */
#define SPEEX_CODEC_NAME "speex"

/* The three Speex bands, in the order of SPEEX_MODEID_NB, _WB, _UWB and of
 * the interface's formats. */
enum speex_band { SPEEX_BAND_NARROW = 0, SPEEX_BAND_WIDE = 1, SPEEX_BAND_ULTRA_WIDE = 2 };
#define SPEEX_BAND_COUNT 3u

/* RFC 5574 "vbr": off (the default), on, or vad (constant rate, short
 * frames in silence). */
enum speex_vbr { SPEEX_VBR_OFF, SPEEX_VBR_ON, SPEEX_VBR_VAD };

/* RFC 5574 "mode" when it is "any" or absent: leave libspeex's default. */
#define SPEEX_SUBMODE_DEFAULT (-1)
/* cordon_codec_config.complexity -1: leave libspeex's default. */
#define SPEEX_COMPLEXITY_DEFAULT (-1)

/* Everything create() and reset() need once the config has been checked. */
struct speex_settings {
    enum speex_band band;
    uint32_t bitrate_bps; /* 0: the mode's default quality */
    int32_t complexity;   /* 1..10 or SPEEX_COMPLEXITY_DEFAULT */
    uint32_t loss_percent;
    enum speex_vbr vbr;
    bool cng;        /* cng=on */
    int32_t submode; /* first number of "mode", or SPEEX_SUBMODE_DEFAULT */
};

extern const cordon_codec_format speex_formats[SPEEX_BAND_COUNT];

/* Checks every config field and fmtp parameter; logs the reason of a refusal. */
cordon_status speex_read_config(const cordon_codec_config *config, struct speex_settings *settings);

#endif /* CORDON_CODEC_SPEEX_PLUGIN_H */
