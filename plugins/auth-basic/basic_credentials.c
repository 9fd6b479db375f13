/*
 * Encoding Basic credentials with OpenSSL's base64 (see basic_credentials.h).
 */
#include "auth-basic/basic_credentials.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <string.h>

#include "common/header_writer.h"
#include "common/text_checks.h"
#include "cordon/auth.h"
#include "core/ascii_chars.h"

#define BASIC_PREFIX "Basic "
/* Plain credentials longer than this cannot fit in any answer the host takes:
 * base64 makes four bytes of three. */
#define MAX_PLAIN_BYTES (CORDON_AUTH_MAX_ANSWER_BYTES / 4u * 3u)

const char *basic_credentials_problem(const char *username, const char *password)
{
    const size_t username_length = text_length_within(username, MAX_PLAIN_BYTES + 1u);
    const size_t password_length = text_length_within(password, MAX_PLAIN_BYTES + 1u);
    if (username_length + password_length + 1u > MAX_PLAIN_BYTES)
        return "the credentials are too long for an answer";
    if (memchr(username, ':', username_length) != NULL)
        return "the username contains ':', which Basic cannot carry";
    if (ascii_has_control(username, username_length))
        return "the username contains a control character";
    if (ascii_has_control(password, password_length))
        return "the password contains a control character";
    return NULL;
}

cordon_status basic_credentials_write(const char *username, const char *password, char *answer, size_t answer_capacity,
                                      size_t *answer_length)
{
    unsigned char plain[MAX_PLAIN_BYTES];
    /* EVP_EncodeBlock writes a NUL after the base64. */
    unsigned char encoded[CORDON_AUTH_MAX_ANSWER_BYTES + 1u];
    const size_t username_length = text_length_within(username, MAX_PLAIN_BYTES + 1u);
    const size_t password_length = text_length_within(password, MAX_PLAIN_BYTES + 1u);
    if (username_length + password_length + 1u > MAX_PLAIN_BYTES)
        return CORDON_STATUS_INVALID_ARGUMENT;
    memcpy(plain, username, username_length);
    plain[username_length] = ':';
    memcpy(plain + username_length + 1u, password, password_length);
    const int encoded_length = EVP_EncodeBlock(encoded, plain, (int)(username_length + 1u + password_length));
    OPENSSL_cleanse(plain, sizeof plain);

    header_writer writer = header_writer_start(answer, answer_capacity);
    header_writer_cstr(&writer, BASIC_PREFIX);
    header_writer_text(&writer, (const char *)encoded, (size_t)encoded_length);
    OPENSSL_cleanse(encoded, sizeof encoded);
    *answer_length = header_writer_finish(&writer);
    return *answer_length == 0 ? CORDON_STATUS_BUFFER_TOO_SMALL : CORDON_STATUS_OK;
}
