/*
 * A careless but harmless codec: 16-bit DPCM ("DPCM16"/8000, mono, 20 ms),
 * each sample sent as its difference from the one before, so encoder and
 * decoder carry state a reset must clear. Built honest, it passes every
 * conformance check; each SLOPPY_* definition breaks one rule of the codec
 * contract, as a hurried vendor might, and exactly one check must fail.
 */
#include <stdlib.h>
#include <string.h>

#include "cordon/codec.h"

enum { frame_samples = 160, packet_bytes = 2 * frame_samples };

struct cordon_codec_instance {
    int16_t encoder_previous;
    int16_t decoder_previous;
};

static const uint32_t sample_rates[] = {8000u};
static const uint32_t durations[] = {20000u};
static const cordon_codec_format formats[] = {{.encoding_name = "DPCM16",
                                               .clock_rate = 8000u,
                                               .rtp_channels = 1u,
                                               .static_payload_type = -1,
                                               .sample_rates = sample_rates,
                                               .sample_rate_count = 1u,
                                               .max_channels = 1u,
                                               .frame_durations_us = durations,
                                               .frame_duration_count = 1u}};

static int is_our_configuration(const cordon_codec_config *config)
{
#if !defined(SLOPPY_ACCEPTS_UNKNOWN_PARAMS)
    if (config->param_count != 0) {
        return 0;
    }
#endif
    return config->encoding_name != NULL && strcmp(config->encoding_name, "DPCM16") == 0 &&
           config->clock_rate == 8000u && config->sample_rate == 8000u && config->channels == 1u &&
           config->frame_duration_us == 20000u;
}

static cordon_status sloppy_create(const cordon_codec_config *config, cordon_codec_instance **instance,
                                   cordon_codec_instance_info *info)
{
    if (config == NULL || instance == NULL || info == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (!is_our_configuration(config)) {
        return CORDON_STATUS_UNSUPPORTED;
    }
    *instance = calloc(1, sizeof(**instance));
    if (*instance == NULL) {
        return CORDON_STATUS_OUT_OF_MEMORY;
    }
    cordon_codec_instance_info described = {.struct_size = info->struct_size,
                                            .frame_samples_per_channel = frame_samples,
                                            .max_packet_bytes = packet_bytes,
                                            .max_decoded_samples = frame_samples};
#if defined(SLOPPY_IGNORES_INFO_STRUCT_SIZE)
    memcpy(info, &described, sizeof(described));
#else
    memcpy(info, &described, info->struct_size < sizeof(described) ? info->struct_size : sizeof(described));
#endif
    return CORDON_STATUS_OK;
}

static cordon_status sloppy_encode(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples,
                                   uint8_t *packet, size_t capacity, size_t *written)
{
    if (instance == NULL || pcm == NULL || packet == NULL || written == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    *written = 0;
#if !defined(SLOPPY_ACCEPTS_WRONG_FRAME_SIZE)
    if (pcm_samples != frame_samples) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
#endif
    if (capacity < pcm_samples * 2) {
#if defined(SLOPPY_DROPS_FRAME_WHEN_SHORT)
        return CORDON_STATUS_OK; /* "nothing to send" instead of the truth */
#else
        return CORDON_STATUS_BUFFER_TOO_SMALL;
#endif
    }
    for (size_t i = 0; i < pcm_samples; ++i) {
        const uint16_t difference = (uint16_t)((uint16_t)pcm[i] - (uint16_t)instance->encoder_previous);
        packet[2 * i] = (uint8_t)(difference >> 8);
        packet[2 * i + 1] = (uint8_t)difference;
        instance->encoder_previous = pcm[i];
    }
    *written = pcm_samples * 2;
    return CORDON_STATUS_OK;
}

static cordon_status sloppy_decode(cordon_codec_instance *instance, const uint8_t *packet, size_t bytes, int16_t *pcm,
                                   size_t capacity, size_t *samples)
{
    if (instance == NULL || packet == NULL || pcm == NULL || samples == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    *samples = 0;
    if (capacity < frame_samples) {
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    }
#if defined(SLOPPY_TRUSTS_PACKET_LENGTH)
    if (bytes % 2 != 0) { /* the length is never compared with a frame */
        return CORDON_STATUS_MALFORMED_INPUT;
    }
#else
    if (bytes != packet_bytes) {
        return CORDON_STATUS_MALFORMED_INPUT;
    }
#endif
    for (size_t i = 0; i < bytes / 2; ++i) {
        const uint16_t difference = (uint16_t)((packet[2 * i] << 8) | packet[2 * i + 1]);
        instance->decoder_previous = (int16_t)(uint16_t)((uint16_t)instance->decoder_previous + difference);
        pcm[i] = instance->decoder_previous;
    }
    *samples = bytes / 2;
    return CORDON_STATUS_OK;
}

/* Repeats the last sample; the next packet is not needed for that. */
static cordon_status sloppy_conceal(cordon_codec_instance *instance, const uint8_t *next, size_t next_bytes,
                                    int16_t *pcm, size_t capacity, size_t *samples)
{
    (void)next;
    (void)next_bytes;
    if (instance == NULL || pcm == NULL || samples == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    *samples = 0;
#if defined(SLOPPY_CONCEALS_ONE_SAMPLE_TOO_MANY)
    const size_t count = frame_samples + 1;
    (void)capacity;
#else
    const size_t count = frame_samples;
    if (capacity < count) {
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    }
#endif
    for (size_t i = 0; i < count; ++i) {
        pcm[i] = instance->decoder_previous;
    }
    *samples = frame_samples;
    return CORDON_STATUS_OK;
}

static cordon_status sloppy_reset(cordon_codec_instance *instance)
{
    if (instance == NULL) {
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
#if !defined(SLOPPY_RESET_KEEPS_STATE)
    instance->encoder_previous = 0;
    instance->decoder_previous = 0;
#endif
    return CORDON_STATUS_OK;
}

static void sloppy_destroy(cordon_codec_instance *instance) { free(instance); }

static const cordon_codec_interface codec = {.struct_size = sizeof(cordon_codec_interface),
                                             .format_struct_size = sizeof(cordon_codec_format),
                                             .formats = formats,
                                             .format_count = 1u,
                                             .create = sloppy_create,
                                             .encode = sloppy_encode,
                                             .decode = sloppy_decode,
                                             .conceal = sloppy_conceal,
                                             .reset = sloppy_reset,
                                             .destroy = sloppy_destroy};

static const void *sloppy_get_interface(const char *interface_id)
{
    return strcmp(interface_id, CORDON_CODEC_INTERFACE_ID) == 0 ? &codec : NULL;
}

static const cordon_plugin_descriptor descriptor = {.abi_major = CORDON_ABI_MAJOR,
                                                    .abi_minor = CORDON_ABI_MINOR,
                                                    .struct_size = sizeof(cordon_plugin_descriptor),
                                                    .kind = CORDON_PLUGIN_KIND_CODEC,
                                                    .id = "org.cordon.test.sloppy",
                                                    .name = "Sloppy DPCM",
                                                    .vendor = "Cordon tests",
                                                    .version = "1.0.0",
                                                    .get_interface = sloppy_get_interface};

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &descriptor; }
