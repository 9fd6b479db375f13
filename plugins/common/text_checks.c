/*
 * Length, control character and UTF-8 checks (see text_checks.h).
 */
#include "common/text_checks.h"

#include <stdint.h>

/* The number of continuation bytes a lead byte announces and the smallest
 * and largest second byte it allows (which excludes overlong forms,
 * surrogates and values past U+10FFFF). 0 continuation bytes: ASCII; -1:
 * not a lead byte. */
typedef struct utf8_lead {
    int continuation;
    uint8_t second_min;
    uint8_t second_max;
} utf8_lead;

static utf8_lead lead_of(uint8_t byte)
{
    if (byte < 0x80u)
        return (utf8_lead){0, 0, 0};
    if (byte >= 0xC2u && byte <= 0xDFu)
        return (utf8_lead){1, 0x80u, 0xBFu};
    if (byte == 0xE0u)
        return (utf8_lead){2, 0xA0u, 0xBFu};
    if (byte == 0xEDu)
        return (utf8_lead){2, 0x80u, 0x9Fu};
    if (byte >= 0xE1u && byte <= 0xEFu)
        return (utf8_lead){2, 0x80u, 0xBFu};
    if (byte == 0xF0u)
        return (utf8_lead){3, 0x90u, 0xBFu};
    if (byte >= 0xF1u && byte <= 0xF3u)
        return (utf8_lead){3, 0x80u, 0xBFu};
    if (byte == 0xF4u)
        return (utf8_lead){3, 0x80u, 0x8Fu};
    return (utf8_lead){-1, 0, 0};
}

bool utf8_is_valid(const char *text, size_t length)
{
    const uint8_t *bytes = (const uint8_t *)text;
    size_t i = 0;
    while (i < length) {
        const utf8_lead lead = lead_of(bytes[i]);
        if (lead.continuation < 0 || (size_t)lead.continuation >= length - i)
            return false;
        if (lead.continuation > 0) {
            if (bytes[i + 1] < lead.second_min || bytes[i + 1] > lead.second_max)
                return false;
            for (int k = 2; k <= lead.continuation; ++k) {
                if ((bytes[i + (size_t)k] & 0xC0u) != 0x80u)
                    return false;
            }
        }
        i += (size_t)lead.continuation + 1u;
    }
    return true;
}

size_t text_length_within(const char *text, size_t limit)
{
    size_t length = 0;
    while (length < limit && text[length] != '\0')
        ++length;
    return length;
}

bool text_has_control_character(const char *text, size_t length)
{
    for (size_t i = 0; i < length; ++i) {
        const unsigned char c = (unsigned char)text[i];
        if (c < 0x20u || c == 0x7Fu)
            return true;
    }
    return false;
}
