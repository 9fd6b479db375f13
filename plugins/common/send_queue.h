/*
 * The bytes a stream transport accepted but the socket has not taken yet,
 * in order, up to a bound: past it the caller is told so and nothing is
 * queued, so a stalled peer costs bounded memory and the flow stays usable.
 * Part of cordon_transport_support.
 */
#ifndef CORDON_PLUGIN_SUPPORT_SEND_QUEUE_H
#define CORDON_PLUGIN_SUPPORT_SEND_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct send_queue {
    uint8_t *bytes;
    size_t start;    /* first byte not yet sent */
    size_t end;      /* one past the last queued byte */
    size_t capacity; /* allocated */
    size_t bound;    /* most bytes ever queued */
} send_queue;

/* An empty queue that holds at most bound bytes. */
void send_queue_init(send_queue *queue, size_t bound);
void send_queue_free(send_queue *queue);

size_t send_queue_length(const send_queue *queue);

/* Whether length more bytes fit under the bound. */
bool send_queue_fits(const send_queue *queue, size_t length);

/* Appends data; false when it would pass the bound or memory ran out
 * (nothing is queued then). */
bool send_queue_push(send_queue *queue, const uint8_t *data, size_t length);

/* The queued bytes, oldest first; valid until the next push or consume. */
const uint8_t *send_queue_front(const send_queue *queue);

/* Drops the first count bytes (count <= length), which were sent. */
void send_queue_consume(send_queue *queue, size_t count);

#endif /* CORDON_PLUGIN_SUPPORT_SEND_QUEUE_H */
