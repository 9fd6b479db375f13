/*
 * Sockets as Cordon's transports open them: non-blocking (the host's loop
 * waits, never the plugin), close-on-exec, bound to one named interface.
 * Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_NET_SOCKET_H
#define CORDON_PLUGIN_SUPPORT_NET_SOCKET_H

#include <stddef.h>
#include <stdint.h>

#include "common/net_address.h"

/* A socket of type SOCK_DGRAM or SOCK_STREAM bound to local (port 0: the
 * system picks an ephemeral one). A wildcard address is refused. Stream
 * sockets get TCP_NODELAY; one bound to a fixed port also gets SO_REUSEADDR,
 * so a listener can start again at once. Returns the descriptor, or -1 with
 * the reason written into reason. */
int net_socket_open(int type, const net_address *local, char *reason, size_t capacity);

/* Starts connecting fd to peer: 0 when connected or in progress, otherwise
 * the errno value. */
int net_socket_connect(int fd, const net_address *peer);

/* How a pending connect ended: 0 when connected, otherwise the errno value. */
int net_socket_error(int fd);

/* Accepts one connection from listener, set up as net_socket_open would
 * (non-blocking, close-on-exec, TCP_NODELAY), its peer in *peer. -1 with
 * errno when none is waiting or accepting failed. */
int net_socket_accept(int listener, struct sockaddr_storage *peer);

/* The address and port fd is bound to ("" and 0 when unknown). */
void net_socket_local(int fd, char text[CORDON_TRANSPORT_ADDRESS_BYTES], uint16_t *port);

#endif /* CORDON_PLUGIN_SUPPORT_NET_SOCKET_H */
