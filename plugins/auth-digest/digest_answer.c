/*
 * Writing a Digest answer (see digest_answer.h).
 */
#include "auth-digest/digest_answer.h"

#include "auth-digest/digest_response.h"
#include "common/header_writer.h"

static void quoted_param(header_writer *writer, const char *name, auth_text value)
{
    header_writer_cstr(writer, name);
    header_writer_cstr(writer, "=");
    header_writer_quoted(writer, value.data, value.length);
}

size_t digest_answer_write(const digest_answer_fields *fields, char *answer, size_t capacity)
{
    header_writer writer = header_writer_start(answer, capacity);
    header_writer_cstr(&writer, "Digest ");
    quoted_param(&writer, "username", fields->username);
    quoted_param(&writer, ", realm", fields->challenge->realm);
    quoted_param(&writer, ", nonce", fields->challenge->nonce);
    quoted_param(&writer, ", uri", fields->uri);
    header_writer_cstr(&writer, ", response=\"");
    header_writer_cstr(&writer, fields->response);
    header_writer_cstr(&writer, "\", algorithm=");
    header_writer_cstr(&writer, fields->algorithm);
    if (fields->qop != DIGEST_QOP_NONE) {
        header_writer_cstr(&writer, ", cnonce=\"");
        header_writer_cstr(&writer, fields->cnonce);
        header_writer_cstr(&writer, "\", qop=");
        header_writer_cstr(&writer, digest_qop_name(fields->qop));
        header_writer_cstr(&writer, ", nc=");
        header_writer_cstr(&writer, fields->nonce_count);
    }
    if (fields->challenge->has_opaque)
        quoted_param(&writer, ", opaque", fields->challenge->opaque);
    return header_writer_finish(&writer);
}
