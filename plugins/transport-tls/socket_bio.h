/*
 * An OpenSSL BIO over a non-blocking socket that sends with MSG_NOSIGNAL.
 * OpenSSL's own socket BIO writes with write(), which raises SIGPIPE when
 * the peer has gone; a plugin must not make the host die of it, nor change
 * the host's signal handling.
 */
#ifndef CORDON_TRANSPORT_TLS_SOCKET_BIO_H
#define CORDON_TRANSPORT_TLS_SOCKET_BIO_H

#include <openssl/bio.h>

/* The method, once per transport instance; NULL when out of memory. */
BIO_METHOD *socket_bio_method_new(void);

/* A BIO on fd, which it never closes; NULL when out of memory. */
BIO *socket_bio_new(BIO_METHOD *method, int fd);

#endif /* CORDON_TRANSPORT_TLS_SOCKET_BIO_H */
