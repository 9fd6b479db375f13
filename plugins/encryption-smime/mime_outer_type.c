/*
 * The outer Content-Type value of an encrypted body (mime_entity.h), checked
 * before a byte of the body reaches the CMS parser.
 */
#include <string.h>

#include "common/ascii_text.h"
#include "core/ascii_chars.h"
#include "core/media_type.h"
#include "encryption-smime/body_output.h"
#include "encryption-smime/mime_entity.h"

#define PKCS7_MIME_TYPE "application/pkcs7-mime"
#define SMIME_TYPE_PARAMETER "smime-type"
#define AUTH_ENVELOPED "authEnveloped-data"
#define ENVELOPED "enveloped-data"

/* The length of the quoted-string at text[0..length), quotes included, or 0
 * when it is not one (unterminated, a control character inside). */
static size_t quoted_length(const char *text, size_t length)
{
    if (length == 0 || text[0] != '"')
        return 0;
    for (size_t i = 1; i < length; ++i) {
        if (!ascii_is_printable(text[i]))
            return 0;
        if (text[i] == '"')
            return i + 1;
        if (text[i] == '\\') {
            if (i + 1 == length || !ascii_is_printable(text[i + 1]))
                return 0;
            ++i;
        }
    }
    return 0;
}

cordon_body_status mime_check_outer_type(const char *text, size_t length, char *why, size_t why_capacity)
{
    const size_t type = rfc2045_token_length(text, length);
    const size_t subtype =
        type < length && text[type] == '/' ? rfc2045_token_length(text + type + 1, length - type - 1) : 0;
    if (type == 0 || subtype == 0) {
        body_format_text(why, why_capacity, "the Content-Type does not start with type/subtype");
        return CORDON_BODY_STATUS_MALFORMED_INPUT;
    }
    if (!ascii_span_equal_nocase(text, type + 1 + subtype, PKCS7_MIME_TYPE)) {
        body_format_text(why, why_capacity, "the Content-Type is not " PKCS7_MIME_TYPE);
        return CORDON_BODY_STATUS_UNSUPPORTED;
    }
    size_t at = type + 1 + subtype;
    const char *smime_type = NULL;
    size_t smime_type_length = 0;
    while (at < length) {
        at += ascii_leading_blanks(text + at, length - at);
        if (at == length)
            break;
        if (text[at] != ';') {
            body_format_text(why, why_capacity, "the Content-Type has '%c' where ';' or its end belongs", text[at]);
            return CORDON_BODY_STATUS_MALFORMED_INPUT;
        }
        ++at;
        at += ascii_leading_blanks(text + at, length - at);
        const char *name = text + at;
        const size_t name_length = rfc2045_token_length(name, length - at);
        at += name_length;
        if (name_length == 0 || at == length || text[at] != '=') {
            body_format_text(why, why_capacity, "a Content-Type parameter is not name=value");
            return CORDON_BODY_STATUS_MALFORMED_INPUT;
        }
        ++at;
        const char *value = text + at;
        size_t value_length = rfc2045_token_length(value, length - at);
        if (value_length == 0)
            value_length = quoted_length(value, length - at);
        if (value_length == 0) {
            body_format_text(why, why_capacity, "a Content-Type parameter's value is neither a token nor quoted");
            return CORDON_BODY_STATUS_MALFORMED_INPUT;
        }
        at += value_length;
        if (value[0] == '"') {
            /* A quoted value means what it says between the quotes. */
            ++value;
            value_length -= 2;
        }
        if (ascii_span_equal_nocase(name, name_length, SMIME_TYPE_PARAMETER)) {
            if (smime_type != NULL) {
                body_format_text(why, why_capacity, "the Content-Type has smime-type twice");
                return CORDON_BODY_STATUS_MALFORMED_INPUT;
            }
            smime_type = value;
            smime_type_length = value_length;
        }
    }
    if (smime_type != NULL && ascii_span_equal_nocase(smime_type, smime_type_length, AUTH_ENVELOPED))
        return CORDON_BODY_STATUS_OK;
    if (smime_type != NULL && ascii_span_equal_nocase(smime_type, smime_type_length, ENVELOPED)) {
        body_format_text(why, why_capacity, "smime-type enveloped-data is refused: it is not integrity protected");
        return CORDON_BODY_STATUS_UNSUPPORTED;
    }
    body_format_text(why, why_capacity, "the Content-Type's smime-type is %s; only " AUTH_ENVELOPED " is taken",
                     smime_type == NULL ? "missing" : "another");
    return CORDON_BODY_STATUS_UNSUPPORTED;
}
