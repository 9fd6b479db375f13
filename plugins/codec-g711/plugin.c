/*
 * cordon-codec-g711: PCMU and PCMA behind the "cordon.codec/1" interface.
 *
 * Stateless law (g711.c) plus the ABI glue here: argument checks, the format
 * table, instances. G.711 has no concealment and no fmtp parameters.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "codec-g711/g711.h"
#include "common/codec_config.h"
#include "common/codec_descriptor.h"
#include "common/host_services.h"
#include "common/instance_info.h"
#include "cordon/codec.h"
#include "cordon/plugin.h"

#define PLUGIN_ID "org.cordon.codec.g711"
#define PLUGIN_NAME "G.711 (PCMU, PCMA)"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"
/* Names the codec in the log lines the shared checks (common/) write. */
#define CODEC_NAME "g711"

#define G711_CLOCK_RATE 8000u
#define G711_RTP_CHANNELS 1u
#define G711_MAX_CHANNELS 2u
#define PCMU_STATIC_PAYLOAD_TYPE 0
#define PCMA_STATIC_PAYLOAD_TYPE 8
/* A peer chooses its own ptime: accept packets of up to 120 ms, the longest
 * frame the ABI allows any codec to decode. */
#define G711_MAX_PACKET_DURATION_US 120000u

static const uint32_t g711_sample_rates[] = {G711_CLOCK_RATE};
static const uint32_t g711_frame_durations_us[] = {10000u, 20000u, 30000u, 40000u, 60000u};

#define ARRAY_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

enum g711_law { G711_LAW_ULAW = 0, G711_LAW_ALAW = 1 };

#define G711_FORMAT(name, payload_type)                                                                                \
    {                                                                                                                  \
        .encoding_name = (name), .clock_rate = G711_CLOCK_RATE, .rtp_channels = G711_RTP_CHANNELS,                     \
        .static_payload_type = (payload_type), .sample_rates = g711_sample_rates,                                      \
        .sample_rate_count = ARRAY_COUNT(g711_sample_rates), .max_channels = G711_MAX_CHANNELS,                        \
        .frame_durations_us = g711_frame_durations_us, .frame_duration_count = ARRAY_COUNT(g711_frame_durations_us),   \
        .fmtp_parameters = NULL, .fmtp_parameter_count = 0u, .has_inband_fec = 0u                                      \
    }

/* Indexed by enum g711_law. */
static const cordon_codec_format g711_formats[] = {
    G711_FORMAT("PCMU", PCMU_STATIC_PAYLOAD_TYPE),
    G711_FORMAT("PCMA", PCMA_STATIC_PAYLOAD_TYPE),
};

struct cordon_codec_instance {
    enum g711_law law;
    uint32_t channels;
    size_t frame_samples; /* one frame, all channels: also the packet size */
    size_t max_decoded_samples;
};

