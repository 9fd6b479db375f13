/*
 * Writing a result into the host's cordon_body_output: the refusal text
 * (printable, bounded, with OpenSSL's reason when there is one), the
 * failure that leaves both lengths 0, the needed sizes of BUFFER_TOO_SMALL,
 * and the copy of an entity that fits.
 */
#ifndef CORDON_ENCRYPTION_SMIME_BODY_OUTPUT_H
#define CORDON_ENCRYPTION_SMIME_BODY_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/host_services.h"
#include "cordon/body_encryption.h"

/* Whether out is a usable output: non-NULL, struct_size covering the 1.0
 * struct, non-NULL buffers (a capacity of 0 may come with NULL). */
bool body_output_is_valid(const cordon_body_output *out);

/* Sets both lengths to 0 and writes the refusal, formatted like printf,
 * printable ASCII only; returns status. */
cordon_body_status body_fail(cordon_body_output *out, cordon_body_status status, const char *format, ...)
    PLUGIN_PRINTF_LIKE(3, 4);

/* As body_fail, with ": " and the reason of OpenSSL's oldest queued error
 * appended (no key or plaintext is ever in it); clears the queue. */
cordon_body_status body_fail_openssl(cordon_body_output *out, cordon_body_status status, const char *format, ...)
    PLUGIN_PRINTF_LIKE(3, 4);

/* Writes content_type and body when both fit; otherwise BUFFER_TOO_SMALL
 * with the needed lengths. */
cordon_body_status body_write(cordon_body_output *out, const char *content_type, size_t content_type_length,
                              const uint8_t *body, size_t body_length);

/* Writes a NUL-terminated, printable-ASCII reason into text[0..capacity),
 * formatted like printf; nothing when text is NULL or capacity 0. */
void body_format_text(char *text, size_t capacity, const char *format, ...) PLUGIN_PRINTF_LIKE(3, 4);

/* Replaces every byte of the NUL-terminated text outside printable ASCII
 * with '?'. */
void body_make_printable(char *text);

/* The reason of OpenSSL's oldest queued error ("" when none), in text;
 * clears the queue. */
void body_openssl_reason(char *text, size_t capacity);

#endif /* CORDON_ENCRYPTION_SMIME_BODY_OUTPUT_H */
