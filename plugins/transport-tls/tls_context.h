/*
 * What every TLS connection of one transport instance shares: the SSL_CTX
 * built from the settings (minimum version, trusted CAs, our certificate),
 * the socket BIO method, and whether peers are verified.
 */
#ifndef CORDON_TRANSPORT_TLS_CONTEXT_H
#define CORDON_TRANSPORT_TLS_CONTEXT_H

#include <openssl/ssl.h>

#include "transport-tls/tls_settings.h"

typedef struct tls_context {
    SSL_CTX *ssl;
    BIO_METHOD *socket_method;
    int verify;
    int has_certificate; /* can accept connections (listen) */
} tls_context;

/* NULL with the reason in error; a file that cannot be used is named. */
tls_context *tls_context_create(const tls_settings *settings, char *error, size_t error_capacity);
void tls_context_free(tls_context *context);

#endif /* CORDON_TRANSPORT_TLS_CONTEXT_H */
