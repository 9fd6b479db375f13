/*
 * A third-party Cordon codec plugin: IMA ADPCM as RTP "DVI4" at 8000 Hz
 * (RFC 3551 section 4.5.1), one 20 ms frame per packet. Each packet starts
 * with the encoder's state (predicted value, 16-bit big-endian; step index;
 * a reserved zero byte), then 4 bits per sample, first sample in the high
 * nibble. The header makes every packet decodable on its own, so the
 * decoder keeps no state and a lost packet costs only itself.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cordon/codec.h>

enum {
    sample_rate = 8000,
    frame_duration_us = 20000,
    frame_samples = sample_rate / 1000 * (frame_duration_us / 1000),
    header_bytes = 4,
    packet_bytes = header_bytes + frame_samples / 2,
    max_step_index = 88,
};

static const int16_t step_sizes[max_step_index + 1] = {
    7,    8,     9,     10,    11,    12,    13,    14,    16,    17,    19,    21,    23,    25,   28,
    31,   34,    37,    41,    45,    50,    55,    60,    66,    73,    80,    88,    97,    107,  118,
    130,  143,   157,   173,   190,   209,   230,   253,   279,   307,   337,   371,   408,   449,  494,
    544,  598,   658,   724,   796,   876,   963,   1060,  1166,  1282,  1411,  1552,  1707,  1878, 2066,
    2272, 2499,  2749,  3024,  3327,  3660,  4026,  4428,  4871,  5358,  5894,  6484,  7132,  7845, 8630,
    9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767};
static const int8_t index_steps[8] = {-1, -1, -1, -1, 2, 4, 6, 8};

/* What encoder and decoder both track: the last reconstructed sample and the step index. */
typedef struct adpcm_state {
    int32_t predicted;
    int32_t step_index;
} adpcm_state;

struct cordon_codec_instance {
    adpcm_state encoder;
};

/* Applies one 4-bit code to the state, exactly as a decoder does. */
static void apply_code(adpcm_state *state, unsigned code)
{
    const int32_t step = step_sizes[state->step_index];
    int32_t delta = step >> 3;
    if (code & 4u)
        delta += step;
    if (code & 2u)
        delta += step >> 1;
    if (code & 1u)
        delta += step >> 2;
    state->predicted += (code & 8u) ? -delta : delta;
    if (state->predicted > INT16_MAX)
        state->predicted = INT16_MAX;
    if (state->predicted < INT16_MIN)
        state->predicted = INT16_MIN;
    state->step_index += index_steps[code & 7u];
    if (state->step_index < 0)
        state->step_index = 0;
    if (state->step_index > max_step_index)
        state->step_index = max_step_index;
}

static unsigned encode_sample(adpcm_state *state, int16_t sample)
{
    int32_t difference = sample - state->predicted;
    int32_t step = step_sizes[state->step_index];
    unsigned code = 0;
    if (difference < 0) {
        code = 8u;
        difference = -difference;
    }
    for (unsigned bit = 4u; bit != 0; bit >>= 1, step >>= 1) {
        if (difference >= step) {
            code |= bit;
            difference -= step;
        }
    }
    apply_code(state, code);
    return code;
}

static const uint32_t sample_rates[] = {sample_rate};
static const uint32_t durations[] = {frame_duration_us};
static const cordon_codec_format formats[] = {{
    .encoding_name = "DVI4",
    .clock_rate = sample_rate,
    .rtp_channels = 1,
    .static_payload_type = 5,
    .sample_rates = sample_rates,
    .sample_rate_count = 1,
    .max_channels = 1,
    .frame_durations_us = durations,
    .frame_duration_count = 1,
}};

