/*
 * RFC 2045 tokens (mime_tokens.h), and the content type values of
 * mime_entity.h that are made of them.
 */
#include "encryption-smime/mime_tokens.h"

#include <string.h>

#include "encryption-smime/mime_entity.h"

bool mime_is_token_char(char c) { return c > ' ' && c <= '~' && strchr("()<>@,;:\\\"/[]?=", c) == NULL; }

size_t mime_token_length(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && mime_is_token_char(text[count]))
        ++count;
    return count;
}

size_t mime_blank_length(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && (text[count] == ' ' || text[count] == '\t'))
        ++count;
    return count;
}

bool mime_content_type_is_valid(const char *text, size_t length)
{
    if (length == 0 || length > CORDON_BODY_CONTENT_TYPE_BYTES)
        return false;
    for (size_t i = 0; i < length; ++i) {
        if (text[i] < ' ' || text[i] > '~')
            return false;
    }
    const size_t type = mime_token_length(text, length);
    if (type == 0 || type == length || text[type] != '/')
        return false;
    const size_t subtype = mime_token_length(text + type + 1, length - type - 1);
    if (subtype == 0)
        return false;
    /* What follows the subtype is parameters, passed on as written. */
    const size_t rest = type + 1 + subtype;
    return rest == length || text[rest] == ';' || text[rest] == ' ' || text[rest] == '\t';
}
