/*
 * Instance info within the host's struct_size (see instance_info.h).
 */
#include "common/instance_info.h"

#include <stddef.h>

#define MICROSECONDS_PER_SECOND 1000000u

/* The host's struct holds field: it may be older (shorter) than ours. */
#define INFO_HAS(info, field)                                                                                          \
    ((info)->struct_size >= offsetof(cordon_codec_instance_info, field) + sizeof((info)->field))

uint32_t codec_samples_in_duration(uint32_t sample_rate, uint32_t duration_us)
{
    return (uint32_t)((uint64_t)sample_rate * duration_us / MICROSECONDS_PER_SECOND);
}

void codec_info_write(cordon_codec_instance_info *info, const cordon_codec_instance_info *values)
{
    if (INFO_HAS(info, frame_samples_per_channel))
        info->frame_samples_per_channel = values->frame_samples_per_channel;
    if (INFO_HAS(info, max_packet_bytes))
        info->max_packet_bytes = values->max_packet_bytes;
    if (INFO_HAS(info, max_decoded_samples))
        info->max_decoded_samples = values->max_decoded_samples;
    if (INFO_HAS(info, delay_samples_per_channel))
        info->delay_samples_per_channel = values->delay_samples_per_channel;
}
