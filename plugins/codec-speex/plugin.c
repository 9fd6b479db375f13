/*
 * cordon-codec-speex: libspeex behind the "cordon.codec/1" interface.
 *
 * One instance is an encoder and a decoder for one band, mono, 20 ms frames.
 * A packet may carry several frames (RFC 5574); decode() takes them one at a
 * time, checks the capacity before each and stops at the end marker, so a
 * packet never makes it write past the caller's buffer.
 */
#include <stdlib.h>
#include <string.h>

#include <speex/speex.h>

#include "codec-speex/speex_plugin.h"
#include "common/codec_descriptor.h"
#include "common/host_services.h"
#include "common/instance_info.h"
#include "cordon/plugin.h"

#define PLUGIN_ID "org.cordon.codec.speex"
#define PLUGIN_NAME "Speex"
#define PLUGIN_VENDOR "Cordon project"
#define PLUGIN_VERSION "0.1.0"

#define MICROSECONDS_PER_SECOND 1000000u
#define BITS_PER_BYTE 8u
#define SPEEX_FRAME_DURATION_US 20000u
/* A packet holds at most 120 ms: six frames, as for every Cordon codec. */
#define SPEEX_MAX_PACKET_DURATION_US 120000u
/* Six frames at the highest rate take 660 bytes; anything past one MTU is
 * not a Speex packet. */
#define SPEEX_MAX_INPUT_PACKET_BYTES 1500u
/* Our own buffers under each SpeexBits, so libspeex never reallocates. */
#define SPEEX_BITS_BUFFER_BYTES SPEEX_MAX_INPUT_PACKET_BYTES
/* A frame starts with the wideband bit and a 4-bit mode; mode 15 after a
 * zero bit is the terminator libspeex pads packets with. */
#define SPEEX_FRAME_HEADER_BITS 5
#define SPEEX_TERMINATOR_HEADER 0x0Fu
/* Half a step: speex_decode_int rounds to the nearest integer. */
#define PCM_ROUNDING 0.5f
/* speex_decode: -1 means the stream ended, -2 that it is corrupt. */
#define SPEEX_DECODE_END (-1)

/* libspeex's highest rate per band (quality 10), bounding every packet. */
static const uint32_t band_max_bitrate_bps[SPEEX_BAND_COUNT] = {24600u, 42200u, 44000u};

struct cordon_codec_instance {
    struct speex_settings settings; /* kept to rebuild the states on reset */
    void *encoder;
    void *decoder;
    SpeexBits encode_bits;
    SpeexBits decode_bits;
    char *encode_buffer;  /* SPEEX_BITS_BUFFER_BYTES, owned by us */
    char *decode_buffer;  /* SPEEX_BITS_BUFFER_BYTES, owned by us */
    int16_t *pcm_scratch; /* speex_encode_int may overwrite its input */
    float *decoded;       /* one frame, zeroed before each decode (see decode_frame) */
    size_t frame_samples;
    size_t max_packet_bytes;
    size_t max_decoded_samples;
};

static int encoder_set(void *encoder, int request, spx_int32_t value)
{
    return speex_encoder_ctl(encoder, request, &value);
}

