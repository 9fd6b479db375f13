/*
 * Internal to cordon-codec-opus: what plugin.c (ABI glue, instances) and
 * config.c (config and fmtp validation) share. Nothing here is exported.
 */
#ifndef CORDON_CODEC_OPUS_PLUGIN_H
#define CORDON_CODEC_OPUS_PLUGIN_H

#include <stdbool.h>
#include <stdint.h>

#include "cordon/codec.h"

/* RFC 7587: the RTP clock is always 48 kHz and rtpmap always says 2 channels. */
#define OPUS_RTP_CLOCK_RATE 48000u
#define OPUS_RTP_CHANNELS 2u
#define OPUS_MAX_CHANNELS 2u
#define OPUS_MIN_BITRATE_BPS 6000u
#define OPUS_MAX_BITRATE_BPS 510000u
#define OPUS_MIN_PLAYBACK_RATE 8000u
#define OPUS_MAX_PLAYBACK_RATE 48000u
/* Names the codec in the log lines the shared checks (common/) write. */
#define OPUS_CODEC_NAME "opus"

/* Everything create() needs once the config has been checked. */
struct opus_settings {
    uint32_t sample_rate;
    uint32_t channels;
    uint32_t frame_duration_us;
    uint32_t bitrate_bps; /* 0: libopus chooses */
    int32_t complexity;   /* -1: libopus default */
    uint32_t loss_percent;
    bool inband_fec;              /* useinbandfec=1 */
    bool dtx;                     /* usedtx=1 */
    bool cbr;                     /* cbr=1 */
    bool prefer_mono;             /* stereo=0: the peer would rather receive mono */
    uint32_t max_average_bitrate; /* maxaveragebitrate, 0 when absent */
    uint32_t max_playback_rate;   /* maxplaybackrate, 0 when absent */
};

extern const cordon_codec_format opus_format;

/* Checks every config field and fmtp parameter; logs the reason of a refusal. */
cordon_status opus_read_config(const cordon_codec_config *config, struct opus_settings *settings);

#endif /* CORDON_CODEC_OPUS_PLUGIN_H */
