/*
 * A bounded byte queue (see send_queue.h): one buffer, grown by doubling up
 * to the bound, compacted when the sent prefix is in the way.
 */
#include "common/send_queue.h"

#include <stdlib.h>
#include <string.h>

/* The first allocation; most SIP messages fit. */
#define SEND_QUEUE_INITIAL_BYTES 4096u

void send_queue_init(send_queue *queue, size_t bound)
{
    memset(queue, 0, sizeof *queue);
    queue->bound = bound;
}

void send_queue_free(send_queue *queue)
{
    free(queue->bytes);
    send_queue_init(queue, queue->bound);
}

size_t send_queue_length(const send_queue *queue) { return queue->end - queue->start; }

bool send_queue_fits(const send_queue *queue, size_t length)
{
    return length <= queue->bound - send_queue_length(queue);
}

bool send_queue_push(send_queue *queue, const uint8_t *data, size_t length)
{
    if (!send_queue_fits(queue, length))
        return false;
    if (length == 0u)
        return true;
    const size_t queued = send_queue_length(queue);
    if (queue->end + length > queue->capacity) {
        /* Move what is left to the front first; grow only if that is not enough. */
        if (queue->start > 0u) {
            memmove(queue->bytes, queue->bytes + queue->start, queued);
            queue->start = 0u;
            queue->end = queued;
        }
        if (queued + length > queue->capacity) {
            size_t capacity = queue->capacity == 0u ? SEND_QUEUE_INITIAL_BYTES : queue->capacity;
            while (capacity < queued + length)
                capacity *= 2u;
            uint8_t *grown = realloc(queue->bytes, capacity);
            if (grown == NULL)
                return false;
            queue->bytes = grown;
            queue->capacity = capacity;
        }
    }
    memcpy(queue->bytes + queue->end, data, length);
    queue->end += length;
    return true;
}

const uint8_t *send_queue_front(const send_queue *queue) { return queue->bytes + queue->start; }

void send_queue_consume(send_queue *queue, size_t count)
{
    queue->start += count;
    if (queue->start == queue->end) {
        queue->start = 0u;
        queue->end = 0u;
    }
}
