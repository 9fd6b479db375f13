/*
 * G.711 µ-law and A-law, written from the segment tables of ITU-T G.711.
 *
 * Both laws split a magnitude into 8 segments, each twice as wide as the one
 * before, and 16 equal steps (the mantissa) inside a segment. A code is
 * sign | segment << 4 | mantissa, then bit-inverted as the law says.
 * µ-law works on 14-bit magnitudes plus a bias of 33 that puts every segment
 * start on a power of two; A-law works on 13-bit magnitudes and its first two
 * segments share one step size. Decoding returns the middle of the step.
 */
#include "codec-g711/g711.h"

/* 16-bit PCM has 2 more low bits than µ-law's 14 and 3 more than A-law's 13. */
#define ULAW_DROPPED_BITS 2u
#define ALAW_DROPPED_BITS 3u

/* In both laws the transmitted top bit is 1 for a positive sample. */
#define SIGN_BIT 0x80u
#define SEGMENT_SHIFT 4u
#define SEGMENT_MASK 0x07u
#define MANTISSA_MASK 0x0Fu
#define LAST_SEGMENT 7u
/* The leading one of a segment, just above the 4 mantissa bits. */
#define SEGMENT_LEADING_ONE 0x10u

/* µ-law: the bias makes segment n cover biased magnitudes [32 << n, 64 << n). */
#define ULAW_BIAS 33u
#define ULAW_SEGMENT0_END 64u
#define ULAW_MAX_MAGNITUDE 8158u /* 8191 - bias: the top of segment 7 */
/* µ-law transmits segment and mantissa inverted (so that silence is 0xFF). */
#define ULAW_INVERSION 0x7Fu

/* A-law: segment 0 is [0, 32) with the same step as segment 1, [32, 64). */
#define ALAW_SEGMENT0_END 32u
#define ALAW_MAX_MAGNITUDE 4095u
/* A-law transmits its even bits inverted (never the sign bit). */
#define ALAW_INVERSION 0x55u

static uint32_t magnitude_of(int16_t sample)
{
    const int32_t value = sample;
    return (uint32_t)(value < 0 ? -value : value);
}

/* Segment n covers [segment0_end << (n - 1), segment0_end << n). */
static uint32_t segment_of(uint32_t magnitude, uint32_t segment0_end)
{
    uint32_t segment = 0;
    while (segment < LAST_SEGMENT && magnitude >= (segment0_end << segment))
        ++segment;
    return segment;
}

/* The middle of a step, as an odd number of half steps: "1mmmm1". */
static uint32_t step_middle(uint32_t mantissa) { return ((SEGMENT_LEADING_ONE | mantissa) << 1) | 1u; }

uint8_t g711_linear_to_ulaw(int16_t sample)
{
    uint32_t magnitude = magnitude_of(sample) >> ULAW_DROPPED_BITS;
    if (magnitude > ULAW_MAX_MAGNITUDE)
        magnitude = ULAW_MAX_MAGNITUDE;
    magnitude += ULAW_BIAS;
    const uint32_t segment = segment_of(magnitude, ULAW_SEGMENT0_END);
    const uint32_t mantissa = (magnitude >> (segment + 1u)) & MANTISSA_MASK;
    const uint32_t sign = sample >= 0 ? SIGN_BIT : 0u;
    return (uint8_t)(sign | (((segment << SEGMENT_SHIFT) | mantissa) ^ ULAW_INVERSION));
}

int16_t g711_ulaw_to_linear(uint8_t code)
{
    const uint32_t bits = (uint32_t)code ^ ULAW_INVERSION;
    const uint32_t segment = (bits >> SEGMENT_SHIFT) & SEGMENT_MASK;
    const uint32_t magnitude = ((step_middle(bits & MANTISSA_MASK) << segment) - ULAW_BIAS) << ULAW_DROPPED_BITS;
    /* At most 8031 << 2 = 32124, so the cast cannot overflow. */
    return (int16_t)((bits & SIGN_BIT) ? (int32_t)magnitude : -(int32_t)magnitude);
}

uint8_t g711_linear_to_alaw(int16_t sample)
{
    uint32_t magnitude = magnitude_of(sample) >> ALAW_DROPPED_BITS;
    if (magnitude > ALAW_MAX_MAGNITUDE)
        magnitude = ALAW_MAX_MAGNITUDE;
    const uint32_t segment = segment_of(magnitude, ALAW_SEGMENT0_END);
    /* Segments 0 and 1 both step by 2; segment n > 1 steps by 2^n. */
    const uint32_t step_shift = segment == 0u ? 1u : segment;
    const uint32_t mantissa = (magnitude >> step_shift) & MANTISSA_MASK;
    const uint32_t sign = sample >= 0 ? SIGN_BIT : 0u;
    return (uint8_t)((sign | (segment << SEGMENT_SHIFT) | mantissa) ^ ALAW_INVERSION);
}

int16_t g711_alaw_to_linear(uint8_t code)
{
    const uint32_t bits = (uint32_t)code ^ ALAW_INVERSION;
    const uint32_t segment = (bits >> SEGMENT_SHIFT) & SEGMENT_MASK;
    const uint32_t mantissa = bits & MANTISSA_MASK;
    /* Segment 0 has no leading one: its steps start at zero. */
    const uint32_t magnitude13 = segment == 0u ? ((mantissa << 1) | 1u) : step_middle(mantissa) << (segment - 1u);
    const uint32_t magnitude = magnitude13 << ALAW_DROPPED_BITS;
    /* At most 4032 << 3 = 32256, so the cast cannot overflow. */
    return (int16_t)((bits & SIGN_BIT) ? (int32_t)magnitude : -(int32_t)magnitude);
}

void g711_encode_ulaw(const int16_t *pcm, size_t count, uint8_t *codes)
{
    for (size_t i = 0; i < count; ++i)
        codes[i] = g711_linear_to_ulaw(pcm[i]);
}

void g711_decode_ulaw(const uint8_t *codes, size_t count, int16_t *pcm)
{
    for (size_t i = 0; i < count; ++i)
        pcm[i] = g711_ulaw_to_linear(codes[i]);
}

void g711_encode_alaw(const int16_t *pcm, size_t count, uint8_t *codes)
{
    for (size_t i = 0; i < count; ++i)
        codes[i] = g711_linear_to_alaw(pcm[i]);
}

void g711_decode_alaw(const uint8_t *codes, size_t count, int16_t *pcm)
{
    for (size_t i = 0; i < count; ++i)
        pcm[i] = g711_alaw_to_linear(codes[i]);
}
