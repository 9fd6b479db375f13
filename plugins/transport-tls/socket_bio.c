/*
 * A socket BIO without SIGPIPE (see socket_bio.h).
 */
#include "transport-tls/socket_bio.h"

#include <errno.h>
#include <stdint.h>
#include <sys/socket.h>

static int socket_of(BIO *bio) { return (int)(intptr_t)BIO_get_data(bio); }

static int bio_write(BIO *bio, const char *data, size_t length, size_t *written)
{
    BIO_clear_retry_flags(bio);
    ssize_t sent;
    do {
        sent = send(socket_of(bio), data, length, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent >= 0) {
        *written = (size_t)sent;
        return 1;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        BIO_set_retry_write(bio);
    return 0;
}

static int bio_read(BIO *bio, char *buffer, size_t capacity, size_t *got)
{
    BIO_clear_retry_flags(bio);
    ssize_t received;
    do {
        received = recv(socket_of(bio), buffer, capacity, 0);
    } while (received < 0 && errno == EINTR);
    if (received > 0) {
        *got = (size_t)received;
        return 1;
    }
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        BIO_set_retry_read(bio);
    return 0; /* 0 bytes: the peer closed; OpenSSL sees end of file */
}

static long bio_ctrl(BIO *bio, int command, long number, void *pointer)
{
    (void)bio;
    (void)number;
    (void)pointer;
    /* OpenSSL flushes after each flight of records; the socket needs none. */
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

BIO_METHOD *socket_bio_method_new(void)
{
    BIO_METHOD *method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "cordon socket");
    if (method == NULL)
        return NULL;
    if (BIO_meth_set_write_ex(method, bio_write) != 1 || BIO_meth_set_read_ex(method, bio_read) != 1 ||
        BIO_meth_set_ctrl(method, bio_ctrl) != 1) {
        BIO_meth_free(method);
        return NULL;
    }
    return method;
}

BIO *socket_bio_new(BIO_METHOD *method, int fd)
{
    BIO *bio = BIO_new(method);
    if (bio == NULL)
        return NULL;
    BIO_set_data(bio, (void *)(intptr_t)fd);
    BIO_set_init(bio, 1);
    return bio;
}
