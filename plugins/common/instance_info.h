/*
 * What create() reports in cordon_codec_instance_info, written only as far as
 * the host's struct reaches, and the frame arithmetic behind it.
 * Part of cordon_plugin_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_INSTANCE_INFO_H
#define CORDON_PLUGIN_SUPPORT_INSTANCE_INFO_H

#include <stdint.h>

#include "cordon/codec.h"

/* Whole samples per channel in duration_us at sample_rate (the ABI's
 * sample_rate * frame_duration_us / 1e6). */
uint32_t codec_samples_in_duration(uint32_t sample_rate, uint32_t duration_us);

/* Copies each field of values into info when it lies within the struct_size
 * the host set in info; writes nothing beyond it and leaves struct_size
 * alone (values->struct_size is not read). */
void codec_info_write(cordon_codec_instance_info *info, const cordon_codec_instance_info *values);

#endif /* CORDON_PLUGIN_SUPPORT_INSTANCE_INFO_H */
