/*
 * Cordon codec interface, "cordon.codec/1".
 *
 * A codec plugin (kind CORDON_PLUGIN_KIND_CODEC) returns a
 * cordon_codec_interface from get_interface(CORDON_CODEC_INTERFACE_ID).
 * Audio is 16-bit signed PCM, interleaved when there is more than one
 * channel. "Samples" below always count int16_t values across all channels
 * unless a field says "per channel".
 */
#ifndef CORDON_CODEC_H
#define CORDON_CODEC_H

#include "cordon/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CORDON_CODEC_INTERFACE_ID "cordon.codec/1"

/* Limits the host enforces on what a codec plugin states. */
#define CORDON_CODEC_MAX_FORMATS 64u
#define CORDON_CODEC_MAX_LIST_ENTRIES 32u   /* sample rates, durations, fmtp names */
#define CORDON_CODEC_MAX_PACKET_BYTES 8192u /* per encoded packet */
#define CORDON_CODEC_MAX_CHANNELS 2u
#define CORDON_CODEC_MAX_SAMPLE_RATE 48000u
/* 120 ms at 48 kHz, stereo: the largest frame any instance may decode. */
#define CORDON_CODEC_MAX_FRAME_SAMPLES (5760u * 2u)

/* One encoding the plugin can create instances for. Owned by the plugin,
 * valid until deinit. */
typedef struct cordon_codec_format {
    /* Encoding name as in an SDP rtpmap line: "PCMU", "opus", "speex". */
    const char *encoding_name;
    /* RTP clock rate in Hz as in rtpmap (opus: always 48000). */
    uint32_t clock_rate;
    /* Channel count as in rtpmap (opus: always 2, RFC 7587). */
    uint32_t rtp_channels;
    /* Static RTP payload type (0..95) or -1 when the type is dynamic. */
    int32_t static_payload_type;
    /* PCM sample rates an instance accepts, in Hz; count 1..MAX_LIST_ENTRIES. */
    const uint32_t *sample_rates;
    uint32_t sample_rate_count;
    /* PCM channel counts 1..max_channels are accepted (max 2). */
    uint32_t max_channels;
    /* Frame durations an instance accepts, in microseconds (20000 = 20 ms);
     * count 1..MAX_LIST_ENTRIES. */
    const uint32_t *frame_durations_us;
    uint32_t frame_duration_count;
    /* Names of the fmtp parameters this plugin understands (lower case,
     * e.g. "useinbandfec"; matched without regard to case, as media type
     * parameters are); count 0..MAX_LIST_ENTRIES. Unknown names passed in
     * cordon_codec_config.params are refused with INVALID_ARGUMENT. */
    const char *const *fmtp_parameters;
    uint32_t fmtp_parameter_count;
    /* Non-zero when conceal() can use the next packet's in-band FEC. */
    uint32_t has_inband_fec;
} cordon_codec_format;

/* One fmtp-style parameter, "name=value". Owned by the host; valid for the
 * duration of the create() call only. */
typedef struct cordon_codec_param {
    const char *name;
    const char *value;
} cordon_codec_param;

/* What the host asks create() for. Owned by the host, valid for the duration
 * of the call; the plugin copies what it keeps. */
typedef struct cordon_codec_config {
    /* sizeof(cordon_codec_config) as the host compiled it. */
    uint32_t struct_size;
    /* Which format: must match one entry of the interface's formats by
     * encoding name (case-insensitive) and clock rate. */
    const char *encoding_name;
    uint32_t clock_rate;
    /* PCM the application supplies and receives: one of the format's
     * sample_rates, and 1..max_channels channels. */
    uint32_t sample_rate;
    uint32_t channels;
    /* One of the format's frame_durations_us. */
    uint32_t frame_duration_us;
    /* Target bitrate in bits per second; 0 means the codec's default.
     * A codec with a fixed rate ignores it. */
    uint32_t bitrate_bps;
    /* Encoder complexity 0..10; -1 means the codec's default. */
    int32_t complexity;
    /* Packet loss the encoder should expect, 0..100 percent; codecs with
     * in-band FEC use it to decide how much redundancy to send. */
    uint32_t expected_loss_percent;
    /* fmtp-style parameters (names from the format's fmtp_parameters);
     * params may be NULL when param_count is 0. */
    const cordon_codec_param *params;
    uint32_t param_count;
} cordon_codec_config;

/* What create() reports about the instance, written by the plugin into a
 * struct the host owns. */
