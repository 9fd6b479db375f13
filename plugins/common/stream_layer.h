/*
 * What a stream transport puts between its TCP connections and the host:
 * nothing for TCP (no layer), TLS for TLS. stream_transport.c drives the
 * sockets and calls these; a layer never waits, it says what it wants.
 * Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_STREAM_LAYER_H
#define CORDON_PLUGIN_SUPPORT_STREAM_LAYER_H

#include <stddef.h>
#include <stdint.h>

#include "cordon/transport.h"

/* What one step of a layer came to. */
typedef enum stream_step {
    STREAM_STEP_DONE,       /* finished, or moved bytes */
    STREAM_STEP_WANT_READ,  /* call again when the socket is readable */
    STREAM_STEP_WANT_WRITE, /* call again when the socket is writable */
    STREAM_STEP_CLOSED,     /* the peer closed in order */
    STREAM_STEP_FAILED      /* the connection is unusable; see the failure */
} stream_step;

/* Why a connection failed: the error and a message naming the reason. */
typedef struct stream_failure {
    cordon_flow_error error;
    char message[CORDON_TRANSPORT_TEXT_BYTES];
} stream_failure;

/* The peer a connection is with, as the layer needs it to start. */
typedef struct stream_peer {
    int fd;
    int accepted;        /* 1 on the accepting side (TLS server) */
    const char *address; /* numeric */
    uint16_t port;
    const char *server_name; /* the name it must prove; NULL: its address */
} stream_peer;

typedef struct stream_layer {
    /* Once the TCP connection is up: the layer's state for it, or NULL with
     * failure filled. */
    void *(*start)(void *context, const stream_peer *peer, stream_failure *failure);
    /* Advances the handshake. */
    stream_step (*handshake)(void *connection, stream_failure *failure);
    /* Reads at most capacity bytes into buffer (DONE with *length > 0). */
    stream_step (*read)(void *connection, uint8_t *buffer, size_t capacity, size_t *length, stream_failure *failure);
    /* Writes at most length bytes (DONE with *written > 0). The same bytes
     * may be at another address when the call is repeated. */
    stream_step (*write)(void *connection, const uint8_t *data, size_t length, size_t *written,
                         stream_failure *failure);
    /* Whether read would give bytes the socket no longer shows as readable
     * (TLS records already taken from it). */
    int (*holds_bytes)(void *connection);
    /* Fills the secure fields of info (version, cipher, peer subject). */
    void (*describe)(void *connection, cordon_flow_info *info);
    /* Ends and frees the connection's state; the socket is closed after. */
    void (*end)(void *connection);
    /* Whether the context can accept connections; when not, the reason. */
    int (*can_listen)(void *context, char *reason, size_t capacity);
    /* Frees the context when the transport is destroyed. */
    void (*free_context)(void *context);
} stream_layer;

#endif /* CORDON_PLUGIN_SUPPORT_STREAM_LAYER_H */
