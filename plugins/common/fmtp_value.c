/*
 * Strict decimal fmtp values (see fmtp_value.h).
 */
#include "common/fmtp_value.h"

#include <string.h>

#define DECIMAL_BASE 10u

bool fmtp_parse_decimal_span(const char *text, size_t length, uint32_t min, uint32_t max, uint32_t *value)
{
    if (length == 0u)
        return false;
    uint32_t result = 0;
    for (size_t i = 0; i < length; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        const uint32_t digit = (uint32_t)(text[i] - '0');
        if (result > (UINT32_MAX - digit) / DECIMAL_BASE)
            return false;
        result = result * DECIMAL_BASE + digit;
    }
    if (result < min || result > max)
        return false;
    *value = result;
    return true;
}

bool fmtp_parse_decimal(const char *text, uint32_t min, uint32_t max, uint32_t *value)
{
    return fmtp_parse_decimal_span(text, strlen(text), min, max, value);
}
