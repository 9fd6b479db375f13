/*
 * The strict challenge reader (see auth_params.h).
 */
#include "common/auth_params.h"

#include <string.h>

#include "common/ascii_text.h"
#include "core/ascii_chars.h"

/* A cursor over the challenge; every read is checked against end. */
typedef struct reader {
    const char *text;
    size_t at;
    size_t end;
} reader;

static bool fail(auth_parse_error *error, const char *problem, size_t offset)
{
    error->problem = problem;
    error->offset = offset;
    return false;
}

/* A control character that may not stand in a challenge; HTAB is white space there. */
static bool is_control(char c) { return ascii_is_control(c) && c != '\t'; }

static bool at_end(const reader *r) { return r->at >= r->end; }

static unsigned char peek(const reader *r) { return (unsigned char)r->text[r->at]; }

static size_t skip_whitespace(reader *r)
{
    const size_t blanks = ascii_leading_blanks(r->text + r->at, r->end - r->at);
    r->at += blanks;
    return blanks;
}

static auth_text read_token(reader *r)
{
    const size_t start = r->at;
    while (!at_end(r) && is_rfc7230_tchar((char)peek(r)))
        ++r->at;
    return (auth_text){r->text + start, r->at - start};
}

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE; the opening quote
 * is at r->at. The unescaped value is appended to storage at *used. */
static bool read_quoted(reader *r, auth_param_list *list, size_t *used, auth_text *value, auth_parse_error *error)
{
    const size_t opening = r->at++;
    char *out = list->storage + *used;
    size_t length = 0;
    while (!at_end(r)) {
        unsigned char c = peek(r);
        ++r->at;
        if (c == '"') {
            *value = (auth_text){out, length};
            *used += length;
            return true;
        }
        if (c == '\\') {
            if (at_end(r))
                break;
            c = peek(r);
            ++r->at;
        }
        /* RFC 7230 allows HTAB here, but a value is echoed into an answer,
         * which the host checks free of control characters: refuse it now. */
        if (c == '\t')
            return fail(error, "a tab inside a quoted string", r->at - 1);
        out[length++] = (char)c;
    }
    return fail(error, "unterminated quoted string", opening);
}

static bool read_value(reader *r, auth_param_list *list, size_t *used, auth_text *value, auth_parse_error *error)
{
    if (!at_end(r) && peek(r) == '"')
        return read_quoted(r, list, used, value, error);
    const size_t start = r->at;
    const auth_text token = read_token(r);
    if (token.length == 0)
        return fail(error, "a parameter value is neither a token nor a quoted string", start);
    memcpy(list->storage + *used, token.data, token.length);
    *value = (auth_text){list->storage + *used, token.length};
    *used += token.length;
    return true;
}

static bool is_duplicate(const auth_param_list *list, auth_text name)
{
    for (uint32_t i = 0; i < list->count; ++i) {
        const auth_text earlier = list->params[i].name;
        if (ascii_spans_equal_nocase(earlier.data, earlier.length, name.data, name.length))
            return true;
    }
    return false;
}

static bool read_param(reader *r, auth_param_list *list, size_t *used, auth_parse_error *error)
{
    const size_t start = r->at;
    const auth_text name = read_token(r);
    if (name.length == 0)
        return fail(error, "expected a parameter name", start);
    skip_whitespace(r);
    if (at_end(r) || peek(r) != '=')
        return fail(error, "expected '=' after a parameter name (a token68 form is not accepted)", r->at);
    ++r->at;
    skip_whitespace(r);
    if (list->count == AUTH_PARAMS_MAX)
        return fail(error, "too many parameters", start);
    if (is_duplicate(list, name))
        return fail(error, "a parameter appears twice", start);
    auth_param *param = &list->params[list->count];
    param->name = name;
    if (!read_value(r, list, used, &param->value, error))
        return false;
    ++list->count;
    return true;
}

bool auth_params_parse(const char *challenge, size_t length, const char *scheme, auth_param_list *list,
                       auth_parse_error *error)
{
    list->count = 0;
    if (challenge == NULL || length == 0)
        return fail(error, "the challenge is empty", 0);
    if (length > CORDON_AUTH_MAX_CHALLENGE_BYTES)
        return fail(error, "the challenge is longer than CORDON_AUTH_MAX_CHALLENGE_BYTES", 0);
    for (size_t i = 0; i < length; ++i) {
        if (is_control(challenge[i]))
            return fail(error, "a control character", i);
    }
    reader r = {challenge, 0, length};
    skip_whitespace(&r);
    const size_t scheme_at = r.at;
    const auth_text found = read_token(&r);
    if (!auth_text_equal_nocase(found, scheme))
        return fail(error, "the challenge is of another scheme", scheme_at);
    if (skip_whitespace(&r) == 0 || at_end(&r))
        return fail(error, "the scheme is not followed by parameters", r.at);
    size_t used = 0;
    for (;;) {
        if (!read_param(&r, list, &used, error))
            return false;
        skip_whitespace(&r);
        if (at_end(&r))
            return true;
        if (peek(&r) != ',')
            return fail(error, "unexpected text after a parameter", r.at);
        ++r.at;
        skip_whitespace(&r);
    }
}

const auth_param *auth_params_find(const auth_param_list *list, const char *name)
{
    for (uint32_t i = 0; i < list->count; ++i) {
        if (auth_text_equal_nocase(list->params[i].name, name))
            return &list->params[i];
    }
    return NULL;
}

bool auth_text_equal_nocase(auth_text text, const char *word)
{
    return ascii_span_equal_nocase(text.data, text.length, word);
}