typedef struct cordon_codec_instance_info {
    /* Set by the host to the size it allocated; the plugin writes no field
     * that lies beyond it. */
    uint32_t struct_size;
    /* Samples per channel in one frame: sample_rate * frame_duration_us / 1e6. */
    uint32_t frame_samples_per_channel;
    /* The largest packet encode() will ever write, in bytes
     * (1..CORDON_CODEC_MAX_PACKET_BYTES). */
    uint32_t max_packet_bytes;
    /* The most samples (all channels) decode() or conceal() will ever write
     * (at least one frame, at most CORDON_CODEC_MAX_FRAME_SAMPLES). */
    uint32_t max_decoded_samples;
    /* Algorithmic delay per channel, in samples at sample_rate: how far the
     * decoded signal lags the encoded one. Used to align for quality figures. */
    uint32_t delay_samples_per_channel;
} cordon_codec_instance_info;

/* An encoder+decoder pair for one configuration. Opaque to the host. */
typedef struct cordon_codec_instance cordon_codec_instance;

/*
 * Threading: calls on one instance are never concurrent (the host serialises
 * them); different instances may be used from different threads at once, so
 * a plugin keeps no unsynchronised global mutable state. No call blocks on
 * I/O or sleeps; each frame costs bounded CPU time.
 *
 * Buffers: every output is pointer + capacity + out-length. On any status
 * other than OK the out-length is 0 and the output contents are undefined.
 * A plugin never writes past the capacity it was given.
 */
typedef struct cordon_codec_interface {
    /* sizeof(cordon_codec_interface) as the plugin compiled it. */
    uint32_t struct_size;
    /* sizeof(cordon_codec_format) as the plugin compiled it: the stride of
     * the formats array. */
    uint32_t format_struct_size;
    /* Formats offered, 1..CORDON_CODEC_MAX_FORMATS entries, owned by the
     * plugin, valid until deinit. */
    const cordon_codec_format *formats;
    uint32_t format_count;

    /* Creates an instance. On OK *instance is non-NULL and info is filled.
     * Refuses an unknown format, sample rate, channel count, frame duration,
     * parameter name or value with INVALID_ARGUMENT or UNSUPPORTED. */
    cordon_status (*create)(const cordon_codec_config *config, cordon_codec_instance **instance,
                            cordon_codec_instance_info *info);

    /* Encodes exactly one frame: pcm_samples must equal
     * frame_samples_per_channel * channels. Writes at most packet_capacity
     * bytes; *packet_bytes may be 0 when the encoder chose to send nothing
     * (discontinuous transmission). BUFFER_TOO_SMALL when the packet does
     * not fit: the encoder may still have consumed the frame (its state
     * advanced, the frame is lost), since many codecs learn the size only by
     * encoding. A capacity of max_packet_bytes never fails this way. */
    cordon_status (*encode)(cordon_codec_instance *instance, const int16_t *pcm, size_t pcm_samples, uint8_t *packet,
                            size_t packet_capacity, size_t *packet_bytes);

    /* Decodes one packet (possibly hostile: any bytes, any length) into at
     * most pcm_capacity samples. A peer may send packets of another duration
     * than the configured frame: up to max_decoded_samples they decode.
     * MALFORMED_INPUT for a packet the codec cannot decode or that would
     * exceed max_decoded_samples; BUFFER_TOO_SMALL when the result does not
     * fit pcm_capacity. */
    cordon_status (*decode)(cordon_codec_instance *instance, const uint8_t *packet, size_t packet_bytes, int16_t *pcm,
                            size_t pcm_capacity, size_t *pcm_samples);

    /* Produces exactly one frame (frame_samples_per_channel * channels
     * samples) in place of a lost packet. next_packet is the packet that
     * followed the lost one, or NULL (with next_packet_bytes 0) when it has
     * not arrived; a codec with in-band FEC recovers from it, others ignore
     * it. Optional: NULL when the codec has no concealment (the host then
     * plays silence). */
    cordon_status (*conceal)(cordon_codec_instance *instance, const uint8_t *next_packet, size_t next_packet_bytes,
                             int16_t *pcm, size_t pcm_capacity, size_t *pcm_samples);

    /* Returns encoder and decoder to their state just after create(): the
     * same input gives the same packets as a fresh instance. May allocate. */
    cordon_status (*reset)(cordon_codec_instance *instance);

    /* Frees the instance. instance may be NULL. */
    void (*destroy)(cordon_codec_instance *instance);
} cordon_codec_interface;

#ifdef __cplusplus
}
#endif

#endif /* CORDON_CODEC_H */
