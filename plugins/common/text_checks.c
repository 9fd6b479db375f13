/*
 * The bounded length (see text_checks.h).
 */
#include "common/text_checks.h"

size_t text_length_within(const char *text, size_t limit)
{
    size_t length = 0;
    while (length < limit && text[length] != '\0')
        ++length;
    return length;
}
