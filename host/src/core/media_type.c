/*
 * Content-Type values (see media_type.h).
 */
#include "core/media_type.h"

#include "core/ascii_chars.h"

size_t rfc2045_token_length(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && is_rfc2045_token_char(text[count]))
        ++count;
    return count;
}

bool is_content_type_value(const char *text, size_t length)
{
    for (size_t i = 0; i < length; ++i) {
        if (!ascii_is_printable(text[i]))
            return false;
    }
    const size_t type = rfc2045_token_length(text, length);
    if (type == 0 || type == length || text[type] != '/')
        return false;
    const size_t subtype = rfc2045_token_length(text + type + 1, length - type - 1);
    if (subtype == 0)
        return false;
    const size_t rest = type + 1 + subtype;
    return rest == length || text[rest] == ';' || text[rest] == ' ';
}
