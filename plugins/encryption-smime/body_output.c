/*
 * Results into the host's cordon_body_output (body_output.h).
 */
#include "encryption-smime/body_output.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>

#include "core/ascii_chars.h"

/* The smallest output struct a host may pass: everything of 1.0. */
#define OUTPUT_SIZE_V1 (sizeof(cordon_body_output))
/* An OpenSSL reason string fits here with room to spare. */
#define OPENSSL_REASON_BYTES 160u

/* The text ends up in a log line and an error message, where CR or LF
 * would forge lines. */
void body_make_printable(char *text)
{
    for (; *text != '\0'; ++text) {
        if (!ascii_is_printable(*text))
            *text = '?';
    }
}

static void format_text_v(char *text, size_t capacity, const char *format, va_list arguments)
{
    if (text == NULL || capacity == 0)
        return;
    (void)vsnprintf(text, capacity, format, arguments);
    body_make_printable(text);
}

void body_format_text(char *text, size_t capacity, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    format_text_v(text, capacity, format, arguments);
    va_end(arguments);
}

void body_openssl_reason(char *text, size_t capacity)
{
    if (capacity == 0)
        return;
    text[0] = '\0';
    const unsigned long error = ERR_peek_error();
    if (error != 0) {
        /* The reason alone: library and function names add nothing a user
         * can act on, and no OpenSSL reason string carries data. */
        const char *reason = ERR_reason_error_string(error);
        if (reason != NULL)
            body_format_text(text, capacity, "%s", reason);
        else
            body_format_text(text, capacity, "OpenSSL error %d", ERR_GET_REASON(error));
    }
    ERR_clear_error();
}

bool body_output_is_valid(const cordon_body_output *out)
{
    if (out == NULL || out->struct_size < OUTPUT_SIZE_V1)
        return false;
    if (out->content_type == NULL && out->content_type_capacity != 0)
        return false;
    return out->body != NULL || out->body_capacity == 0;
}

static void clear_lengths(cordon_body_output *out)
{
    out->content_type_length = 0;
    out->body_length = 0;
}

cordon_body_status body_fail(cordon_body_output *out, cordon_body_status status, const char *format, ...)
{
    clear_lengths(out);
    va_list arguments;
    va_start(arguments, format);
    format_text_v(out->refusal, sizeof out->refusal, format, arguments);
    va_end(arguments);
    return status;
}

cordon_body_status body_fail_openssl(cordon_body_output *out, cordon_body_status status, const char *format, ...)
{
    clear_lengths(out);
    char reason[OPENSSL_REASON_BYTES];
    body_openssl_reason(reason, sizeof reason);
    char what[CORDON_BODY_TEXT_BYTES];
    va_list arguments;
    va_start(arguments, format);
    format_text_v(what, sizeof what, format, arguments);
    va_end(arguments);
    if (reason[0] != '\0')
        body_format_text(out->refusal, sizeof out->refusal, "%s: %s", what, reason);
    else
        body_format_text(out->refusal, sizeof out->refusal, "%s", what);
    return status;
}

cordon_body_status body_write(cordon_body_output *out, const char *content_type, size_t content_type_length,
                              const uint8_t *body, size_t body_length)
{
    if (content_type_length > out->content_type_capacity || body_length > out->body_capacity) {
        out->content_type_length = content_type_length;
        out->body_length = body_length;
        out->refusal[0] = '\0';
        return CORDON_BODY_STATUS_BUFFER_TOO_SMALL;
    }
    if (content_type_length > 0)
        memcpy(out->content_type, content_type, content_type_length);
    if (body_length > 0)
        memcpy(out->body, body, body_length);
    out->content_type_length = content_type_length;
    out->body_length = body_length;
    out->refusal[0] = '\0';
    return CORDON_BODY_STATUS_OK;
}
