/*
 * cordon-codec-opus: libopus behind the "cordon.codec/1" interface.
 *
 * One instance is an encoder and a decoder for the same rate and channel
 * count. Packets from the wire are sized with opus_packet_get_nb_samples
 * before anything is decoded, so a packet that would not fit is refused
 * instead of being cut.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <opus.h>

#include "codec-opus/opus_plugin.h"
#include "common/codec_descriptor.h"
#include "common/host_services.h"
#include "common/instance_info.h"
#include "cordon/plugin.h"

#define PLUGIN_ID "org.cordon.codec.opus"
#define PLUGIN_NAME "Opus"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"

/* RFC 6716: a packet holds at most 120 ms, a frame at most 1275 bytes, and
 * libopus puts at most 20 ms in one frame. */
#define OPUS_MAX_PACKET_DURATION_US 120000u
#define OPUS_MAX_FRAME_DURATION_US 20000u
#define OPUS_MAX_FRAME_BYTES 1275u
/* TOC and frame-count bytes, then up to two length bytes per frame. */
#define OPUS_PACKET_HEADER_BYTES 2u
#define OPUS_FRAME_LENGTH_BYTES 2u
/* opus_encode: "2 bytes or less" means nothing needs to be sent (DTX). */
#define OPUS_DTX_PACKET_BYTES 2

struct cordon_codec_instance {
    struct opus_settings settings; /* kept to rebuild the states on reset */
    OpusEncoder *encoder;
    OpusDecoder *decoder;
    opus_int32 sample_rate;
    uint32_t channels;
    int frame_per_channel; /* samples per channel in one frame */
    size_t frame_samples;  /* one frame, all channels */
    size_t max_packet_bytes;
    uint8_t *packet_scratch; /* max_packet_bytes, for a small caller buffer */
};

static void destroy_instance(cordon_codec_instance *instance)
{
    if (instance == NULL)
        return;
    free(instance->encoder);
    free(instance->decoder);
    free(instance->packet_scratch);
    free(instance);
}

/* The narrowest Opus audio bandwidth that carries all a peer can play back
 * at each rate (RFC 7587, maxplaybackrate); above the last: fullband. */
static const struct {
    uint32_t max_playback_rate;
    opus_int32 bandwidth;
} bandwidth_for_rate[] = {
    {8000u, OPUS_BANDWIDTH_NARROWBAND},
    {12000u, OPUS_BANDWIDTH_MEDIUMBAND},
    {16000u, OPUS_BANDWIDTH_WIDEBAND},
    {24000u, OPUS_BANDWIDTH_SUPERWIDEBAND},
};

static opus_int32 bandwidth_for_playback_rate(uint32_t rate)
{
    for (size_t i = 0; i < sizeof bandwidth_for_rate / sizeof bandwidth_for_rate[0]; ++i)
        if (rate <= bandwidth_for_rate[i].max_playback_rate)
            return bandwidth_for_rate[i].bandwidth;
    return OPUS_BANDWIDTH_FULLBAND;
}

static cordon_status configure_encoder(OpusEncoder *encoder, const struct opus_settings *s)
{
    int error = OPUS_OK;
    if (s->bitrate_bps != 0u)
        error |= opus_encoder_ctl(encoder, OPUS_SET_BITRATE((opus_int32)s->bitrate_bps));
    if (s->complexity >= 0)
        error |= opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY((opus_int32)s->complexity));
    error |= opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC((opus_int32)s->loss_percent));
    error |= opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(s->inband_fec ? 1 : 0));
    error |= opus_encoder_ctl(encoder, OPUS_SET_DTX(s->dtx ? 1 : 0));
    error |= opus_encoder_ctl(encoder, OPUS_SET_VBR(s->cbr ? 0 : 1));
    if (s->prefer_mono && s->channels > 1u)
        error |= opus_encoder_ctl(encoder, OPUS_SET_FORCE_CHANNELS(1));
    if (s->max_playback_rate != 0u)
        error |= opus_encoder_ctl(encoder, OPUS_SET_MAX_BANDWIDTH(bandwidth_for_playback_rate(s->max_playback_rate)));
    if (s->max_average_bitrate != 0u) {
        /* maxaveragebitrate caps whatever rate was asked for or defaulted to. */
        opus_int32 current = 0;
        error |= opus_encoder_ctl(encoder, OPUS_GET_BITRATE(&current));
        if (current > (opus_int32)s->max_average_bitrate)
            error |= opus_encoder_ctl(encoder, OPUS_SET_BITRATE((opus_int32)s->max_average_bitrate));
    }
    /* Error codes are negative, so any failure leaves a non-zero OR. */
    return error == OPUS_OK ? CORDON_STATUS_OK : CORDON_STATUS_INTERNAL_ERROR;
}

