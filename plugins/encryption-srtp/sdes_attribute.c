#include "encryption-srtp/sdes_attribute.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/ascii_chars.h"
#include "encryption-srtp/base64.h"

#define MAX_TAG_DIGITS 9u
#define KEY_METHOD "inline:"
/* SRTP's limit on packets under one master key (RFC 3711 section 9.2). */
#define MAX_LIFETIME_POWER 48u
#define MAX_LIFETIME_DIGITS 15u
/* The longest suite name shown in a refusal. */
#define SHOWN_NAME_BYTES 48u

/* The text being read: a cursor over value[0..length). */
typedef struct reader {
    const char *text;
    size_t length;
    size_t at;
} reader;

static sdes_verdict verdict(sdes_verdict kind, char *why, size_t capacity, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static sdes_verdict verdict(sdes_verdict kind, char *why, size_t capacity, const char *format, ...)
{
    if (why != NULL && capacity > 0) {
        va_list args;
        va_start(args, format);
        (void)vsnprintf(why, capacity, format, args);
        va_end(args);
    }
    return kind;
}

/* The next field: visible characters up to whitespace or the end. */
static bool next_field(reader *r, const char **field, size_t *field_length)
{
    size_t start = r->at;
    while (r->at < r->length && !ascii_is_blank(r->text[r->at]))
        ++r->at;
    *field = r->text + start;
    *field_length = r->at - start;
    while (r->at < r->length && ascii_is_blank(r->text[r->at]))
        ++r->at;
    return *field_length > 0;
}

/* digits[0..length) as a decimal without a sign or leading zeros, at most
 * max_digits long; false otherwise. */
static bool read_decimal(const char *digits, size_t length, size_t max_digits, uint64_t *value)
{
    if (length == 0 || length > max_digits || (digits[0] == '0' && length > 1))
        return false;
    uint64_t result = 0;
    for (size_t i = 0; i < length; ++i) {
        if (!ascii_is_digit(digits[i]))
            return false;
        result = result * 10u + (uint64_t)(digits[i] - '0');
    }
    *value = result;
    return true;
}

static bool read_lifetime(const char *text, size_t length)
{
    uint64_t value = 0;
    if (length > 2 && text[0] == '2' && text[1] == '^')
        return read_decimal(text + 2, length - 2, 2, &value) && value >= 1 && value <= MAX_LIFETIME_POWER;
    return read_decimal(text, length, MAX_LIFETIME_DIGITS, &value) && value >= 1 &&
           value <= ((uint64_t)1 << MAX_LIFETIME_POWER);
}

/* "<digits>:<digits>", the MKI value and its length in bytes (1..128). */
static bool is_mki(const char *text, size_t length)
{
    const char *colon = memchr(text, ':', length);
    if (colon == NULL)
        return false;
    const size_t value_length = (size_t)(colon - text);
    uint64_t value = 0;
    uint64_t bytes = 0;
    return read_decimal(text, value_length, MAX_LIFETIME_DIGITS, &value) &&
           read_decimal(colon + 1, length - value_length - 1, 3, &bytes) && bytes >= 1 && bytes <= 128;
}

/* inline:<key-salt>[|lifetime][|mki] for a known suite. */
static sdes_verdict read_key_params(const char *params, size_t length, const srtp_suite *suite, sdes_crypto *out,
                                    char *why, size_t capacity)
{
    const size_t method_length = strlen(KEY_METHOD);
    if (memchr(params, ';', length) != NULL)
        return verdict(SDES_UNACCEPTABLE, why, capacity, "more than one key (';'): keys with an MKI are not supported");
    if (length < method_length || memcmp(params, KEY_METHOD, method_length) != 0)
        return verdict(SDES_UNACCEPTABLE, why, capacity, "the key method is not \"inline:\"");
    const char *info = params + method_length;
    const size_t info_length = length - method_length;
    const char *bar = memchr(info, '|', info_length);
    const size_t key_length = bar == NULL ? info_length : (size_t)(bar - info);
    const size_t expected = srtp_suite_key_salt_bytes(suite);
    /* Decoded in full first, so that a key of the wrong size is reported as
     * such: a value this long cannot hold more bytes than this. */
    uint8_t decoded[SDES_MAX_VALUE_BYTES];
    size_t decoded_length = 0;
    if (!base64_decode(info, key_length, decoded, sizeof decoded, &decoded_length))
        return verdict(SDES_MALFORMED, why, capacity, "the key is not base64 (padded, standard alphabet)");
    if (decoded_length != expected) {
        explicit_bzero(decoded, sizeof decoded);
        return verdict(SDES_MALFORMED, why, capacity, "the key is %zu bytes; %s needs %zu (key and salt)",
                       decoded_length, suite->sdes_name, expected);
    }
    memcpy(out->key_salt, decoded, expected);
    out->key_salt_length = expected;
    explicit_bzero(decoded, sizeof decoded);
    /* Up to two '|' parts: a lifetime, then an MKI (each optional). */
    const char *part = bar == NULL ? NULL : bar + 1;
    const char *end = info + info_length;
    bool lifetime_allowed = true;
    while (part != NULL) {
        const char *next_bar = memchr(part, '|', (size_t)(end - part));
        const size_t part_length = next_bar == NULL ? (size_t)(end - part) : (size_t)(next_bar - part);
        if (is_mki(part, part_length)) {
            if (next_bar != NULL)
                return verdict(SDES_MALFORMED, why, capacity, "something follows the MKI");
            return verdict(SDES_UNACCEPTABLE, why, capacity, "the key has an MKI, which is not supported");
        }
        if (!lifetime_allowed || !read_lifetime(part, part_length))
            return verdict(SDES_MALFORMED, why, capacity,
                           "the key lifetime is not 2^1..2^48 or a decimal from 1 to 2^48 without leading zeros");
        lifetime_allowed = false;
        part = next_bar == NULL ? NULL : next_bar + 1;
    }
    return SDES_ACCEPTABLE;
}

static sdes_verdict read_session_params(reader *r, char *why, size_t capacity)
{
    unsigned count = 0;
    const char *param = NULL;
    size_t param_length = 0;
    sdes_verdict result = SDES_ACCEPTABLE;
    while (next_field(r, &param, &param_length)) {
        if (++count > SDES_MAX_SESSION_PARAMS)
            return verdict(SDES_MALFORMED, why, capacity, "more than %u session parameters", SDES_MAX_SESSION_PARAMS);
        if (param[0] == '-' && param_length > 1)
            continue; /* may be ignored when not understood (RFC 4568) */
        if (result == SDES_ACCEPTABLE) {
            char shown[SHOWN_NAME_BYTES];
            const size_t shown_length = param_length < sizeof shown ? param_length : sizeof shown - 1;
            memcpy(shown, param, shown_length);
            shown[shown_length] = '\0';
            result = verdict(SDES_UNACCEPTABLE, why, capacity, "session parameter %s is not supported", shown);
        }
    }
    return result;
}

sdes_verdict sdes_read(const char *value, size_t length, sdes_crypto *out, char *why, size_t why_capacity)
{
    memset(out, 0, sizeof *out);
    out->suite = -1;
    if (why != NULL && why_capacity > 0)
        why[0] = '\0';
    if (value == NULL || length == 0 || length > SDES_MAX_VALUE_BYTES)
        return verdict(SDES_MALFORMED, why, why_capacity, "the value is empty or longer than %u bytes",
                       SDES_MAX_VALUE_BYTES);
    for (size_t i = 0; i < length; ++i) {
        if (!ascii_is_visible(value[i]) && !ascii_is_blank(value[i]))
            return verdict(SDES_MALFORMED, why, why_capacity, "a control or non-ASCII byte at offset %zu", i);
    }
    reader r = {value, length, 0};
    const char *field = NULL;
    size_t field_length = 0;
    uint64_t tag = 0;
    if (!next_field(&r, &field, &field_length) || !read_decimal(field, field_length, MAX_TAG_DIGITS, &tag) || tag == 0)
        return verdict(SDES_MALFORMED, why, why_capacity,
                       "the tag is not a decimal from 1 to 999999999 without leading zeros");
    out->tag = (uint32_t)tag;
    if (!next_field(&r, &field, &field_length))
        return verdict(SDES_MALFORMED, why, why_capacity, "no crypto suite after the tag");
    for (size_t i = 0; i < field_length; ++i) {
        const char c = field[i];
        if (!(ascii_is_alnum(c) || c == '_'))
            return verdict(SDES_MALFORMED, why, why_capacity,
                           "the crypto suite is not a token of letters, digits, '_'");
    }
    out->suite = srtp_suite_find(field, field_length);
    char suite_name[SHOWN_NAME_BYTES];
    const size_t shown = field_length < sizeof suite_name ? field_length : sizeof suite_name - 1;
    memcpy(suite_name, field, shown);
    suite_name[shown] = '\0';
    if (!next_field(&r, &field, &field_length))
        return verdict(SDES_MALFORMED, why, why_capacity, "no key parameters after the suite");
    if (out->suite < 0)
        return verdict(SDES_UNACCEPTABLE, why, why_capacity, "unknown crypto suite %s", suite_name);
    const sdes_verdict key = read_key_params(field, field_length, &srtp_suites[out->suite], out, why, why_capacity);
    if (key != SDES_ACCEPTABLE)
        return key;
    return read_session_params(&r, why, why_capacity);
}

size_t sdes_write(uint32_t tag, const srtp_suite *suite, const uint8_t *key_salt, char *out, size_t capacity)
{
    const int prefix = snprintf(out, capacity, "%u %s " KEY_METHOD, tag, suite->sdes_name);
    if (prefix < 0 || (size_t)prefix >= capacity)
        return 0;
    const size_t used = (size_t)prefix;
    if (!base64_encode(key_salt, srtp_suite_key_salt_bytes(suite), out + used, capacity - used))
        return 0;
    return used + base64_encoded_length(srtp_suite_key_salt_bytes(suite));
}
