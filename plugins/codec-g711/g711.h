/*
 * ITU-T G.711 companding: 16-bit linear PCM <-> 8-bit µ-law (PCMU) and
 * A-law (PCMA) codes. Pure functions, no state.
 */
#ifndef CORDON_CODEC_G711_LAW_H
#define CORDON_CODEC_G711_LAW_H

#include <stddef.h>
#include <stdint.h>

uint8_t g711_linear_to_ulaw(int16_t sample);
int16_t g711_ulaw_to_linear(uint8_t code);
uint8_t g711_linear_to_alaw(int16_t sample);
int16_t g711_alaw_to_linear(uint8_t code);

/* Whole-buffer forms: count samples in, count codes out (and back). */
void g711_encode_ulaw(const int16_t *pcm, size_t count, uint8_t *codes);
void g711_decode_ulaw(const uint8_t *codes, size_t count, int16_t *pcm);
void g711_encode_alaw(const int16_t *pcm, size_t count, uint8_t *codes);
void g711_decode_alaw(const uint8_t *codes, size_t count, int16_t *pcm);

#endif /* CORDON_CODEC_G711_LAW_H */