static cordon_status dvi4_create(const cordon_codec_config *config, cordon_codec_instance **instance,
                                 cordon_codec_instance_info *info)
{
    if (config == NULL || instance == NULL || info == NULL || config->encoding_name == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *instance = NULL;
    if (config->struct_size < sizeof(cordon_codec_config) || strcasecmp(config->encoding_name, "DVI4") != 0 ||
        config->clock_rate != sample_rate || config->sample_rate != sample_rate || config->channels != 1 ||
        config->frame_duration_us != frame_duration_us || config->param_count != 0)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *instance = calloc(1, sizeof(**instance));
    if (*instance == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    /* Each field only where the host's struct has room for it (an older host passes a smaller one). */
    const cordon_codec_instance_info values = {0, frame_samples, packet_bytes, frame_samples, 0};
    const size_t room = info->struct_size < sizeof(values) ? info->struct_size : sizeof(values);
    if (room > sizeof(values.struct_size))
        memcpy((uint8_t *)info + sizeof(values.struct_size), (const uint8_t *)&values + sizeof(values.struct_size),
               room - sizeof(values.struct_size));
    return CORDON_STATUS_OK;
}

static cordon_status dvi4_encode(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples,
                                 uint8_t *packet, size_t packet_capacity, size_t *out_bytes)
{
    if (out_bytes == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *out_bytes = 0;
    if (instance == NULL || pcm == NULL || packet == NULL || pcm_samples != frame_samples)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (packet_capacity < packet_bytes)
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    adpcm_state *state = &instance->encoder;
    packet[0] = (uint8_t)((uint16_t)state->predicted >> 8);
    packet[1] = (uint8_t)((uint16_t)state->predicted & 0xFFu);
    packet[2] = (uint8_t)state->step_index;
    packet[3] = 0;
    for (size_t i = 0; i < frame_samples; i += 2) {
        const unsigned high = encode_sample(state, pcm[i]);
        packet[header_bytes + i / 2] = (uint8_t)(high << 4 | encode_sample(state, pcm[i + 1]));
    }
    *out_bytes = packet_bytes;
    return CORDON_STATUS_OK;
}

static cordon_status dvi4_decode(cordon_codec_instance *instance, const uint8_t *packet, size_t in_bytes, int16_t *pcm,
                                 size_t pcm_capacity, size_t *pcm_samples)
{
    if (pcm_samples == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    *pcm_samples = 0;
    if (instance == NULL || packet == NULL || pcm == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    /* From the network: a header, at least one sample, at most one frame, a valid state. */
    if (in_bytes <= header_bytes || in_bytes > packet_bytes || packet[2] > max_step_index || packet[3] != 0)
        return CORDON_STATUS_MALFORMED_INPUT;
    const size_t samples = (in_bytes - header_bytes) * 2;
    if (pcm_capacity < samples)
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    adpcm_state state = {(int16_t)(uint16_t)(packet[0] << 8 | packet[1]), packet[2]};
    for (size_t i = 0; i < samples; ++i) {
        const uint8_t byte = packet[header_bytes + i / 2];
        apply_code(&state, i % 2 == 0 ? byte >> 4 : byte & 0x0Fu);
        pcm[i] = (int16_t)state.predicted;
    }
    *pcm_samples = samples;
    return CORDON_STATUS_OK;
}

static cordon_status dvi4_reset(cordon_codec_instance *instance)
{
    if (instance == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    instance->encoder = (adpcm_state){0, 0};
    return CORDON_STATUS_OK;
}

static void dvi4_destroy(cordon_codec_instance *instance) { free(instance); }

static const cordon_codec_interface codec = {
    .struct_size = sizeof(cordon_codec_interface),
    .format_struct_size = sizeof(cordon_codec_format),
    .formats = formats,
    .format_count = 1,
    .create = dvi4_create,
    .encode = dvi4_encode,
    .decode = dvi4_decode,
    .conceal = NULL, /* the host plays silence for a lost packet */
    .reset = dvi4_reset,
    .destroy = dvi4_destroy,
};

static const void *dvi4_get_interface(const char *interface_id)
{
    return interface_id != NULL && strcmp(interface_id, CORDON_CODEC_INTERFACE_ID) == 0 ? &codec : NULL;
}

static const cordon_plugin_descriptor descriptor = {
    .abi_major = CORDON_ABI_MAJOR,
    .abi_minor = CORDON_ABI_MINOR,
    .struct_size = sizeof(cordon_plugin_descriptor),
    .kind = CORDON_PLUGIN_KIND_CODEC,
    .id = "com.example.dvi4",
    .name = "IMA ADPCM (DVI4)",
    .vendor = "Example Vendor",
    .version = "1.0.0",
    .get_interface = dvi4_get_interface,
};

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &descriptor; }
