/*
 * The strict UTF-8 decoder (see utf8.h).
 */
#include "core/utf8.h"

/* The ranges of the second byte are those of the Unicode standard's table of
 * well-formed UTF-8 (table 3-7): they exclude overlong forms, surrogates and
 * values above U+10FFFF. Later bytes are any continuation byte. */
typedef struct utf8_lead {
    size_t length; /* of the whole sequence; 0: not a lead byte */
    uint32_t value_bits;
    uint8_t second_min;
    uint8_t second_max;
} utf8_lead;

static utf8_lead lead_of(uint8_t byte)
{
    if (byte < 0x80u)
        return (utf8_lead){1, byte, 0, 0};
    if (byte >= 0xC2u && byte <= 0xDFu)
        return (utf8_lead){2, byte & 0x1Fu, 0x80u, 0xBFu};
    if (byte >= 0xE0u && byte <= 0xEFu)
        return (utf8_lead){3, byte & 0x0Fu, byte == 0xE0u ? 0xA0u : 0x80u, byte == 0xEDu ? 0x9Fu : 0xBFu};
    if (byte >= 0xF0u && byte <= 0xF4u)
        return (utf8_lead){4, byte & 0x07u, byte == 0xF0u ? 0x90u : 0x80u, byte == 0xF4u ? 0x8Fu : 0xBFu};
    return (utf8_lead){0, 0, 0, 0};
}

bool utf8_is_continuation_byte(char byte) { return ((uint8_t)byte & 0xC0u) == 0x80u; }

size_t utf8_sequence_at(const char *text, size_t length, uint32_t *code_point)
{
    const uint8_t *bytes = (const uint8_t *)text;
    if (length == 0)
        return 0;
    const utf8_lead lead = lead_of(bytes[0]);
    if (lead.length == 0 || lead.length > length)
        return 0;
    if (lead.length > 1 && (bytes[1] < lead.second_min || bytes[1] > lead.second_max))
        return 0;
    uint32_t value = lead.value_bits;
    for (size_t i = 1; i < lead.length; ++i) {
        if (!utf8_is_continuation_byte(text[i]))
            return 0;
        value = (value << 6u) | (bytes[i] & 0x3Fu);
    }
    *code_point = value;
    return lead.length;
}

size_t utf8_valid_prefix(const char *text, size_t length)
{
    size_t offset = 0;
    uint32_t code_point = 0;
    while (offset < length) {
        const size_t sequence = utf8_sequence_at(text + offset, length - offset, &code_point);
        if (sequence == 0)
            break;
        offset += sequence;
    }
    return offset;
}

bool utf8_is_valid(const char *text, size_t length) { return utf8_valid_prefix(text, length) == length; }
