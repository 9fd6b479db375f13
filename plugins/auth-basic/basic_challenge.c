/*
 * Reading a Basic challenge (see basic_challenge.h).
 */
#include "auth-basic/basic_challenge.h"

#include "cordon/auth.h"
#include "core/ascii_chars.h"

static bool fail(auth_parse_error *error, const char *problem, size_t offset)
{
    error->problem = problem;
    error->offset = offset;
    return false;
}

static bool printable_ascii(auth_text text)
{
    for (size_t i = 0; i < text.length; ++i) {
        if (!ascii_is_printable(text.data[i]))
            return false;
    }
    return true;
}

bool basic_challenge_read(const char *text, size_t length, auth_param_list *list, auth_text *realm,
                          auth_parse_error *error)
{
    if (!auth_params_parse(text, length, "Basic", list, error))
        return false;
    const auth_param *found = auth_params_find(list, "realm");
    if (found == NULL)
        return fail(error, "the realm is missing", length);
    const size_t realm_at = (size_t)(found->name.data - text);
    if (found->value.length >= CORDON_AUTH_TEXT_BYTES || !printable_ascii(found->value))
        return fail(error, "the realm is not printable ASCII or is longer than 255 bytes", realm_at);
    const auth_param *charset = auth_params_find(list, "charset");
    if (charset != NULL && !auth_text_equal_nocase(charset->value, "UTF-8"))
        return fail(error, "charset is not UTF-8", (size_t)(charset->name.data - text));
    *realm = found->value;
    return true;
}