/* Brings both states to what create() made. OPUS_RESET_STATE is not enough:
 * libopus 1.3 keeps its FEC decision across it, so the output after a reset
 * would differ from a fresh instance's. */
static cordon_status init_codec_states(cordon_codec_instance *instance)
{
    const struct opus_settings *settings = &instance->settings;
    const int channels = (int)settings->channels;
    const opus_int32 rate = (opus_int32)settings->sample_rate;
    if (opus_encoder_init(instance->encoder, rate, channels, OPUS_APPLICATION_VOIP) != OPUS_OK ||
        opus_decoder_init(instance->decoder, rate, channels) != OPUS_OK)
        return CORDON_STATUS_INTERNAL_ERROR;
    return configure_encoder(instance->encoder, settings);
}

static cordon_status make_codec_states(cordon_codec_instance *instance)
{
    const int channels = (int)instance->settings.channels;
    instance->encoder = malloc((size_t)opus_encoder_get_size(channels));
    instance->decoder = malloc((size_t)opus_decoder_get_size(channels));
    instance->packet_scratch = malloc(instance->max_packet_bytes);
    if (instance->encoder == NULL || instance->decoder == NULL || instance->packet_scratch == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    return init_codec_states(instance);
}

static cordon_status opus_create(const cordon_codec_config *config, cordon_codec_instance **instance,
                                 cordon_codec_instance_info *info)
{
    if (instance != NULL)
        *instance = NULL;
    if (config == NULL || instance == NULL || info == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;

    struct opus_settings settings;
    cordon_status status = opus_read_config(config, &settings);
    if (status != CORDON_STATUS_OK)
        return status;

    cordon_codec_instance *created = calloc(1, sizeof *created);
    if (created == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    const uint32_t frame_per_channel = codec_samples_in_duration(settings.sample_rate, settings.frame_duration_us);
    const uint32_t max_per_channel = codec_samples_in_duration(settings.sample_rate, OPUS_MAX_PACKET_DURATION_US);
    /* libopus splits frames longer than 20 ms into 20 ms ones. */
    const uint32_t frames = (settings.frame_duration_us + OPUS_MAX_FRAME_DURATION_US - 1u) / OPUS_MAX_FRAME_DURATION_US;
    size_t max_packet = OPUS_PACKET_HEADER_BYTES + (size_t)frames * (OPUS_MAX_FRAME_BYTES + OPUS_FRAME_LENGTH_BYTES);
    if (max_packet > CORDON_CODEC_MAX_PACKET_BYTES)
        max_packet = CORDON_CODEC_MAX_PACKET_BYTES;

    created->settings = settings;
    created->sample_rate = (opus_int32)settings.sample_rate;
    created->channels = settings.channels;
    created->frame_per_channel = (int)frame_per_channel;
    created->frame_samples = (size_t)frame_per_channel * settings.channels;
    created->max_packet_bytes = max_packet;
    status = make_codec_states(created);
    opus_int32 lookahead = 0;
    if (status == CORDON_STATUS_OK && opus_encoder_ctl(created->encoder, OPUS_GET_LOOKAHEAD(&lookahead)) != OPUS_OK)
        status = CORDON_STATUS_INTERNAL_ERROR;
    if (status != CORDON_STATUS_OK) {
        plugin_log(CORDON_LOG_ERROR, "opus: could not set up the codec: %s", cordon_status_message(status));
        destroy_instance(created);
        return status;
    }

    const cordon_codec_instance_info reported = {
        .frame_samples_per_channel = frame_per_channel,
        .max_packet_bytes = (uint32_t)max_packet,
        .max_decoded_samples = max_per_channel * settings.channels,
        .delay_samples_per_channel = (uint32_t)lookahead,
    };
    codec_info_write(info, &reported);

    *instance = created;
    return CORDON_STATUS_OK;
}

static cordon_status status_from_opus(int error)
{
    switch (error) {
    case OPUS_INVALID_PACKET:
        return CORDON_STATUS_MALFORMED_INPUT;
    case OPUS_BUFFER_TOO_SMALL:
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    case OPUS_ALLOC_FAIL:
        return CORDON_STATUS_OUT_OF_MEMORY;
    default:
        return CORDON_STATUS_INTERNAL_ERROR;
    }
}

static cordon_status opus_encode_frame(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples,
                                       uint8_t *packet, size_t packet_capacity, size_t *packet_bytes)
{
    if (packet_bytes != NULL)
        *packet_bytes = 0;
    if (instance == NULL || pcm == NULL || packet == NULL || packet_bytes == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (pcm_samples != instance->frame_samples)
        return CORDON_STATUS_INVALID_ARGUMENT;

    /* The packet does not depend on the caller's capacity: a smaller buffer
     * gets the packet through the scratch buffer, or BUFFER_TOO_SMALL. */
    const bool direct = packet_capacity >= instance->max_packet_bytes;
    uint8_t *target = direct ? packet : instance->packet_scratch;
    const opus_int32 written = opus_encode(instance->encoder, pcm, instance->frame_per_channel, target,
                                           (opus_int32)instance->max_packet_bytes);
    if (written < 0)
        return status_from_opus(written);
    if (written <= OPUS_DTX_PACKET_BYTES)
        return CORDON_STATUS_OK; /* DTX: nothing to send, *packet_bytes stays 0 */
    if ((size_t)written > packet_capacity)
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    if (!direct)
        memcpy(packet, target, (size_t)written);
    *packet_bytes = (size_t)written;
    return CORDON_STATUS_OK;
}

static cordon_status opus_decode_packet(cordon_codec_instance *instance, const uint8_t *packet, size_t packet_bytes,
                                        int16_t *pcm, size_t pcm_capacity, size_t *pcm_samples)
{
    if (pcm_samples != NULL)
        *pcm_samples = 0;
    if (instance == NULL || packet == NULL || pcm == NULL || pcm_samples == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (packet_bytes == 0u || packet_bytes > (size_t)INT32_MAX)
        return CORDON_STATUS_MALFORMED_INPUT;

    /* Size the output from the TOC first: libopus would otherwise decode as
     * much as fits and report an error only afterwards. */
    const int per_channel = opus_packet_get_nb_samples(packet, (opus_int32)packet_bytes, instance->sample_rate);
    if (per_channel <= 0)
        return CORDON_STATUS_MALFORMED_INPUT;
    const size_t needed = (size_t)per_channel * instance->channels;
    if (needed > pcm_capacity)
        return CORDON_STATUS_BUFFER_TOO_SMALL;

    const int decoded = opus_decode(instance->decoder, packet, (opus_int32)packet_bytes, pcm, per_channel, 0);
    if (decoded < 0)
        return status_from_opus(decoded);
    *pcm_samples = (size_t)decoded * instance->channels;
    return CORDON_STATUS_OK;
}

static cordon_status opus_conceal(cordon_codec_instance *instance, const uint8_t *next_packet, size_t next_packet_bytes,
                                  int16_t *pcm, size_t pcm_capacity, size_t *pcm_samples)
{
    if (pcm_samples != NULL)
        *pcm_samples = 0;
    if (instance == NULL || pcm == NULL || pcm_samples == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (next_packet == NULL && next_packet_bytes != 0u)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (pcm_capacity < instance->frame_samples)
        return CORDON_STATUS_BUFFER_TOO_SMALL;

    int decoded = OPUS_INVALID_PACKET;
    if (next_packet != NULL && next_packet_bytes != 0u && next_packet_bytes <= (size_t)INT32_MAX) {
        /* FEC fills exactly one frame from the next packet's redundancy (or
         * runs PLC for the part it has none for). A bad packet falls back to
         * plain PLC: its own decode() will report it. */
        decoded = opus_decode(instance->decoder, next_packet, (opus_int32)next_packet_bytes, pcm,
                              instance->frame_per_channel, 1);
    }
    if (decoded < 0)
        decoded = opus_decode(instance->decoder, NULL, 0, pcm, instance->frame_per_channel, 0);
    if (decoded < 0)
        return status_from_opus(decoded);
    /* The ABI promises exactly one frame; libopus gives what it was asked. */
    if (decoded != instance->frame_per_channel)
        return CORDON_STATUS_INTERNAL_ERROR;
    *pcm_samples = instance->frame_samples;
    return CORDON_STATUS_OK;
}

static cordon_status opus_reset(cordon_codec_instance *instance)
{
    if (instance == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    return init_codec_states(instance);
}

static const cordon_codec_interface opus_interface = {
    .struct_size = sizeof(cordon_codec_interface),
    .format_struct_size = sizeof(cordon_codec_format),
    .formats = &opus_format,
    .format_count = 1u,
    .create = opus_create,
    .encode = opus_encode_frame,
    .decode = opus_decode_packet,
    .conceal = opus_conceal,
    .reset = opus_reset,
    .destroy = destroy_instance,
};

static const void *plugin_get_interface(const char *interface_id)
{
    return codec_interface_if_asked(interface_id, &opus_interface);
}

static const cordon_plugin_descriptor opus_descriptor =
    CODEC_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, plugin_get_interface);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &opus_descriptor; }
