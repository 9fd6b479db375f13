/*
 * The shared TLS context (see tls_context.h).
 */
#include "transport-tls/tls_context.h"

#include <openssl/err.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/net_error.h"
#include "transport-tls/socket_bio.h"

/* OpenSSL's last error as text, the queue emptied. */
static void openssl_reason(char *text, size_t capacity)
{
    const unsigned long code = ERR_peek_last_error();
    if (code == 0u)
        snprintf(text, capacity, "no detail from OpenSSL");
    else
        ERR_error_string_n(code, text, capacity);
    ERR_clear_error();
}

/* An encrypted key would make OpenSSL ask for a passphrase on the terminal. */
static int no_passphrase(char *buffer, int size, int writing, void *data)
{
    (void)buffer;
    (void)size;
    (void)writing;
    (void)data;
    return 0;
}

static int fail(tls_context *context, char *error, size_t error_capacity, const char *what, const char *file)
{
    char detail[CORDON_TRANSPORT_TEXT_BYTES];
    openssl_reason(detail, sizeof detail);
    net_write_reason(error, error_capacity, "tls: %s %s: %s", what, file, detail);
    tls_context_free(context);
    return 0;
}

static int load_files(tls_context *context, const tls_settings *settings, char *error, size_t error_capacity)
{
    if (settings->ca_file != NULL) {
        if (SSL_CTX_load_verify_locations(context->ssl, settings->ca_file, NULL) != 1)
            return fail(context, error, error_capacity, "cannot load the CAs of tls.ca_file", settings->ca_file);
    } else if (SSL_CTX_set_default_verify_paths(context->ssl) != 1) {
        return fail(context, error, error_capacity, "cannot use the system's trusted CAs", "");
    }
    if (settings->certificate_file == NULL)
        return 1;
    if (SSL_CTX_use_certificate_chain_file(context->ssl, settings->certificate_file) != 1)
        return fail(context, error, error_capacity, "cannot load tls.certificate_file", settings->certificate_file);
    SSL_CTX_set_default_passwd_cb(context->ssl, no_passphrase);
    if (SSL_CTX_use_PrivateKey_file(context->ssl, settings->private_key_file, SSL_FILETYPE_PEM) != 1)
        return fail(context, error, error_capacity, "cannot load tls.private_key_file (PEM, not encrypted)",
                    settings->private_key_file);
    if (SSL_CTX_check_private_key(context->ssl) != 1)
        return fail(context, error, error_capacity, "tls.private_key_file does not match tls.certificate_file",
                    settings->private_key_file);
    context->has_certificate = 1;
    return 1;
}

tls_context *tls_context_create(const tls_settings *settings, char *error, size_t error_capacity)
{
    ERR_clear_error();
    tls_context *context = calloc(1, sizeof *context);
    if (context == NULL) {
        net_write_reason(error, error_capacity, "tls: out of memory");
        return NULL;
    }
    context->verify = settings->verify;
    context->ssl = SSL_CTX_new(TLS_method());
    context->socket_method = socket_bio_method_new();
    if (context->ssl == NULL || context->socket_method == NULL) {
        fail(context, error, error_capacity, "cannot create the TLS context", "");
        return NULL;
    }
    if (SSL_CTX_set_min_proto_version(context->ssl, settings->min_version) != 1) {
        fail(context, error, error_capacity, "cannot set the minimum TLS version", "");
        return NULL;
    }
    /* Renegotiation is an old source of attacks and SIP has no use for it. A
     * peer that closes without close_notify cannot truncate a SIP message
     * unnoticed (the host frames by Content-Length), so that is a close. */
    SSL_CTX_set_options(context->ssl, SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF);
    /* The send queue hands over what it has, and may have moved it since. */
    SSL_CTX_set_mode(context->ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    if (!load_files(context, settings, error, error_capacity))
        return NULL;
    return context;
}

void tls_context_free(tls_context *context)
{
    if (context == NULL)
        return;
    SSL_CTX_free(context->ssl);
    BIO_meth_free(context->socket_method);
    free(context);
}
