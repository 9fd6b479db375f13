/*
 * Non-blocking sockets bound to one interface (see net_socket.h).
 */
#include "common/net_socket.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <unistd.h>

#include "common/net_error.h"

/* SIP messages leave whole; with Nagle the last segment of one would wait
 * for the peer's delayed ACK (some 40 ms each way on Linux). */
static int disable_nagle(int fd)
{
    const int on = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

int net_socket_open(int type, const net_address *local, char *reason, size_t capacity)
{
    char text[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t port = 0;
    net_address_format(&local->storage, text, &port);
    if (net_address_is_wildcard(local)) {
        net_write_reason(reason, capacity, "refusing to bind to the wildcard address %s: name one interface", text);
        return -1;
    }
    const int fd = socket(local->storage.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        net_write_reason(reason, capacity, "cannot create a socket: %s", strerror(errno));
        return -1;
    }
    const int on = 1;
    if (type == SOCK_STREAM && disable_nagle(fd) != 0) {
        net_write_reason(reason, capacity, "cannot set TCP_NODELAY: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (type == SOCK_STREAM && port != 0u && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0) {
        net_write_reason(reason, capacity, "cannot set SO_REUSEADDR: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (bind(fd, (const struct sockaddr *)&local->storage, local->length) != 0) {
        net_write_reason(reason, capacity, "cannot bind to %s port %u: %s", text, (unsigned)port, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int net_socket_connect(int fd, const net_address *peer)
{
    if (connect(fd, (const struct sockaddr *)&peer->storage, peer->length) == 0 || errno == EINPROGRESS)
        return 0;
    return errno;
}

int net_socket_error(int fd)
{
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        return errno;
    return error;
}

int net_socket_accept(int listener, struct sockaddr_storage *peer)
{
    socklen_t length = sizeof *peer;
    memset(peer, 0, sizeof *peer);
    const int fd = accept4(listener, (struct sockaddr *)peer, &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
        return -1;
    if (disable_nagle(fd) != 0) {
        const int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

void net_socket_local(int fd, char text[CORDON_TRANSPORT_ADDRESS_BYTES], uint16_t *port)
{
    struct sockaddr_storage local;
    socklen_t length = sizeof local;
    memset(&local, 0, sizeof local);
    if (getsockname(fd, (struct sockaddr *)&local, &length) != 0) {
        text[0] = '\0';
        *port = 0;
        return;
    }
    net_address_format(&local, text, port);
}
