/*
 * The connections and listeners of one stream transport instance, shared by
 * stream_transport.c (the calls from the host) and stream_io.c (what on_fd
 * does). Internal to cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_STREAM_FLOWS_H
#define CORDON_PLUGIN_SUPPORT_STREAM_FLOWS_H

#include <stdint.h>

#include "common/send_queue.h"
#include "common/stream_layer.h"
#include "cordon/transport.h"

typedef enum stream_state {
    STREAM_LISTENING,
    STREAM_CONNECTING,  /* TCP connect in progress */
    STREAM_HANDSHAKING, /* the layer's handshake in progress */
    STREAM_OPEN
} stream_state;

typedef struct stream_flow {
    struct stream_flow *next;
    cordon_flow_id id;
    int fd;
    stream_state state;
    void *connection; /* the layer's, once started */
    send_queue queue;
    /* What the layer waits for before its handshake, a read or a write can
     * go on (TLS may need to write to read, or read to write). */
    int handshake_wants_write;
    int read_wants_write;
    int write_wants_read;
    /* A failure found outside on_fd (a send), reported from the next on_fd. */
    int failed;
    stream_failure failure;
    char *server_name; /* from open_flow, for the layer's start; NULL when none */
    char local_address[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t local_port;
    char remote_address[CORDON_TRANSPORT_ADDRESS_BYTES];
    uint16_t remote_port;
} stream_flow;

struct cordon_transport {
    const cordon_transport_host *host;
    const stream_layer *layer; /* NULL: plain TCP */
    void *context;
    const char *name;
    stream_flow *flows;
    cordon_flow_id next_id;
};

/* A new flow on fd in state, with the next id; NULL when out of memory. */
stream_flow *stream_flow_add(cordon_transport *transport, int fd, stream_state state);
stream_flow *stream_flow_find(const cordon_transport *transport, cordon_flow_id id);
stream_flow *stream_flow_find_fd(const cordon_transport *transport, int fd);

/* Asks the host to watch the flow's socket for what its state needs. */
cordon_status stream_flow_watch(cordon_transport *transport, stream_flow *flow);

/* Unlinks the flow, unwatches and closes its socket, ends the layer's
 * state and frees it. No event. */
void stream_flow_release(cordon_transport *transport, stream_flow *flow);

/* Releases the flow, then tells the host it closed and why. */
void stream_flow_fail(cordon_transport *transport, stream_flow *flow, const stream_failure *failure);

/* Fills failure from an errno value, with a message naming the peer and what
 * was being done. */
void stream_failure_from_errno(stream_failure *failure, const stream_flow *flow, const char *doing, int error_number);

#endif /* CORDON_PLUGIN_SUPPORT_STREAM_FLOWS_H */