static cordon_status validate_config(const cordon_codec_config *config, enum g711_law *law)
{
    cordon_status status = codec_config_check_size_and_name(CODEC_NAME, config);
    if (status != CORDON_STATUS_OK)
        return status;
    uint32_t format_index = 0;
    if (!codec_config_find_format(config, g711_formats, ARRAY_COUNT(g711_formats), &format_index)) {
        plugin_log(CORDON_LOG_ERROR, "g711: format is not PCMU/8000 or PCMA/8000");
        return CORDON_STATUS_UNSUPPORTED;
    }
    *law = (enum g711_law)format_index;
    if (!codec_list_contains(g711_sample_rates, ARRAY_COUNT(g711_sample_rates), config->sample_rate)) {
        plugin_log(CORDON_LOG_ERROR, "g711: sample rate %u Hz is not 8000 Hz", (unsigned)config->sample_rate);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (config->channels < 1u || config->channels > G711_MAX_CHANNELS) {
        plugin_log(CORDON_LOG_ERROR, "g711: %u channels, expected 1 or 2", (unsigned)config->channels);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    if (!codec_list_contains(g711_frame_durations_us, ARRAY_COUNT(g711_frame_durations_us),
                             config->frame_duration_us)) {
        plugin_log(CORDON_LOG_ERROR, "g711: frame duration %u us is not one of 10, 20, 30, 40, 60 ms",
                   (unsigned)config->frame_duration_us);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    /* G.711 has a fixed rate and no encoder effort: bitrate is ignored as the
     * ABI says, but nonsense values are still refused. */
    status = codec_config_check_complexity_and_loss(CODEC_NAME, config);
    if (status != CORDON_STATUS_OK)
        return status;
    if (config->param_count != 0u) {
        /* The format lists no fmtp parameters, so every name is unknown. */
        plugin_log(CORDON_LOG_ERROR, "g711: takes no fmtp parameters, %u given", (unsigned)config->param_count);
        return CORDON_STATUS_INVALID_ARGUMENT;
    }
    return CORDON_STATUS_OK;
}

static cordon_status g711_create(const cordon_codec_config *config, cordon_codec_instance **instance,
                                 cordon_codec_instance_info *info)
{
    if (instance != NULL)
        *instance = NULL;
    if (config == NULL || instance == NULL || info == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;

    enum g711_law law = G711_LAW_ULAW;
    const cordon_status status = validate_config(config, &law);
    if (status != CORDON_STATUS_OK)
        return status;

    const uint32_t frame_per_channel = codec_samples_in_duration(config->sample_rate, config->frame_duration_us);
    const uint32_t max_per_channel = codec_samples_in_duration(config->sample_rate, G711_MAX_PACKET_DURATION_US);

    cordon_codec_instance *created = malloc(sizeof *created);
    if (created == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    created->law = law;
    created->channels = config->channels;
    created->frame_samples = (size_t)frame_per_channel * config->channels;
    created->max_decoded_samples = (size_t)max_per_channel * config->channels;

    const cordon_codec_instance_info reported = {
        .frame_samples_per_channel = frame_per_channel,
        .max_packet_bytes = (uint32_t)created->frame_samples, /* one byte per sample */
        .max_decoded_samples = (uint32_t)created->max_decoded_samples,
        .delay_samples_per_channel = 0u, /* sample by sample: no delay */
    };
    codec_info_write(info, &reported);

    *instance = created;
    return CORDON_STATUS_OK;
}

static cordon_status g711_encode(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples,
                                 uint8_t *packet, size_t packet_capacity, size_t *packet_bytes)
{
    if (packet_bytes != NULL)
        *packet_bytes = 0;
    if (instance == NULL || pcm == NULL || packet == NULL || packet_bytes == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (pcm_samples != instance->frame_samples)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (packet_capacity < pcm_samples)
        return CORDON_STATUS_BUFFER_TOO_SMALL;

    if (instance->law == G711_LAW_ULAW)
        g711_encode_ulaw(pcm, pcm_samples, packet);
    else
        g711_encode_alaw(pcm, pcm_samples, packet);
    *packet_bytes = pcm_samples;
    return CORDON_STATUS_OK;
}

static cordon_status g711_decode(cordon_codec_instance *instance, const uint8_t *packet, size_t packet_bytes,
                                 int16_t *pcm, size_t pcm_capacity, size_t *pcm_samples)
{
    if (pcm_samples != NULL)
        *pcm_samples = 0;
    if (instance == NULL || packet == NULL || pcm == NULL || pcm_samples == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    /* Any whole number of sample groups is a valid packet, up to the limit. */
    if (packet_bytes == 0u || packet_bytes % instance->channels != 0u || packet_bytes > instance->max_decoded_samples)
        return CORDON_STATUS_MALFORMED_INPUT;
    if (pcm_capacity < packet_bytes)
        return CORDON_STATUS_BUFFER_TOO_SMALL;

    if (instance->law == G711_LAW_ULAW)
        g711_decode_ulaw(packet, packet_bytes, pcm);
    else
        g711_decode_alaw(packet, packet_bytes, pcm);
    *pcm_samples = packet_bytes;
    return CORDON_STATUS_OK;
}

static cordon_status g711_reset(cordon_codec_instance *instance)
{
    /* Nothing to reset: G.711 keeps no state between frames. */
    return instance == NULL ? CORDON_STATUS_INVALID_ARGUMENT : CORDON_STATUS_OK;
}

static void g711_destroy(cordon_codec_instance *instance) { free(instance); }

static const cordon_codec_interface g711_interface = {
    .struct_size = sizeof(cordon_codec_interface),
    .format_struct_size = sizeof(cordon_codec_format),
    .formats = g711_formats,
    .format_count = ARRAY_COUNT(g711_formats),
    .create = g711_create,
    .encode = g711_encode,
    .decode = g711_decode,
    .conceal = NULL, /* no concealment: the host plays silence */
    .reset = g711_reset,
    .destroy = g711_destroy,
};

static const void *plugin_get_interface(const char *interface_id)
{
    return codec_interface_if_asked(interface_id, &g711_interface);
}

static const cordon_plugin_descriptor g711_descriptor =
    CODEC_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, plugin_get_interface);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &g711_descriptor; }
