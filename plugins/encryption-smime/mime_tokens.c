/*
 * Blanks between MIME tokens (mime_tokens.h), and the bound on the content
 * type values of mime_entity.h.
 */
#include "encryption-smime/mime_tokens.h"

#include "core/media_type.h"
#include "encryption-smime/mime_entity.h"

size_t mime_blank_length(const char *text, size_t length)
{
    size_t count = 0;
    while (count < length && (text[count] == ' ' || text[count] == '\t'))
        ++count;
    return count;
}

bool mime_content_type_is_valid(const char *text, size_t length)
{
    return length <= CORDON_BODY_CONTENT_TYPE_BYTES && is_content_type_value(text, length);
}
