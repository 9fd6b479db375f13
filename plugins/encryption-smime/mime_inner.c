/*
 * The inner MIME entity (mime_entity.h): written as RFC 3261 section 23.4
 * shows it, read back strictly. The decrypted bytes came from whoever holds
 * the recipient's certificate, which is anyone: they are as hostile as the
 * network's.
 */
#include <stdlib.h>
#include <string.h>

#include "common/ascii_text.h"
#include "core/ascii_chars.h"
#include "core/media_type.h"
#include "encryption-smime/body_output.h"
#include "encryption-smime/mime_entity.h"

#define CONTENT_TYPE_PREFIX "Content-Type: "
#define CRLF "\r\n"
/* The most header bytes read before the empty line: far more than the few
 * headers an inner entity has. */
#define MAX_HEADER_BYTES 2048u
/* The longest Content-Length value read (digits). */
#define MAX_LENGTH_DIGITS 9u
/* The most characters of an unknown header name put in a refusal. */
#define MAX_NAME_SHOWN 40

bool mime_content_type_is_valid(const char *text, size_t length)
{
    return length <= CORDON_BODY_CONTENT_TYPE_BYTES && is_content_type_value(text, length);
}

uint8_t *mime_write_inner(const cordon_body_entity *inner, size_t *out_length)
{
    const size_t prefix = strlen(CONTENT_TYPE_PREFIX);
    const size_t separator = strlen(CRLF CRLF);
    const size_t length = prefix + inner->content_type_length + separator + inner->body_length;
    uint8_t *entity = malloc(length);
    if (entity == NULL)
        return NULL;
    size_t at = 0;
    memcpy(entity, CONTENT_TYPE_PREFIX, prefix);
    at += prefix;
    memcpy(entity + at, inner->content_type, inner->content_type_length);
    at += inner->content_type_length;
    memcpy(entity + at, CRLF CRLF, separator);
    at += separator;
    if (inner->body_length > 0)
        memcpy(entity + at, inner->body, inner->body_length);
    *out_length = length;
    return entity;
}

/* The headers an inner entity may have, each at most once. */
typedef enum inner_header {
    HEADER_CONTENT_TYPE,
    HEADER_TRANSFER_ENCODING,
    HEADER_CONTENT_LENGTH,
    HEADER_CONTENT_ID,
    HEADER_DISPOSITION,
    HEADER_COUNT
} inner_header;

static const char *const header_names[HEADER_COUNT] = {
    "Content-Type", "Content-Transfer-Encoding", "Content-Length", "Content-ID", "Content-Disposition",
};

static int find_header(const char *name, size_t length)
{
    for (int i = 0; i < HEADER_COUNT; ++i) {
        if (ascii_span_equal_nocase(name, length, header_names[i]))
            return i;
    }
    return -1;
}

static bool is_length_of(const char *value, size_t length, size_t body_length)
{
    if (length == 0 || length > MAX_LENGTH_DIGITS)
        return false;
    size_t number = 0;
    for (size_t i = 0; i < length; ++i) {
        if (value[i] < '0' || value[i] > '9')
            return false;
        number = number * 10u + (size_t)(value[i] - '0');
    }
    return number == body_length;
}

/* Checks one header's value; Content-ID and Content-Disposition are taken
 * as they are (printable, which the line check saw to) and not used. */
static bool check_value(inner_header header, const char *value, size_t length, size_t body_length, mime_inner *inner,
                        char *why, size_t why_capacity)
{
    switch (header) {
    case HEADER_CONTENT_TYPE:
        if (!mime_content_type_is_valid(value, length)) {
            body_format_text(why, why_capacity, "the inner Content-Type is not type/subtype of at most %u characters",
                             CORDON_BODY_CONTENT_TYPE_BYTES);
            return false;
        }
        inner->content_type = value;
        inner->content_type_length = length;
        return true;
    case HEADER_TRANSFER_ENCODING:
        /* Identity encodings only: a body that needs decoding is not what
         * RFC 8591's binary CMS carries. */
        if (!ascii_span_equal_nocase(value, length, "binary") && !ascii_span_equal_nocase(value, length, "8bit") &&
            !ascii_span_equal_nocase(value, length, "7bit")) {
            body_format_text(why, why_capacity, "the inner Content-Transfer-Encoding is not binary, 8bit or 7bit");
            return false;
        }
        return true;
    case HEADER_CONTENT_LENGTH:
        if (!is_length_of(value, length, body_length)) {
            body_format_text(why, why_capacity, "the inner Content-Length is not the body's length (%zu)", body_length);
            return false;
        }
        return true;
    case HEADER_CONTENT_ID:
    case HEADER_DISPOSITION:
    case HEADER_COUNT:
        break;
    }
    return true;
}