/* Creates an encoder with every setting applied. */
static cordon_status make_encoder(const struct speex_settings *s, void **created)
{
    *created = NULL;
    void *encoder = speex_encoder_init(speex_lib_get_mode((int)s->band));
    if (encoder == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    int error = 0;
    if (s->complexity != SPEEX_COMPLEXITY_DEFAULT)
        error |= encoder_set(encoder, SPEEX_SET_COMPLEXITY, s->complexity);
    /* Keep libspeex's small default tuning when no loss is announced. */
    if (s->loss_percent != 0u)
        error |= encoder_set(encoder, SPEEX_SET_PLC_TUNING, (spx_int32_t)s->loss_percent);
    if (s->vbr == SPEEX_VBR_ON)
        error |= encoder_set(encoder, SPEEX_SET_VBR, 1);
    else if (s->vbr == SPEEX_VBR_VAD)
        error |= encoder_set(encoder, SPEEX_SET_VAD, 1);
    /* cng=on: silence goes out as comfort-noise frames that need not be sent
     * (libspeex only does this when vbr is on or vad). */
    if (s->cng)
        error |= encoder_set(encoder, SPEEX_SET_DTX, 1);
    if (s->bitrate_bps != 0u) {
        const spx_int32_t bitrate = s->bitrate_bps > (uint32_t)INT32_MAX ? INT32_MAX : (spx_int32_t)s->bitrate_bps;
        error |= encoder_set(encoder, SPEEX_SET_BITRATE, bitrate);
        if (s->vbr == SPEEX_VBR_ON)
            error |= encoder_set(encoder, SPEEX_SET_VBR_MAX_BITRATE, bitrate);
    }
    /* The peer's preferred mode comes last, so it wins over the bitrate. */
    if (s->submode != SPEEX_SUBMODE_DEFAULT)
        error |= encoder_set(encoder, SPEEX_SET_MODE, s->submode);
    if (error != 0) {
        speex_encoder_destroy(encoder);
        return CORDON_STATUS_INTERNAL_ERROR;
    }
    *created = encoder;
    return CORDON_STATUS_OK;
}

static bool frame_size_is(void *state, int (*ctl)(void *, int, void *), size_t expected)
{
    spx_int32_t frame_size = 0;
    return ctl(state, SPEEX_GET_FRAME_SIZE, &frame_size) == 0 && (size_t)frame_size == expected;
}

/* Makes a fresh encoder and decoder; they replace the old ones only when
 * both exist and agree with the frame size, so a failed reset changes
 * nothing. */
static cordon_status make_codec_states(cordon_codec_instance *instance)
{
    void *encoder = NULL;
    cordon_status status = make_encoder(&instance->settings, &encoder);
    void *decoder = speex_decoder_init(speex_lib_get_mode((int)instance->settings.band));
    if (status == CORDON_STATUS_OK && decoder == NULL)
        status = CORDON_STATUS_OUT_OF_MEMORY;
    /* Our frame arithmetic must agree with the library's. */
    if (status == CORDON_STATUS_OK && (!frame_size_is(encoder, speex_encoder_ctl, instance->frame_samples) ||
                                       !frame_size_is(decoder, speex_decoder_ctl, instance->frame_samples)))
        status = CORDON_STATUS_INTERNAL_ERROR;
    if (status != CORDON_STATUS_OK) {
        if (encoder != NULL)
            speex_encoder_destroy(encoder);
        if (decoder != NULL)
            speex_decoder_destroy(decoder);
        return status;
    }
    if (instance->encoder != NULL)
        speex_encoder_destroy(instance->encoder);
    if (instance->decoder != NULL)
        speex_decoder_destroy(instance->decoder);
    instance->encoder = encoder;
    instance->decoder = decoder;
    return CORDON_STATUS_OK;
}

static void destroy_instance(cordon_codec_instance *instance)
{
    if (instance == NULL)
        return;
    if (instance->encoder != NULL)
        speex_encoder_destroy(instance->encoder);
    if (instance->decoder != NULL)
        speex_decoder_destroy(instance->decoder);
    /* The bit buffers are ours (speex_bits_init_buffer), so free them here. */
    free(instance->encode_buffer);
    free(instance->decode_buffer);
    free(instance->pcm_scratch);
    free(instance->decoded);
    free(instance);
}

static cordon_status speex_create(const cordon_codec_config *config, cordon_codec_instance **instance,
                                  cordon_codec_instance_info *info)
{
    if (instance != NULL)
        *instance = NULL;
    if (config == NULL || instance == NULL || info == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;

    cordon_codec_instance *created = calloc(1, sizeof *created);
    if (created == NULL)
        return CORDON_STATUS_OUT_OF_MEMORY;
    cordon_status status = speex_read_config(config, &created->settings);
    if (status != CORDON_STATUS_OK) {
        destroy_instance(created);
        return status;
    }
    const enum speex_band band = created->settings.band;
    const uint64_t max_frame_bits =
        (uint64_t)band_max_bitrate_bps[band] * SPEEX_FRAME_DURATION_US / MICROSECONDS_PER_SECOND;
    created->frame_samples = codec_samples_in_duration(speex_formats[band].clock_rate, SPEEX_FRAME_DURATION_US);
    created->max_packet_bytes = (size_t)((max_frame_bits + BITS_PER_BYTE - 1u) / BITS_PER_BYTE);
    created->max_decoded_samples = created->frame_samples * (SPEEX_MAX_PACKET_DURATION_US / SPEEX_FRAME_DURATION_US);

    created->encode_buffer = malloc(SPEEX_BITS_BUFFER_BYTES);
    created->decode_buffer = malloc(SPEEX_BITS_BUFFER_BYTES);
    created->pcm_scratch = malloc(created->frame_samples * sizeof(int16_t));
    created->decoded = malloc(created->frame_samples * sizeof(float));
    if (created->encode_buffer == NULL || created->decode_buffer == NULL || created->pcm_scratch == NULL ||
        created->decoded == NULL)
        status = CORDON_STATUS_OUT_OF_MEMORY;
    else
        status = make_codec_states(created);
    /* The decoded signal lags by the encoder's lookahead plus the decoder's
     * (its enhancer and band-merging filters): 10 ms in narrowband. */
    spx_int32_t encoder_lookahead = 0;
    spx_int32_t decoder_lookahead = 0;
    if (status == CORDON_STATUS_OK &&
        (speex_encoder_ctl(created->encoder, SPEEX_GET_LOOKAHEAD, &encoder_lookahead) != 0 ||
         speex_decoder_ctl(created->decoder, SPEEX_GET_LOOKAHEAD, &decoder_lookahead) != 0))
        status = CORDON_STATUS_INTERNAL_ERROR;
    if (status != CORDON_STATUS_OK) {
        plugin_log(CORDON_LOG_ERROR, "speex: could not set up the codec: %s", cordon_status_message(status));
        destroy_instance(created);
        return status;
    }
    speex_bits_init_buffer(&created->encode_bits, created->encode_buffer, (int)SPEEX_BITS_BUFFER_BYTES);
    speex_bits_init_buffer(&created->decode_bits, created->decode_buffer, (int)SPEEX_BITS_BUFFER_BYTES);

    const cordon_codec_instance_info reported = {
        .frame_samples_per_channel = (uint32_t)created->frame_samples,
        .max_packet_bytes = (uint32_t)created->max_packet_bytes,
        .max_decoded_samples = (uint32_t)created->max_decoded_samples,
        .delay_samples_per_channel = (uint32_t)(encoder_lookahead + decoder_lookahead),
    };
    codec_info_write(info, &reported);

    *instance = created;
    return CORDON_STATUS_OK;
}

static cordon_status speex_encode_frame(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples,
                                        uint8_t *packet, size_t packet_capacity, size_t *packet_bytes)
{
    if (packet_bytes != NULL)
        *packet_bytes = 0;
    if (instance == NULL || pcm == NULL || packet == NULL || packet_bytes == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (pcm_samples != instance->frame_samples)
        return CORDON_STATUS_INVALID_ARGUMENT;

    memcpy(instance->pcm_scratch, pcm, pcm_samples * sizeof(int16_t));
    speex_bits_reset(&instance->encode_bits);
    if (speex_encode_int(instance->encoder, instance->pcm_scratch, &instance->encode_bits) == 0)
        return CORDON_STATUS_OK; /* DTX: nothing to send, *packet_bytes stays 0 */

    const int needed = speex_bits_nbytes(&instance->encode_bits);
    if (needed <= 0 || (size_t)needed > instance->max_packet_bytes)
        return CORDON_STATUS_INTERNAL_ERROR; /* never more than info promised */
    if ((size_t)needed > packet_capacity)
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    const int written = speex_bits_write(&instance->encode_bits, (char *)packet, needed);
    if (written != needed)
        return CORDON_STATUS_INTERNAL_ERROR;
    *packet_bytes = (size_t)written;
    return CORDON_STATUS_OK;
}

/* Same rounding and clamping as speex_decode_int; NaN (never expected) is 0. */
static int16_t to_pcm(float value)
{
    if (value != value)
        return 0;
    if (value >= (float)INT16_MAX)
        return INT16_MAX;
    if (value <= (float)INT16_MIN)
        return INT16_MIN;
    return (int16_t)(value >= 0.0f ? value + PCM_ROUNDING : value - PCM_ROUNDING);
}

/* Decodes one frame (bits NULL: conceals one). Not speex_decode_int: on some
 * corrupt wideband frames libspeex returns success without writing every
 * sample of its own stack buffer, and those samples would carry stack
 * contents into the audio. Here they come out as silence. */
static int decode_frame(cordon_codec_instance *instance, SpeexBits *bits, int16_t *pcm)
{
    memset(instance->decoded, 0, instance->frame_samples * sizeof(float));
    const int result = speex_decode(instance->decoder, bits, instance->decoded);
    if (result == 0)
        for (size_t i = 0; i < instance->frame_samples; ++i)
            pcm[i] = to_pcm(instance->decoded[i]);
    return result;
}

/* True when the bits left hold the start of a frame rather than the end
 * marker or the padding of the last byte. */
static bool frame_follows(SpeexBits *bits)
{
    return speex_bits_remaining(bits) >= SPEEX_FRAME_HEADER_BITS &&
           speex_bits_peek_unsigned(bits, SPEEX_FRAME_HEADER_BITS) != SPEEX_TERMINATOR_HEADER;
}

static cordon_status speex_decode_packet(cordon_codec_instance *instance, const uint8_t *packet, size_t packet_bytes,
                                         int16_t *pcm, size_t pcm_capacity, size_t *pcm_samples)
{
    if (pcm_samples != NULL)
        *pcm_samples = 0;
    if (instance == NULL || packet == NULL || pcm == NULL || pcm_samples == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (packet_bytes == 0u || packet_bytes > SPEEX_MAX_INPUT_PACKET_BYTES)
        return CORDON_STATUS_MALFORMED_INPUT;

    SpeexBits *bits = &instance->decode_bits;
    speex_bits_read_from(bits, (const char *)packet, (int)packet_bytes);
    /* libspeex 1.2 checks every read against the packet length; should one
     * ever read past it, it finds zeros rather than an older packet. */
    memset(instance->decode_buffer + packet_bytes, 0, SPEEX_BITS_BUFFER_BYTES - packet_bytes);
    size_t written = 0;
    while (frame_follows(bits)) {
        /* More than 120 ms in one packet: refuse it rather than cut it. */
        if (written + instance->frame_samples > instance->max_decoded_samples)
            return CORDON_STATUS_MALFORMED_INPUT;
        if (written + instance->frame_samples > pcm_capacity)
            return CORDON_STATUS_BUFFER_TOO_SMALL;
        const int result = decode_frame(instance, bits, pcm + written);
        if (result == SPEEX_DECODE_END)
            break; /* only in-band requests were left */
        /* A frame cut short reads zeros past the end and flags an overflow. */
        if (result != 0 || speex_bits_remaining(bits) < 0)
            return CORDON_STATUS_MALFORMED_INPUT;
        written += instance->frame_samples;
    }
    if (written == 0u)
        return CORDON_STATUS_MALFORMED_INPUT;
    *pcm_samples = written;
    return CORDON_STATUS_OK;
}

static cordon_status speex_conceal(cordon_codec_instance *instance, const uint8_t *next_packet,
                                   size_t next_packet_bytes, int16_t *pcm, size_t pcm_capacity, size_t *pcm_samples)
{
    if (pcm_samples != NULL)
        *pcm_samples = 0;
    if (instance == NULL || pcm == NULL || pcm_samples == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    /* Speex has no in-band FEC: the next packet is checked, then unused. */
    if (next_packet == NULL && next_packet_bytes != 0u)
        return CORDON_STATUS_INVALID_ARGUMENT;
    if (pcm_capacity < instance->frame_samples)
        return CORDON_STATUS_BUFFER_TOO_SMALL;
    /* NULL bits: libspeex extrapolates one frame from its history. */
    if (decode_frame(instance, NULL, pcm) != 0)
        return CORDON_STATUS_INTERNAL_ERROR;
    *pcm_samples = instance->frame_samples;
    return CORDON_STATUS_OK;
}

static cordon_status speex_reset(cordon_codec_instance *instance)
{
    if (instance == NULL)
        return CORDON_STATUS_INVALID_ARGUMENT;
    /* SPEEX_RESET_STATE leaves VBR and DTX history behind: start afresh. */
    const cordon_status status = make_codec_states(instance);
    speex_bits_reset(&instance->encode_bits);
    speex_bits_reset(&instance->decode_bits);
    return status;
}

static const cordon_codec_interface speex_interface = {
    .struct_size = sizeof(cordon_codec_interface),
    .format_struct_size = sizeof(cordon_codec_format),
    .formats = speex_formats,
    .format_count = SPEEX_BAND_COUNT,
    .create = speex_create,
    .encode = speex_encode_frame,
    .decode = speex_decode_packet,
    .conceal = speex_conceal,
    .reset = speex_reset,
    .destroy = destroy_instance,
};

static const void *plugin_get_interface(const char *interface_id)
{
    return codec_interface_if_asked(interface_id, &speex_interface);
}

static const cordon_plugin_descriptor speex_descriptor =
    CODEC_PLUGIN_DESCRIPTOR(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VENDOR, PLUGIN_VERSION, plugin_get_interface);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void);

CORDON_PLUGIN_EXPORT const cordon_plugin_descriptor *cordon_plugin_entry(void) { return &speex_descriptor; }
