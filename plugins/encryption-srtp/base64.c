#include "encryption-srtp/base64.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

enum { BITS_PER_CHAR = 6, CHARS_PER_GROUP = 4, BYTES_PER_GROUP = 3, NOT_BASE64 = -1 };

size_t base64_encoded_length(size_t length)
{
    return (length + BYTES_PER_GROUP - 1) / BYTES_PER_GROUP * CHARS_PER_GROUP;
}

bool base64_encode(const uint8_t *data, size_t length, char *out, size_t out_capacity)
{
    const size_t needed = base64_encoded_length(length);
    if (needed + 1 > out_capacity)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < length; i += BYTES_PER_GROUP) {
        const size_t left = length - i;
        const uint32_t group = ((uint32_t)data[i] << 16) | (left > 1 ? (uint32_t)data[i + 1] << 8 : 0u) |
                               (left > 2 ? (uint32_t)data[i + 2] : 0u);
        out[o++] = alphabet[(group >> 18) & 0x3Fu];
        out[o++] = alphabet[(group >> 12) & 0x3Fu];
        out[o++] = left > 1 ? alphabet[(group >> 6) & 0x3Fu] : '=';
        out[o++] = left > 2 ? alphabet[group & 0x3Fu] : '=';
    }
    out[o] = '\0';
    return true;
}

static int char_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return NOT_BASE64;
}

bool base64_decode(const char *text, size_t length, uint8_t *out, size_t out_capacity, size_t *out_length)
{
    *out_length = 0;
    if (length == 0 || length % CHARS_PER_GROUP != 0)
        return false;
    size_t padding = 0;
    if (text[length - 1] == '=')
        padding = text[length - 2] == '=' ? 2 : 1;
    const size_t decoded = length / CHARS_PER_GROUP * BYTES_PER_GROUP - padding;
    if (decoded > out_capacity)
        return false;
    size_t o = 0;
    for (size_t i = 0; i < length; i += CHARS_PER_GROUP) {
        const bool last = i + CHARS_PER_GROUP == length;
        const size_t real_chars = last ? CHARS_PER_GROUP - padding : CHARS_PER_GROUP;
        uint32_t group = 0;
        for (size_t k = 0; k < CHARS_PER_GROUP; ++k) {
            int value = 0;
            if (k < real_chars) {
                value = char_value(text[i + k]);
                if (value == NOT_BASE64)
                    return false;
            }
            group = (group << BITS_PER_CHAR) | (uint32_t)value;
        }
        /* Bits of the last real character that no byte uses must be zero. */
        if (padding == 2 && last && (group & 0xFFFFu) != 0)
            return false;
        if (padding == 1 && last && (group & 0xFFu) != 0)
            return false;
        out[o++] = (uint8_t)(group >> 16);
        if (real_chars > 2)
            out[o++] = (uint8_t)(group >> 8);
        if (real_chars > 3)
            out[o++] = (uint8_t)group;
    }
    *out_length = o;
    return true;
}