/* Takes one header line (without its CRLF). */
static bool read_header(const char *line, size_t length, size_t body_length, mime_inner *inner, bool seen[HEADER_COUNT],
                        char *why, size_t why_capacity)
{
    if (length > 0 && ascii_is_blank(line[0])) {
        body_format_text(why, why_capacity, "the inner entity has a folded header line");
        return false;
    }
    for (size_t i = 0; i < length; ++i) {
        if (!ascii_is_printable(line[i]) && line[i] != '\t') {
            body_format_text(why, why_capacity, "an inner header holds a control character or a non-ASCII byte");
            return false;
        }
    }
    const size_t name_length = rfc2045_token_length(line, length);
    if (name_length == 0 || name_length == length || line[name_length] != ':') {
        body_format_text(why, why_capacity, "an inner header line is not name: value");
        return false;
    }
    const int header = find_header(line, name_length);
    if (header < 0) {
        body_format_text(why, why_capacity, "the inner entity has a header this plugin does not take (%.*s)",
                         (int)(name_length < MAX_NAME_SHOWN ? name_length : MAX_NAME_SHOWN), line);
        return false;
    }
    if (seen[header]) {
        body_format_text(why, why_capacity, "the inner entity has %s twice", header_names[header]);
        return false;
    }
    seen[header] = true;
    size_t start = name_length + 1;
    start += ascii_leading_blanks(line + start, length - start);
    const size_t end = length - ascii_trailing_blanks(line + start, length - start);
    return check_value((inner_header)header, line + start, end - start, body_length, inner, why, why_capacity);
}

/* Where the empty line ending the headers starts (the CRLF CRLF), within
 * the first MAX_HEADER_BYTES, or length when there is none. */
static size_t header_end(const char *text, size_t length)
{
    const size_t separator = strlen(CRLF CRLF);
    for (size_t at = 0; at + separator <= length && at <= MAX_HEADER_BYTES; ++at) {
        if (memcmp(text + at, CRLF CRLF, separator) == 0)
            return at;
    }
    return length;
}

bool mime_read_inner(const uint8_t *data, size_t length, mime_inner *inner, char *why, size_t why_capacity)
{
    const char *text = (const char *)data;
    const size_t end = header_end(text, length);
    if (end == length) {
        body_format_text(why, why_capacity, "the inner entity has no empty line after its headers within %u bytes",
                         MAX_HEADER_BYTES);
        return false;
    }
    const size_t body_start = end + strlen(CRLF CRLF);
    const size_t body_length = length - body_start;
    if (body_length > CORDON_BODY_MAX_BYTES) {
        body_format_text(why, why_capacity, "the inner body is %zu bytes; at most %u are taken", body_length,
                         CORDON_BODY_MAX_BYTES);
        return false;
    }
    bool seen[HEADER_COUNT] = {false};
    memset(inner, 0, sizeof *inner);
    /* Lines up to end, each ended by CRLF (the last one's is the first half
     * of the separator). */
    const size_t lines_end = end + strlen(CRLF);
    for (size_t start = 0; start < lines_end;) {
        size_t stop = start;
        while (stop + 1 < lines_end && !(text[stop] == '\r' && text[stop + 1] == '\n'))
            ++stop;
        if (!read_header(text + start, stop - start, body_length, inner, seen, why, why_capacity))
            return false;
        start = stop + strlen(CRLF);
    }
    if (!seen[HEADER_CONTENT_TYPE]) {
        body_format_text(why, why_capacity, "the inner entity has no Content-Type");
        return false;
    }
    inner->body = data + body_start;
    inner->body_length = body_length;
    return true;
}
