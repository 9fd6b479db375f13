/*
 * The flow list of a stream transport (see stream_flows.h).
 */
#include "common/stream_flows.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/net_error.h"
#include "common/stream_transport.h"

stream_flow *stream_flow_add(cordon_transport *transport, int fd, stream_state state)
{
    stream_flow *flow = calloc(1, sizeof *flow);
    if (flow == NULL)
        return NULL;
    flow->id = ++transport->next_id;
    flow->fd = fd;
    flow->state = state;
    send_queue_init(&flow->queue, STREAM_SEND_QUEUE_BYTES);
    flow->next = transport->flows;
    transport->flows = flow;
    return flow;
}

stream_flow *stream_flow_find(const cordon_transport *transport, cordon_flow_id id)
{
    for (stream_flow *flow = transport->flows; flow != NULL; flow = flow->next) {
        if (flow->id == id)
            return flow;
    }
    return NULL;
}

stream_flow *stream_flow_find_fd(const cordon_transport *transport, int fd)
{
    for (stream_flow *flow = transport->flows; flow != NULL; flow = flow->next) {
        if (flow->fd == fd)
            return flow;
    }
    return NULL;
}

static uint32_t interest_of(const stream_flow *flow)
{
    if (flow->failed)
        return CORDON_FD_READABLE | CORDON_FD_WRITABLE; /* a broken socket is ready at once */
    switch (flow->state) {
    case STREAM_LISTENING:
        return CORDON_FD_READABLE;
    case STREAM_CONNECTING:
        return CORDON_FD_WRITABLE;
    case STREAM_HANDSHAKING:
        return CORDON_FD_READABLE | (flow->handshake_wants_write ? CORDON_FD_WRITABLE : 0u);
    case STREAM_OPEN:
        break;
    }
    const int has_output = send_queue_length(&flow->queue) > 0u && !flow->write_wants_read;
    return CORDON_FD_READABLE | (has_output || flow->read_wants_write ? CORDON_FD_WRITABLE : 0u);
}

cordon_status stream_flow_watch(cordon_transport *transport, stream_flow *flow)
{
    const cordon_transport_host *host = transport->host;
    return host->watch_fd(host, flow->fd, interest_of(flow));
}

void stream_flow_release(cordon_transport *transport, stream_flow *flow)
{
    for (stream_flow **link = &transport->flows; *link != NULL; link = &(*link)->next) {
        if (*link == flow) {
            *link = flow->next;
            break;
        }
    }
    transport->host->unwatch_fd(transport->host, flow->fd);
    if (flow->connection != NULL)
        transport->layer->end(flow->connection);
    close(flow->fd);
    send_queue_free(&flow->queue);
    free(flow->server_name);
    free(flow);
}

void stream_flow_fail(cordon_transport *transport, stream_flow *flow, const stream_failure *failure)
{
    /* Copied first: failure may live in the flow being freed. */
    const stream_failure reported = *failure;
    const cordon_flow_id id = flow->id;
    stream_flow_release(transport, flow);
    transport->host->flow_event(transport->host, id, CORDON_FLOW_EVENT_CLOSED, reported.error, reported.message);
}

void stream_failure_from_errno(stream_failure *failure, const stream_flow *flow, const char *doing, int error_number)
{
    failure->error = net_flow_error(error_number);
    net_write_reason(failure->message, sizeof failure->message, "%s %s port %u: %s", doing, flow->remote_address,
                     (unsigned)flow->remote_port, strerror(error_number));
}
